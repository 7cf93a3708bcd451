// rollback: delete the MachineOSConfig so the MCO returns the pool to the stock image of its
// rendered config, optionally remove what doca-layer created (never the global pull secret,
// never the registry), and follow the pool back.
#pragma once

#include <chrono>

#include "kube/client.h"
#include "spec/layer_spec.h"
#include "workflow/events.h"
#include "workflow/reconcile.h"

namespace dl::workflow {

struct RollbackOptions {
  bool purge = false;  ///< also delete push-secret, pull-and-push-secret, etc-yum-repos-d, etc-pki-rpm-gpg
  bool wait = true;
  DryRun dry_run = DryRun::none;
  std::chrono::milliseconds timeout{std::chrono::hours(2)};
};

struct RollbackReport {
  std::vector<std::string> deleted;  ///< "Kind ns/name"
  std::string stock_image;           ///< the image the pool returns to
};

/// Deletes the layer of pool spec.pool. Only objects labelled as doca-layer's are purged.
/// Nothing to delete is not an error (a second rollback reads and returns).
util::Result<RollbackReport> rollback(kube::Client& client, const spec::LayerSpec& spec, const RollbackOptions& options,
                                      const EventSink& events);

/// spec.osImageURL of the pool's rendered MachineConfig: the stock image its nodes boot without a layer.
util::Result<std::string> stock_image(kube::Client& client, const std::string& pool);

}  // namespace dl::workflow

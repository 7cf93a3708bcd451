// apply: the main job's write path, in the order of the manual procedure and each step
// idempotent: registry (claim, operator config, wait until the claim is bound and the registry
// runs), push credentials (in memory), repos ConfigMap and GPG Secret, the MachineOSConfig;
// then follow the build and the rollout. A second apply on a finished cluster reads and writes
// nothing; an apply interrupted anywhere and run again finishes the job (state lives in the
// cluster only).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "kube/client.h"
#include "spec/layer_spec.h"
#include "workflow/events.h"
#include "workflow/follow.h"
#include "workflow/reconcile.h"

namespace dl::workflow {

struct ApplyOptions {
  DryRun dry_run = DryRun::none;
  bool wait = true;  ///< follow the build and the rollout
  /// Build the image again although the MachineOSConfig did not change (k_rebuild_annotation):
  /// after a change of the package repositories only, which the MCO does not rebuild for.
  bool rebuild = false;
  std::chrono::milliseconds timeout{std::chrono::hours(2)};        ///< for the build and the rollout each
  std::chrono::milliseconds registry_timeout{std::chrono::minutes(10)};  ///< claim Bound, registry available
  std::function<long long()> now;  ///< epoch seconds; empty: the system clock
};

struct ApplyReport {
  std::vector<Outcome> outcomes;  ///< one per object, in apply order
  int writes = 0;                 ///< created + updated objects (TokenRequests not counted)
  bool token_requested = false;
  std::optional<long long> token_expires;
  bool layer_changed = false;  ///< the MachineOSConfig was created or changed: a build follows
  bool repos_changed = false;  ///< the repos ConfigMap or GPG Secret was written
  bool rebuild_requested = false;  ///< options.rebuild asked the MCO for a new build
  std::optional<BuildResult> build;
  std::string image;  ///< the image the pool runs (or will) when known
  /// The image a passed verify recorded on the MachineOSConfig (k_verified_annotation), so a
  /// re-run after a crash between rollout and verify still verifies.
  std::string verified_image;
};

/// Runs the steps for `spec` (validated). Stops at the first failing step with its error.
util::Result<ApplyReport> apply(kube::Client& client, const spec::LayerSpec& spec, const ApplyOptions& options,
                                const EventSink& events);

/// Waits for the registry's claim to be Bound and its Deployment to have an available replica.
util::Status wait_registry(kube::Client& client, const spec::LayerSpec& spec, std::chrono::milliseconds timeout,
                           const EventSink& events);

}  // namespace dl::workflow

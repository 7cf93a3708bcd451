// Names for shell completion (`doca-layer __complete`): the cluster's pools and nodes, and the
// kubeconfig's contexts. Quick and quiet: one attempt, bounded time, failures as values.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "workflow/connect.h"

namespace dl::workflow {

enum class NameKind { pools, nodes, contexts };

/// The names of `kind`, sorted: MachineConfigPools or Nodes from one list request (no retries;
/// connecting and the request each bounded by `budget`), or the context names of the kubeconfig
/// `options` selects (no request). Any failure is an error.
util::Result<std::vector<std::string>> list_names(NameKind kind, const ConnectOptions& options,
                                                  std::chrono::milliseconds budget);

}  // namespace dl::workflow

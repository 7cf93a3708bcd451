// logs: the build log of the pool's current (or last) MachineOSBuild, streamed from the build
// pod's image-build container; with follow, it keeps going across pod restarts (the Job's
// retries) until the build ends.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <string_view>

#include "kube/client.h"

namespace dl::workflow {

struct LogsOptions {
  bool follow = false;
  std::string build;  ///< a MachineOSBuild name; empty: the MachineOSConfig's current one
  const std::atomic<bool>* cancel = nullptr;
};

/// Streams the log of the build of MachineOSConfig `mosc` to `out`. not_found when the pool
/// has no build yet (the message says so).
util::Status build_logs(kube::Client& client, const std::string& mosc, const LogsOptions& options,
                        const std::function<void(std::string_view)>& out);

}  // namespace dl::workflow

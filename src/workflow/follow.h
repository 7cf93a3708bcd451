// Following the cluster after a MachineOSConfig write: which MachineOSBuild serves the current
// spec, how the build ends (with the dnf error from the build log when it fails), and the
// pool's rollout node by node, with an ETA from the node durations observed so far.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kube/client.h"
#include "workflow/events.h"
#include "workflow/observer.h"

namespace dl::workflow {

struct BuildResult {
  std::string name;       ///< MachineOSBuild name
  std::string state;      ///< Succeeded, Failed, Interrupted
  std::string image;      ///< status.digestedImagePushSpec when Succeeded
  std::string log_excerpt;  ///< Failed: the build log's error lines
  std::chrono::seconds took{0};
};

/// The MachineOSBuild state from its conditions: Prepared, Building, Succeeded, Failed,
/// Interrupted ("" when it has none True).
std::string build_state(const json& mosb);

/// The lines of a build log that explain a failure (dnf's "No match for argument", "Error:",
/// push errors), at most `max_lines`, the last ones first kept.
std::string failure_lines(const std::string& log, size_t max_lines = 8);

/// Waits for MachineOSConfig `mosc` to point at the build of its current generation, then for
/// that build to end. A Failed build is returned as an error whose message carries the
/// build log's failure lines. After a rebuild request, `stale_uid` is the uid of the build it
/// replaces: that object (same name, until the MCO deletes it) and a MachineOSConfig still
/// carrying the request are not the awaited build.
util::Result<BuildResult> follow_build(kube::Client& client, const std::string& mosc, std::chrono::milliseconds timeout,
                                       const EventSink& events, const std::string& stale_uid = "");

/// The MCO's rebuild request: this annotation on a MachineOSConfig replaces its current build.
inline constexpr const char* k_rebuild_annotation = "machineconfiguration.openshift.io/rebuild";

/// Asks the MCO to build MachineOSConfig `mosc` again (k_rebuild_annotation) unless `dry_run`;
/// returns the uid of the build being replaced ("none" when it has none yet) for follow_build.
util::Result<std::string> request_rebuild(kube::Client& client, const std::string& mosc, bool dry_run);

/// The nodes of pool `pool` (its spec.nodeSelector), as label selector text.
std::string pool_selector(const json& pool);

/// Waits for every node of pool `pool` to run `image` (currentImage annotation, state Done) and
/// the pool to report Updated; a Degraded node or pool fails the wait with its reason.
/// Emits one event per node that starts or finishes, and progress with an ETA.
util::Status follow_rollout(kube::Client& client, const std::string& pool, const std::string& image,
                            std::chrono::milliseconds timeout, const EventSink& events);

/// The last build pod of MachineOSBuild `mosb` ("" when none).
std::string build_pod_name(kube::Client& client, const std::string& mosb);

}  // namespace dl::workflow

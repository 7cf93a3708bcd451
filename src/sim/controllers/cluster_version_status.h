// What the simulated cluster-version operator decides and reports, as pure functions of the
// ClusterVersion object: whether spec.desiredUpdate is an update to start (and if not, which
// condition says why, worded as the real CVO words it), the available updates, and the
// Progressing messages of an update in flight. The controller (cluster_version.h) applies them.
#pragma once

#include <string>

#include "sim/api/store.h"
#include "sim/cluster/update_graph.h"

namespace dl::sim::controllers::cvo {

using api::json;

/// The release an update request names, resolved.
struct UpdateDecision {
  enum class Kind {
    none,     ///< no desiredUpdate, or it names the release already being reconciled
    accept,   ///< start updating to `version` / `image`
    invalid,  ///< the ClusterVersion is invalid: condition Invalid=True (InvalidClusterVersion)
    refuse,   ///< the payload is not accepted: ReleaseAccepted=False with `reason`
  };
  Kind kind = Kind::none;
  std::string version;
  std::string image;
  bool force = false;
  std::string reason;   ///< refuse: RetrievePayload | VerifyPayloadVersion | PreconditionChecks
  std::string message;  ///< invalid / refuse: the condition message
};

/// Decides what spec.desiredUpdate of `cv` asks for. `graph`: the update service's answer for
/// the release being reconciled; `degraded_pool`: a MachineConfigPool is Degraded (the MCO then
/// reports Upgradeable=False, which blocks minor-version updates unless forced).
UpdateDecision decide_update(const json& cv, const cluster::GraphAnswer& graph, const std::string& arch,
                             bool degraded_pool);

/// The version of a sim release image (quay.io/openshift-release-dev/ocp-release:4.21.11-x86_64
/// for `arch`), or "" when `image` is not one.
std::string version_of_image(const std::string& image, const std::string& arch);

/// status.availableUpdates entries ({version, image, channels}) for `graph` (null when none were retrieved).
json available_updates(const cluster::GraphAnswer& graph, const std::string& arch);

/// "amd64" / "arm64" for an RPM arch.
std::string kube_arch(const std::string& arch);

/// The payload the update applies: manifests in total, and done when the operators before the
/// machine-config operator have rolled out (figures of the order a real payload has).
inline constexpr int k_manifests = 903;
inline constexpr int k_done_before_mco = 783;

/// "Working towards 4.21.11: 783 of 903 done (86% complete)[, waiting on machine-config]".
std::string working_towards(const std::string& version, int done, bool waiting_on_mco);

}  // namespace dl::sim::controllers::cvo

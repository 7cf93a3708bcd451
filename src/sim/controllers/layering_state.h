// Reading the on-cluster layering objects: the kinds involved and small queries the build and
// rollout controllers share (which builds a MachineOSConfig has, whether one has ended, ...).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/api/store.h"

namespace dl::sim::controllers::layering {

using api::json;

const api::ResourceType& mosc_type();
const api::ResourceType& mosb_type();
const api::ResourceType& pool_type();
const api::ResourceType& mcn_type();
const api::ResourceType& mc_type();
const api::ResourceType& node_type();
const api::ResourceType& pod_type();
const api::ResourceType& job_type();
const api::ResourceType& deploy_type();
const api::ResourceType& secret_type();

/// "machineconfiguration.openshift.io/<suffix>".
std::string label(const char* suffix);
/// spec.machineConfigPool.name of a MachineOSConfig.
std::string pool_of(const json& mosc);
/// The MachineOSBuilds labelled machine-os-config=`mosc`.
std::vector<json> builds_of(const api::Store& store, const std::string& mosc);
/// The status of condition `type` ("" when absent).
std::string condition_status(const json& object, const std::string& type);
/// True once a MachineOSBuild is Succeeded, Failed or Interrupted.
bool terminal(const json& mosb);
/// The five MachineOSBuild conditions with `true_type` True and the others False.
json build_conditions(const std::string& true_type);
/// The `auths` of a kubernetes.io/dockerconfigjson Secret; nullopt when it has none or is malformed.
std::optional<json> docker_auths(const json& secret);
/// spec.osImageURL of rendered MachineConfig `rendered` ("" when missing).
std::string base_image(const api::Store& store, const std::string& rendered);
/// The release-image-version annotation of rendered MachineConfig `rendered` ("" when missing).
std::string release_of(const api::Store& store, const std::string& rendered);
/// The OpenShift minor ("4.21") rendered MachineConfig `rendered` was made for, so a build after
/// an update uses the new release's base; `fallback` when the config does not say.
std::string ocp_minor_of(const api::Store& store, const std::string& rendered, const std::string& fallback);
/// The MachineOSConfig whose pool is `pool`, if any.
std::optional<json> mosc_for_pool(const api::Store& store, const std::string& pool);

}  // namespace dl::sim::controllers::layering

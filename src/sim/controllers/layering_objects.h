// The objects the simulated MCO build controller creates for on-cluster layering, shaped as the
// real machine-config-operator makes them (trimmed): MachineOSBuild, the build Job and its pod,
// the machine-os-builder Deployment and its pod.
#pragma once

#include <string>

#include "sim/api/resources.h"

namespace dl::sim::controllers::layering {

using api::json;

inline constexpr const char* k_mco_namespace = "openshift-machine-config-operator";
inline constexpr const char* k_mc_prefix = "machineconfiguration.openshift.io/";
/// Annotation on a MachineOSConfig (the sim's build fault switch): the build's dnf cannot find
/// the package named by the value.
inline constexpr const char* k_fault_annotation = "sim.doca-layer.io/build-fault";
/// Annotation on a MachineOSConfig (the sim's node fault switch): the node named by the value
/// fails to boot the layered image, so it goes Degraded and the pool with it.
inline constexpr const char* k_boot_fault_annotation = "sim.doca-layer.io/boot-fault";

/// `spec` ("host/ns/name:tag") with its tag replaced by `tag`.
std::string retag(const std::string& spec, const std::string& tag);
/// "host/ns/name" of a push spec (tag dropped) and its registry host.
std::string repository(const std::string& spec);
std::string registry_host(const std::string& spec);

/// MachineOSBuild `name` of `mosc` for `pool` (rendered config `rendered`), pushing to `push_spec`.
json machine_os_build(const json& mosc, const std::string& name, const std::string& rendered,
                      const std::string& push_spec);
/// Job build-<mosb> (backoffLimit 3), owned by the MachineOSBuild.
json build_job(const json& mosb);
/// A pod of the build Job (generateName build-<mosb>-): `image-build` init container and
/// `create-digest-configmap` (4.20+), or two regular containers image-build and wait-for-done
/// (`ocp_minor` before 4.20). Scheduled on `node`, image-build running.
json build_pod(const json& job, const std::string& ocp_minor, const std::string& node);
/// The build pod's status once its build ended (`ok`: Completed; else image-build Error).
json build_pod_finished(const json& pod, bool ok);
/// Deployment machine-os-builder and its Running pod.
json builder_deployment();
json builder_pod(const json& deployment, const std::string& node);

/// True when `ocp_minor` ("4.19") is before 4.20 (two regular build containers).
bool before_4_20(const std::string& ocp_minor);

}  // namespace dl::sim::controllers::layering

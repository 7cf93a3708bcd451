// Node-side helpers of the simulated rollout: pool membership, availability, and the writes the
// machine-config-daemon and kubelet make to Node and MachineConfigNode objects.
#pragma once

#include <string>
#include <vector>

#include "sim/api/store.h"
#include "sim/cluster/release.h"

namespace dl::sim::controllers::rollout {

using api::json;

/// The pool a node belongs to: of the pools whose nodeSelector matchLabels it has, master first,
/// then any custom pool, then worker; "" when none.
std::string pool_of_node(const api::Store& store, const json& node);
/// The nodes of `pool`, by name.
std::vector<json> members(const api::Store& store, const std::string& pool);
/// Node annotation machineconfiguration.openshift.io/<key> ("" when absent).
std::string mco_annotation(const json& node, const char* key);
/// Ready condition True.
bool ready(const json& node);
/// Cordoned, not Ready, or mid-update (state Working).
bool unavailable(const json& node);
/// Sets the Ready condition (kubelet up or rebooting) and, when coming back, a new bootID.
void set_ready(api::Store& store, const std::string& node, bool is_ready);
/// Cordons (spec.unschedulable + the unschedulable taint) or uncordons.
void set_cordon(api::Store& store, const std::string& node, bool cordoned);
/// After a reboot into `release`'s RHCOS: nodeInfo kubeletVersion, osImage, kernelVersion
/// (for the node's kubernetes.io/arch) and containerRuntimeVersion as its kubelet reports them.
void set_node_release(api::Store& store, const std::string& node, const cluster::Release& release);
/// Sets MachineConfigNode `node`'s condition `type` to True ("False" when `value` is false).
void mcn_condition(api::Store& store, const std::string& node, const std::string& type, bool value,
                   const std::string& message);
/// Sets MachineConfigNode `node`'s per-update progress conditions (UpdatePrepared, Cordoned,
/// Drained, RebootedNode, AppliedFilesAndOS, Uncordoned, UpdateComplete) that are True to False,
/// in one write, so the next update's conditions get their own lastTransitionTime.
void mcn_reset_progress(api::Store& store, const std::string& node);

}  // namespace dl::sim::controllers::rollout

// The starting state of a simulated cluster: what a fresh OpenShift cluster shows before
// doca-layer (or a person following the manual workflow) touches it. Three shapes, as
// installers make them:
// - sno: one node master-0 (roles control-plane, master, worker); pool master has it, pool
//   worker is empty.
// - compact: master-0..2, schedulable masters that carry the worker role too. The MCO puts a
//   node matching several pools in master, so pool worker is empty, as on real compact clusters.
// - standard: master-0..2 (control-plane, master; NoSchedule taint) in pool master and
//   worker-0..N-1 (worker) in pool worker.
#pragma once

#include <string>
#include <vector>

#include "sim/api/logs.h"
#include "sim/api/store.h"
#include "util/result.h"

namespace dl::sim::cluster {

enum class Topology { sno, compact, standard };

/// "sno" | "compact" | "standard".
util::Result<Topology> parse_topology(const std::string& name);

struct SeedOptions {
  std::string openshift_version = "4.20.15";
  Topology topology = Topology::sno;
  int workers = -1;              ///< standard only; -1: 3 (the installer's default)
  std::string arch = "x86_64";   ///< x86_64 | aarch64
  bool nvidia_nics = true;       ///< label nodes feature.node.kubernetes.io/pci-15b3.present=true
  std::string storage_class = "lvms-vg1";
  std::string apps_domain = "apps.sim.example.com";
};

/// One node of the planned cluster.
struct NodePlan {
  std::string name;
  std::string pool;           ///< the MachineConfigPool it belongs to
  bool control_plane = false;
  bool worker_role = false;   ///< carries node-role.kubernetes.io/worker
};

/// The nodes `options` asks for, or invalid_input (unknown release or arch, workers with a
/// topology other than standard, fewer than 1 or more than 250 workers).
util::Result<std::vector<NodePlan>> plan_nodes(const SeedOptions& options);

/// Creates namespaces, the global pull secret, service accounts, pools, rendered configs, the
/// nodes (Node, MachineConfigNode, MCO annotations), ClusterVersion/ClusterOperators, the
/// registry Config (Removed), the storage class and the operator pods (with logs) in `store`.
util::Status seed_cluster(api::Store& store, api::LogStore& logs, const SeedOptions& options);

/// The Kubernetes version OpenShift `openshift_version` runs (4.20 -> v1.33.6; unknown: v1.33.6).
std::string kubernetes_version_for(const std::string& openshift_version);

/// The release image ClusterVersion names for `openshift_version` on `arch`
/// (quay.io/openshift-release-dev/ocp-release:4.20.15-x86_64).
std::string release_image(const std::string& openshift_version, const std::string& arch);

/// The rendered MachineConfig the MCO makes for `pool` on release `openshift_version` and `arch`:
/// name rendered-<pool>-<32 hex> (stable per pool, release and arch), spec.osImageURL the
/// release's RHCOS image, annotations release-image-version and generated-by-controller-version.
api::json rendered_machine_config(const std::string& pool, const std::string& openshift_version,
                                  const std::string& arch);

namespace detail {
/// Pools, rendered MachineConfigs, Nodes and MachineConfigNodes (seed_nodes.cpp).
void seed_machines(api::Store& store, const SeedOptions& options, const std::vector<NodePlan>& nodes);
/// Creates an object (and its status, when the type has the subresource).
void add(api::Store& s, const char* api_version, const char* kind, const std::string& ns, api::json o);
api::json meta(const std::string& name, api::json labels = api::json::object(), api::json annotations = api::json::object());
api::json condition(const std::string& type, const std::string& status, const std::string& reason = "",
                    const std::string& message = "");
}  // namespace detail

}  // namespace dl::sim::cluster

// The starting state of a simulated cluster: what a fresh single-node OpenShift 4.20 shows
// before doca-layer (or a person following the manual workflow) touches it.
#pragma once

#include <string>

#include "sim/api/logs.h"
#include "sim/api/store.h"

namespace dl::sim::cluster {

struct SeedOptions {
  std::string openshift_version = "4.20.15";
  std::string node_name = "master-0";
  std::string storage_class = "lvms-vg1";
};

/// Creates namespaces, the global pull secret, service accounts, pools, rendered configs, the
/// node, ClusterVersion/ClusterOperators, the registry Config (Removed), the storage class and
/// the operator pods (with logs) in `store`.
void seed_sno(api::Store& store, api::LogStore& logs, const SeedOptions& options);

/// The Kubernetes version OpenShift `openshift_version` runs (4.20 -> v1.33.6).
std::string kubernetes_version_for(const std::string& openshift_version);

}  // namespace dl::sim::cluster

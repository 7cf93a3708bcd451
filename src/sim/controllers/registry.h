// RegistryOperator: the cluster-image-registry-operator of the simulated cluster.
//
// Watches configs.imageregistry.operator.openshift.io/cluster and the objects of
// openshift-image-registry. managementState Removed (the seeded state) means no registry;
// Unmanaged means hands off; Managed with spec.storage.pvc.claim (or emptyDir) creates the
// image-registry Deployment and its pod. The pod waits for its claim to be Bound (PvBinder),
// then starts (Timing::registry_start) and becomes Running/Ready with a log.
// spec.defaultRoute true adds Route default-route. Config status (conditions Available,
// Progressing, Degraded, Removed; readyReplicas; storage) and ClusterOperator image-registry
// report where it stands, including a claim that cannot bind. Removed again tears it down
// (the claim, created by the user, stays).
//
// Simplifications: the pod is owned by the Deployment directly (no ReplicaSet); no Service,
// node-ca DaemonSet or pruner.
#pragma once

#include "sim/controllers/controller.h"
#include "sim/controllers/objects.h"

namespace dl::sim::controllers {

class RegistryOperator final : public Controller {
 public:
  /// `apps_domain`: the cluster's ingress domain ("apps.sno.example.com"), for the route's host.
  explicit RegistryOperator(std::string apps_domain) : m_apps_domain(std::move(apps_domain)) {}
  std::string name() const override { return "image-registry"; }
  std::vector<const api::ResourceType*> kinds() const override;
  std::vector<std::string> keys_for(Context& ctx, const api::WatchEvent& event) override;
  void reconcile(Context& ctx, const std::string& key) override;

  /// Where the registry stands, as the Config and ClusterOperator conditions say it.
  struct Outcome {
    bool removed = false;
    int ready = 0;
    std::string available_reason, available_message;
    bool available = false;
    std::string progressing_reason, progressing_message;
    bool progressing = true;
    std::string degraded_reason = "AsExpected", degraded_message;
    bool degraded = false;
  };

 private:
  Outcome manage(Context& ctx, const json& config);
  Outcome run_pods(Context& ctx, const json& deployment, const std::optional<json>& claim);
  void tear_down(Context& ctx);
  void sync_route(Context& ctx, bool wanted);
  void write_status(Context& ctx, const json& config, const Outcome& outcome);
  void log_operator(Context& ctx, const std::string& line);

  std::string m_apps_domain;
  Deadlines m_deadlines;
  std::string m_last_summary = "True/False/False All registry resources are removed";  ///< the seeded state
};

/// The namespace the registry lives in.
inline constexpr const char* k_registry_namespace = "openshift-image-registry";

}  // namespace dl::sim::controllers

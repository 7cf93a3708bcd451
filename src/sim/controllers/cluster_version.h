// ClusterVersionOperator: the simulated cluster-version operator (CVO), and the part of the
// machine-config operator an OpenShift update drives. Key: "version" (the ClusterVersion).
//
// `oc adm upgrade --to=4.21.11` and `kubectl patch clusterversion version --type merge -p
// '{"spec":{"desiredUpdate":{"version":"4.21.11"}}}'` write the same spec.desiredUpdate
// ({version, image?, force?}); decide_update() (cluster_version_status.h) judges it against the
// sim's update graph (cluster/update_graph.h) for spec.channel. Refused requests only change
// conditions (Invalid, ReleaseAccepted=False). An accepted update:
//  1. status.desired = the release, status.history gets a Partial entry, ReleaseAccepted=True
//     (PayloadLoaded), Progressing=True "Working towards 4.21.11: ...";
//  2. after Timing::upgrade_operators the operators before the MCO run the release: the other
//     ClusterOperators report it, GET /version reports its Kubernetes (Options::on_control_plane),
//     and the MCO renders rendered-<pool>-<hash> per pool on the new RHCOS (osImageURL, release
//     annotation) and moves each pool's spec.configuration to it. From there the layering and
//     rollout controllers do what the MCO does: stock pools reboot into the new RHCOS, a pool
//     with a MachineOSConfig gets a new MachineOSBuild on the new base and reboots into it;
//  3. once the required pool (master) is Updated on its new rendered config, machine-config
//     reports the release and history[0] is Completed; Progressing=False "Cluster version is ...".
// Like the real CVO it waits only on the required pools: a worker pool may still be updating
// when the update is Completed. A Degraded required pool (e.g. its image build failed) keeps the
// update Progressing with Failing=True (ClusterOperatorDegraded); the real CVO keeps retrying and
// never completes the update until the MCO reports the new version (facts §3.9: a failed build
// blocks the pool's update and thus the upgrade). Any Degraded pool also sets Upgradeable=False
// (DegradedPool), which refuses a new minor-version update unless it is forced.
//
// Simplifications: no payload download job, signatures, admin-acks or capabilities; the
// operators before the MCO update all at once.
#pragma once

#include <functional>

#include "sim/cluster/update_graph.h"
#include "sim/controllers/cluster_version_status.h"
#include "sim/controllers/controller.h"

namespace dl::sim::controllers {

class ClusterVersionOperator final : public Controller {
 public:
  struct Options {
    std::string arch = "x86_64";  ///< the cluster's nodes (release image and rendered configs)
    /// Called on the worker thread once the control plane runs `openshift_version`.
    std::function<void(const std::string& openshift_version)> on_control_plane;
  };
  explicit ClusterVersionOperator(Options options) : m_options(std::move(options)) {}
  std::string name() const override { return "cluster-version-operator"; }
  std::vector<const api::ResourceType*> kinds() const override;
  std::vector<std::string> keys_for(Context& ctx, const api::WatchEvent& event) override;
  void reconcile(Context& ctx, const std::string& key) override;

 private:
  void report(Context& ctx, const cvo::UpdateDecision& decision, bool degraded_pool);
  void start(Context& ctx, const cvo::UpdateDecision& decision);
  void progress(Context& ctx);
  void roll_operators(Context& ctx, const std::string& version, bool machine_config);
  void render_pools(Context& ctx, const std::string& version);
  /// "" when the required pools run `version`; else why not ("degraded: ..." or "waiting").
  std::string required_pools(Context& ctx, const std::string& version, bool& degraded);
  void finish(Context& ctx, const std::string& version);

  Options m_options;
  Deadlines m_deadlines;
  std::string m_announced;  ///< the release last passed to on_control_plane
};

}  // namespace dl::sim::controllers

// DebugPods: the kubelet of the simulated nodes, for the pods users place on a node themselves:
// `oc debug node/X` and `kubectl debug node/X` (spec.nodeName set, hostPath / at /host).
//
// Runs a Pod (any namespace) whose spec.nodeName names a node of the Fleet, that has no
// ownerReferences (controllers run their own pods) and that has no status.phase yet or Pending.
// After Timing::host_pod it is Running (conditions, startTime, hostIP; podIP = the node's
// InternalIP under hostNetwork) and each container's command + args run through
// NodeHost::exec on the node (so `chroot /host rpm -q X` and `chroot /host /bin/sh -c '...'`
// answer from the node's OS); stdout then stderr go to the container's log, which then ends.
// Timing::host_pod later the pod is Succeeded (every exit code 0) or Failed, with
// containerStatuses[].state.terminated {exitCode, reason Completed|Error, startedAt,
// finishedAt}. A container without command and args (an interactive shell) keeps the pod Running
// until it is deleted. A pod on a node outside the Fleet stays Pending.
//
// Simplifications: no scheduling (pods without nodeName are left alone), no init containers,
// no image pulls; the container's filesystem is the node's (a command without `chroot /host`
// answers from the node as well); stdout and stderr are not interleaved; restartPolicy is
// treated as Never; a node that is rebooting still runs pods.
#pragma once

#include <map>

#include "sim/controllers/controller.h"
#include "sim/controllers/objects.h"
#include "sim/node/fleet.h"

namespace dl::sim::controllers {

class DebugPods final : public Controller {
 public:
  /// `fleet` (may be nullptr: no pod runs) holds the nodes' hosts.
  explicit DebugPods(node::Fleet* fleet) : m_fleet(fleet) {}
  std::string name() const override { return "kubelet"; }
  std::vector<const api::ResourceType*> kinds() const override;
  std::vector<std::string> keys_for(Context& ctx, const api::WatchEvent& event) override;
  void reconcile(Context& ctx, const std::string& key) override;

 private:
  /// A pod whose commands ran: what its containers exited with, until the pod is terminated.
  struct Run {
    std::string uid;
    std::string started;               ///< RFC 3339 start of the containers
    std::map<std::string, int> exits;  ///< container name -> exit code
    bool finishes = false;             ///< every container had a command
  };
  void start(Context& ctx, const std::string& key, const json& pod, node::NodeHost& host);
  void finish(Context& ctx, const std::string& key, const Run& run);

  node::Fleet* m_fleet;
  Deadlines m_deadlines;
  std::map<std::string, Run> m_runs;  ///< by pod key
};

}  // namespace dl::sim::controllers

// verify: per node, what `oc debug node/X` shows an admin, judged. For every node of the pool a
// short-lived privileged pod on that node runs the ovs/ probe script through `chroot /host`;
// its log is parsed and judged against the spec (or against stock RHCOS after a rollback), and
// the node's booted image is compared with the MachineOSConfig's. `fix` runs the ovs/ repair on
// the nodes whose OVS settings are missing, then probes them again.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kube/client.h"
#include "ovs/judge.h"
#include "spec/layer_spec.h"
#include "workflow/events.h"

namespace dl::workflow {

inline constexpr const char* k_debug_namespace = "openshift-machine-config-operator";
/// Annotation on the MachineOSConfig: the image whose nodes last passed verify.
inline constexpr const char* k_verified_annotation = "doca-layer.nvidia.com/verified-image";
inline constexpr const char* k_debug_image = "registry.redhat.io/rhel9/support-tools:latest";

struct VerifyOptions {
  std::string node;           ///< only this node; empty: every node of the pool
  bool fix = false;           ///< repair missing OVS settings, restart the switch, probe again
  bool stock = false;         ///< judge against stock RHCOS (after rollback)
  std::string image = k_debug_image;  ///< the debug pod's image (its userland is not used: chroot /host)
  std::chrono::milliseconds pod_timeout{std::chrono::minutes(3)};
  int parallel = 8;           ///< nodes probed at once
};

struct NodeVerification {
  std::string node;
  std::vector<ovs::Check> checks;
  ovs::Verdict verdict = ovs::Verdict::pass;
  bool fixed = false;   ///< the repair ran on this node
  std::string error;    ///< the probe itself failed (pod did not run, log unreadable)
};

struct VerifyReport {
  std::vector<NodeVerification> nodes;
  ovs::Verdict verdict = ovs::Verdict::pass;  ///< the worst of all nodes (fail when a probe failed)
};

/// The ovs/ expectation for `spec`.
ovs::Expectation expectation(const spec::LayerSpec& spec);

/// Verifies the nodes of spec.pool. Creates and deletes one pod per node (two with fix).
util::Result<VerifyReport> verify(kube::Client& client, const spec::LayerSpec& spec, const VerifyOptions& options,
                                  const EventSink& events);

/// Runs `script` on `node` in a debug pod and returns the pod's log (the pod is deleted).
util::Result<std::string> run_on_node(kube::Client& client, const std::string& node, const std::string& script,
                                      const VerifyOptions& options);

/// Records on MachineOSConfig `pool` that its nodes passed verify on `image` (one merge patch;
/// none when already recorded).
util::Status mark_verified(kube::Client& client, const std::string& pool, const std::string& image);

/// The report as JSON.
json to_json(const VerifyReport& report);

}  // namespace dl::workflow

// NodeRollout: the MCO node controller and machine-config-daemon of the simulated cluster, for
// OS images. Key: a MachineConfigPool's name.
//
// A pool's target image is its MachineOSConfig's current MachineOSBuild's digestedImagePushSpec
// once that build Succeeded, or the rendered MachineConfig's osImageURL (stock RHCOS) when the
// pool has no MachineOSConfig (a node without a currentImage annotation runs that). Nodes not on
// the target are updated, at most spec.maxUnavailable (int or percent; default 1) unavailable at
// a time: annotations desiredConfig/desiredImage and state=Working, cordon, drain
// (Timing::drain), reboot (Timing::reboot: Node NotReady, then NodeHost::boot() of the image and
// Ready), settle (Timing::node_settle): uncordon, currentConfig/currentImage, state=Done.
// MachineConfigNode conditions and configImage follow each step; the pool's machine counts and
// Updated/Updating conditions follow the whole.
//
// A node counts as updated when it runs the target image on the pool's rendered config; once all
// do, the pool's status.configuration follows spec.configuration. A rendered config from a newer
// release (an OpenShift update, see cluster_version.h) thus reboots stock pools into that
// release's RHCOS, and makes a layered pool wait for the MachineOSBuild of that rendered config.
// The stock image booted is the rendered config's release's (its release-image-version
// annotation); the Node's nodeInfo (kubelet, kernel) follows that release at reboot.
//
// The layered image is ovs_doca_image() of the stock image; DOCA and OVS versions come from the
// MOSC's Containerfile when it names doca-all-<v> / doca-openvswitch-<v>, else 3.3.0109 / 3.3.0040.
//
// Simplifications: no pods are evicted (drain is a wait); pool membership is by the pools'
// nodeSelector matchLabels (master wins, then custom pools, then worker); control-plane nodes
// are not ordered specially; boot() of a real-ovsdb node runs on the worker thread (tens of ms).
#pragma once

#include <map>
#include <set>

#include "sim/controllers/controller.h"
#include "sim/controllers/objects.h"
#include "sim/node/fleet.h"

namespace dl::sim::controllers {

class NodeRollout final : public Controller {
 public:
  /// `fleet` (may be nullptr: no OS is booted) holds the nodes' hosts; `ocp_minor` ("4.20")
  /// picks the stock image.
  NodeRollout(node::Fleet* fleet, std::string ocp_minor) : m_fleet(fleet), m_ocp_minor(std::move(ocp_minor)) {}
  std::string name() const override { return "node-rollout"; }
  std::vector<const api::ResourceType*> kinds() const override;
  std::vector<std::string> keys_for(Context& ctx, const api::WatchEvent& event) override;
  void reconcile(Context& ctx, const std::string& key) override;

  /// The OS-DOCA versions named by a Containerfile: {doca, ovs}, defaults where it names none.
  static std::pair<std::string, std::string> doca_versions(const std::string& containerfile);
  /// maxUnavailable of a pool (int or "N%") for `machines` nodes; at least 1.
  static size_t max_unavailable(const json& value, size_t machines);

 private:
  /// What the pool should run and why.
  struct Target {
    std::string image;        ///< "" while no image is ready
    std::string containerfile;  ///< of the MOSC, for the DOCA versions
    std::string waiting;      ///< Updating message while image is ""
    bool stopped = false;     ///< the build failed: Updating False
    std::string boot_fault;   ///< the MOSC's sim.doca-layer.io/boot-fault: this node fails to boot the layer
  };
  Target target_of(Context& ctx, const std::string& pool, const std::string& stock);
  void step(Context& ctx, const std::string& pool, const json& node, const Target& target,
            const std::string& rendered, const std::string& stock);
  void begin(Context& ctx, const std::string& node, const std::string& image, const std::string& rendered);
  bool boot(Context& ctx, const std::string& node, const Target& target, const std::string& stock,
            const std::string& rendered);
  void write_pool_status(Context& ctx, const json& pool, const std::vector<json>& nodes, const Target& target);

  node::Fleet* m_fleet;
  std::string m_ocp_minor;
  Deadlines m_deadlines;
  std::set<std::string> m_booted;  ///< "node|image" boots done for the update in progress
};

}  // namespace dl::sim::controllers

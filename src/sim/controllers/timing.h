// Timing: how long the simulated cluster takes for the slow things real clusters do. A setting,
// so tests run in milliseconds, `doca-layer sim` in seconds and `--realistic` demos in minutes.
#pragma once

#include "sim/controllers/clock.h"

namespace dl::sim::controllers {

struct Timing {
  // storage and the image registry
  Duration pv_binding{200};      ///< a consumed PVC: provisioning until Bound
  Duration registry_start{400};  ///< registry pod scheduled: ContainerCreating until Running/Ready
  // MCO on-cluster layering (used by the layering controller)
  Duration build_prepare{200};  ///< MachineOSBuild created: until the build pod starts
  Duration build_step{100};     ///< one Containerfile step of the build log
  Duration image_push{200};     ///< pushing the built image
  Duration drain{300};          ///< cordon + drain of one node
  Duration reboot{500};         ///< a node's reboot into the new image, until Ready
  Duration node_settle{100};    ///< after reboot: until the daemon reports state=Done
  // kubelet
  Duration host_pod{100};  ///< a pod on a node (oc debug): created until Running, and Running until its command exits
  // OpenShift upgrades (used by the cluster version operator)
  Duration upgrade_operators{800};  ///< accepted update: the operators before machine-config reach it

  /// The default: the whole registry + layering flow of a single-node cluster in a few seconds.
  static Timing fast();
  /// Real orders of magnitude (minutes), for demos.
  static Timing realistic();
  /// Real-looking but compressed: the whole main job in about a minute (doca-layer demo).
  static Timing demo();
  /// Tens of milliseconds, for tests.
  static Timing test();
  /// Every duration multiplied by `factor` (> 0), rounded to whole milliseconds (`sim --time-scale`).
  Timing scaled(double factor) const;
};

}  // namespace dl::sim::controllers

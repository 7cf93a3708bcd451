// NodeHost: one simulated OpenShift node's operating system as seen from inside, i.e. from a
// privileged debug pod (`oc debug node/X -- chroot /host <cmd>`). The cluster controllers use it
// to "reboot" a node into an OS image (MCO layering) and to answer the commands an admin runs on
// the node (rpm -q, ovs-vsctl, systemctl). Two backends implement it: OvsdbNode (one real
// ovsdb-server per node, real ovs-vsctl) and MemoryNode (same answers from memory, for clusters
// of hundreds of nodes). Fleet (fleet.h) creates and keeps them by node name.
//
// Thread safety: every method may be called from any thread; calls on one node are serialized.
#pragma once

#include <string>
#include <vector>

#include "sim/node/os_image.h"
#include "util/result.h"

namespace dl::sim::node {

/// What a command run on the node printed and returned, as the debug pod's process would.
struct ExecResult {
  int exit_code = 0;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

class NodeHost {
 public:
  virtual ~NodeHost() = default;

  /// The node's name (its hostname; also written to external_ids:hostname by the switch).
  virtual const std::string& name() const = 0;

  /// (Re)boots the node into `image`: the installed package set becomes the image's, the OVSDB
  /// database is converted to the image's schema keeping its data (stock <-> OVS-DOCA both ways),
  /// and the switch starts as the image's ovs-vswitchd (see restart_switch()). An error leaves the
  /// node on its previous image where possible.
  virtual util::Status boot(const OsImage& image) = 0;

  /// `systemctl restart openvswitch`: ovs-vswitchd starts again and rewrites its status columns
  /// in the Open_vSwitch row: ovs_version, db_version, datapath_types, iface_types,
  /// dpdk_initialized/dpdk_version and, on OVS-DOCA images, doca_version and doca_initialized
  /// (= other_config:doca-init was "true" at this start). While the switch runs it answers
  /// next_cfg increments with cur_cfg, so `ovs-vsctl set` without --no-wait returns.
  virtual util::Status restart_switch() = 0;

  /// Runs `argv` as a privileged debug pod on the node would; a leading `chroot /host` is
  /// accepted. Supported: `ovs-vsctl ...`, `rpm -q NAME...`, `rpm -qa [GLOB...]`,
  /// `systemctl is-active|restart|status UNIT` for openvswitch, ovs-vswitchd, ovsdb-server,
  /// `ovs-vswitchd --version`, `cat /etc/os-release`, `hostname`, and `[/bin/]sh|bash -c SCRIPT`
  /// over these (the shell subset of node_shell.h). Anything else answers as bash
  /// does for an unknown command (exit 127). Never fails as a C++ call: problems are exit codes.
  virtual ExecResult exec(const std::vector<std::string>& argv) = 0;

  /// The image the node is running (the last successful boot()).
  virtual OsImage image() const = 0;

  /// How many times boot() succeeded (1 after creation through Fleet).
  virtual int boot_count() const = 0;
};

}  // namespace dl::sim::node

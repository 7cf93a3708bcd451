// The commands of a debug pod on a simulated node (NodeHost::exec), shared by both backends:
// each backend supplies only its ovs-vsctl and its switch restart.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/node/node_host.h"

namespace dl::sim::node {

/// The parts of a node the host commands act on.
struct HostParts {
  std::string node_name;
  OsImage image;
  /// Runs `ovs-vsctl ARGS` (ARGS without the program name) against the node's database.
  std::function<ExecResult(const std::vector<std::string>&)> vsctl;
  /// Restarts the switch (systemctl restart openvswitch).
  std::function<util::Status()> restart_switch;
};

/// Answers `argv` as NodeHost::exec documents (a leading `chroot /host` is dropped; `sh -c`
/// and `bash -c` scripts run in the node shell of node_shell.h).
ExecResult run_host_command(std::vector<std::string> argv, const HostParts& parts);

/// /etc/os-release of RHCOS built from `image`.
std::string os_release(const OsImage& image);

}  // namespace dl::sim::node

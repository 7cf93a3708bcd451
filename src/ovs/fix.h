// The repair `doca-layer verify --fix` runs on a node (as `chroot /host /bin/sh -c SCRIPT`, same
// shell subset as the probe): write the other_config keys the spec wants, then restart
// openvswitch so ovs-vswitchd reads them (doca-init and hw-offload act only at start).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ovs/judge.h"
#include "util/result.h"

namespace dl::ovs {

/// The section name of the repair in fix_script()'s log.
inline constexpr std::string_view k_fix_section = "fix";

/// The repair's commands, each to run only when the one before succeeded:
/// `ovs-vsctl --no-wait set Open_vSwitch . other_config:K=V ...` for every key of
/// wanted_other_config(e) (all of them: setting a key to the value it has is harmless; none when
/// no key is wanted), then `systemctl restart openvswitch`.
std::vector<std::vector<std::string>> fix_commands(const Expectation& e);

/// fix_commands() as one script of one section, joined by `&&` (`ovs-vsctl ... 2>&1 &&
/// systemctl restart openvswitch 2>&1`).
std::string fix_script(const Expectation& e);

/// The outcome of a fix_script() log: ok, or `invalid_input` for a log without the fix section
/// and `internal` with the commands' output when they failed.
util::Status parse_fix_log(std::string_view log);

}  // namespace dl::ovs

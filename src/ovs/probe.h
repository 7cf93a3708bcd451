// What doca-layer reads on a node to judge its Open vSwitch: the probe script (run as
// `chroot /host /bin/sh -c SCRIPT` in a debug pod, on the simulated nodes and on real RHCOS
// alike) and the typed result of parsing its log.
//
//   auto probe = parse_probe(pod_log);   // Result<Probe>
//   auto checks = judge(*probe, expectation);
//
// The stock columns and the OVS-DOCA-only columns (doca_initialized, doca_version) are read by
// two separate ovs-vsctl calls: on a stock schema ovs-vsctl rejects a whole command that names
// an unknown column, and that rejection is how a stock schema is recognised.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ovs/shell.h"
#include "util/result.h"

namespace dl::ovs {

/// The commands of the probe, one section each, in script order.
const std::vector<ShellCommand>& probe_commands();

/// The probe as one sh script: one section line per command of probe_commands().
std::string probe_script();

/// The Open_vSwitch columns the probe reads in its first ovs-vsctl call, in output order.
const std::vector<std::string>& stock_columns();

/// The state of a systemd unit from `systemctl is-active`.
struct UnitState {
  std::string state;  ///< "active", "inactive", "failed", ... (the command's first line)
  bool active() const { return state == "active"; }
};

/// What `ovs-vswitchd --version` printed.
struct VswitchdBinary {
  std::string ovs_version;   ///< "3.3.0040" from "ovs-vswitchd (Open vSwitch) 3.3.0040"
  std::string dpdk_version;  ///< "DPDK 25.11.0+doca2601"; empty when not printed
  std::string doca_version;  ///< "3.3.0109" from a "DOCA 3.3.0109" line; empty on stock builds
};

/// The Open_vSwitch row as the probe read it.
struct OvsdbState {
  std::string error;  ///< ovs-vsctl's message when the stock columns could not be read; then the rest is empty
  std::optional<std::string> ovs_version, db_version, dpdk_version;
  std::set<std::string> datapath_types, iface_types;
  bool dpdk_initialized = false;
  std::map<std::string, std::string> other_config;
  bool doca_schema = false;              ///< the schema has the OVS-DOCA columns
  std::string doca_error;                ///< why the OVS-DOCA columns could not be read, other than their absence
  std::optional<bool> doca_initialized;  ///< nullopt: stock schema or unreadable
  std::optional<std::string> doca_version;
};

/// The fields of /etc/os-release the judgement uses.
struct OsRelease {
  std::string id;                 ///< "rhcos", "rhel", ...
  std::string version_id;         ///< VERSION_ID ("4.20" on RHCOS, "9.6" on RHEL)
  std::string rhel_version;       ///< RHEL_VERSION, or VERSION_ID when ID is rhel; may be empty
  std::string openshift_version;  ///< OPENSHIFT_VERSION on RHCOS; empty elsewhere
};

/// One node's probe result.
struct Probe {
  std::optional<std::string> doca_ovs_package;  ///< NVRA of doca-openvswitch; nullopt = not installed
  std::vector<std::string> stock_ovs_packages;  ///< installed openvswitch3.x NVRAs
  UnitState vswitchd;                           ///< ovs-vswitchd.service
  UnitState openvswitch;                        ///< openvswitch.service
  std::optional<VswitchdBinary> binary;         ///< nullopt when `ovs-vswitchd --version` failed
  OvsdbState db;
  OsRelease os;
  std::vector<Section> sections;  ///< the raw sections, for reports that want them
};

/// Parses a log of probe_script() (text outside the sections is ignored). Errors
/// (`invalid_input`) for logs that are not such a log: a missing or truncated section, output of
/// a successful command that has not the probe's shape (values that do not parse name the
/// section, the line and the byte offset).
util::Result<Probe> parse_probe(std::string_view log);

}  // namespace dl::ovs

// What the switch (ovs-vswitchd, plus the ovs-ctl script that starts it) writes into the
// Open_vSwitch row on every start. Pure functions shared by both node backends, so the two can
// only differ in how they store the row, never in what they write.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sim/node/os_image.h"

namespace dl::sim::node {

/// The status and version columns for a start of `image`'s switch, as an OVSDB JSON row
/// (column -> datum, sets sorted): ovs_version, db_version (= `db_version`), system_type "rhel",
/// system_version, datapath_types ([netdev, system], plus doca on OVS-DOCA), iface_types (the
/// kernel list; doca and docavdpa join it only once DOCA initialised, as on the write-up's node;
/// the dpdk types once DPDK initialised on a stock image), dpdk_initialized, dpdk_version
/// ("none" without DPDK) and, on OVS-DOCA only, doca_initialized (other_config:doca-init ==
/// "true" now; DOCA also forces DPDK up) and doca_version.
nlohmann::json switch_status_row(const OsImage& image, const std::map<std::string, std::string>& other_config,
                                 const std::string& db_version);

/// external_ids keys ovs-ctl sets when they are absent: hostname (`node_name`), rundir and a
/// random system-id (kept across restarts and reboots because it is only added when absent).
std::vector<std::pair<std::string, std::string>> start_external_ids(const std::string& node_name);

/// A random version-4 UUID in its 36-character text form.
std::string random_uuid();

}  // namespace dl::sim::node

// The OVS-DOCA columns on a real database. Debian's ovs-vsctl is compiled against the stock schema
// (its IDL lists the columns it knows), so it cannot read doca_initialized or doca_version even
// when ovsdb-server has them; NVIDIA's ovs-vsctl can. On an OvsdbNode booted into OVS-DOCA, an
// invocation that reads those columns is therefore answered by the emulation (vsctl_emulation.h)
// from a snapshot of the real row; everything else still runs the real ovs-vsctl.
#pragma once

#include <string>
#include <vector>

#include "sim/node/memory_db.h"

namespace dl::sim::node {

/// True when `args` only reads (get/list commands) and one of its commands lists the
/// Open_vSwitch table or names a column that could mean doca_initialized or doca_version (`doca`,
/// `d` and `doca_version` do, `dpdk_version` does not); `doca_db` resolves the table names.
bool reads_doca_columns(const std::vector<std::string>& args, const MemoryDb& doca_db);

}  // namespace dl::sim::node

#include "sim/node/switch_status.h"

#include <algorithm>
#include <cstdio>
#include <random>

namespace dl::sim::node {
namespace {

using nlohmann::json;

// iface_types of RHEL's kernel-datapath build (as listed on the write-up's node).
const std::vector<std::string> k_kernel_iface_types = {"bareudp",  "erspan",    "geneve", "gre",  "gtpu",
                                                       "internal", "ip6erspan", "ip6gre", "lisp", "patch",
                                                       "srv6",     "stt",       "system", "tap",  "vxlan"};

json sorted_set(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  return json{"set", items};
}

std::string lookup(const std::map<std::string, std::string>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

}  // namespace

json switch_status_row(const OsImage& image, const std::map<std::string, std::string>& other_config,
                       const std::string& db_version) {
  bool doca_up = image.is_doca() && lookup(other_config, "doca-init") == "true";
  std::string dpdk_init = lookup(other_config, "dpdk-init");
  bool dpdk_up = !image.dpdk_version.empty() && (doca_up || dpdk_init == "true" || dpdk_init == "try");

  std::vector<std::string> datapaths = {"netdev", "system"};
  if (image.is_doca()) datapaths.emplace_back("doca");
  std::vector<std::string> ifaces = k_kernel_iface_types;
  if (doca_up) {
    ifaces.insert(ifaces.end(), {"doca", "docavdpa"});
  } else if (dpdk_up) {
    ifaces.insert(ifaces.end(), {"dpdk", "dpdkvhostuser", "dpdkvhostuserclient"});
  }

  json row = {
      {"ovs_version", image.ovs_version},
      {"db_version", db_version},
      {"system_type", "rhel"},
      {"system_version", image.rhel_version},
      {"datapath_types", sorted_set(datapaths)},
      {"iface_types", sorted_set(ifaces)},
      {"dpdk_initialized", dpdk_up},
      {"dpdk_version", image.dpdk_version.empty() ? "none" : image.dpdk_version},
  };
  if (image.is_doca()) {
    row["doca_initialized"] = doca_up;
    row["doca_version"] = image.doca_version.empty() ? "none" : image.doca_version;
  }
  return row;
}

std::vector<std::pair<std::string, std::string>> start_external_ids(const std::string& node_name) {
  return {{"hostname", node_name}, {"rundir", "/var/run/openvswitch"}, {"system-id", random_uuid()}};
}

std::string random_uuid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t hi = rng();
  uint64_t lo = rng();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;                  // version 4
  lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);  // RFC 4122 variant
  char buf[37];
  std::snprintf(buf, sizeof(buf), "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

}  // namespace dl::sim::node

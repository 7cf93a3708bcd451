#include "sim/node/doca_vsctl.h"

#include "sim/node/vsctl_emulation.h"

namespace dl::sim::node {

bool reads_doca_columns(const std::vector<std::string>& args, const MemoryDb& doca_db) {
  bool no_wait = false;
  auto commands = parse_vsctl(args, no_wait);
  if (!commands.ok()) return false;
  bool reads = false;
  for (const auto& c : *commands) {
    const std::string& name = c.words[0];
    if (name != "get" && name != "list") return false;  // writes go to the real ovs-vsctl
    if (c.words.size() < 2) continue;
    auto table = doca_db.find_table(c.words[1]);
    if (!table.ok() || *table != "Open_vSwitch") continue;
    if (name == "list") reads = true;
    for (size_t i = 3; name == "get" && i < c.words.size(); ++i) {
      std::string column = c.words[i].substr(0, c.words[i].find(':'));
      for (const char* doca : {"doca_initialized", "doca_version"}) {
        reads = reads || score_partial_match(doca, column) > 0;
      }
    }
  }
  return reads;
}

}  // namespace dl::sim::node

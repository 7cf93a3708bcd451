#include "sim/node/memory_node.h"

#include "sim/node/host_commands.h"
#include "sim/node/ovsdb_schema.h"
#include "sim/node/switch_status.h"
#include "sim/node/vsctl_emulation.h"

namespace dl::sim::node {

using nlohmann::json;

util::Result<std::unique_ptr<MemoryNode>> MemoryNode::create(const std::string& name, const OsImage& image) {
  auto schema = schema_for(image);
  if (!schema.ok()) return schema.error();
  std::unique_ptr<MemoryNode> node(new MemoryNode(name, *schema));
  auto booted = node->boot(image);
  if (!booted.ok()) return booted.error();
  return node;
}

util::Status MemoryNode::boot(const OsImage& image) {
  std::lock_guard lock(m_mu);
  auto schema = schema_for(image);
  if (!schema.ok()) return schema.error();
  m_db.convert(*schema);
  m_image = image;
  start_switch();
  ++m_boots;
  return util::ok_status();
}

util::Status MemoryNode::restart_switch() {
  std::lock_guard lock(m_mu);
  start_switch();
  return util::ok_status();
}

void MemoryNode::start_switch() {
  m_db.ensure_row();
  json& row = m_db.row();
  auto other_config = m_db.string_map("other_config");
  for (const auto& [k, v] : m_image.start_other_config) other_config[k] = v;  // the unit's ExecStartPre
  json status = switch_status_row(m_image, other_config, m_db.schema_version());
  if (!m_image.start_other_config.empty()) {
    json pairs = json::array();
    for (const auto& [k, v] : other_config) pairs.push_back(json::array({k, v}));
    status["other_config"] = json::array({"map", pairs});
  }
  for (auto& [column, datum] : status.items()) row[column] = datum;
  row["cur_cfg"] = row["next_cfg"];
  json& ids = row["external_ids"][1];
  for (const auto& [key, value] : start_external_ids(m_name)) {
    bool present = false;
    for (const auto& pair : ids) present = present || pair[0] == key;
    if (!present) ids.push_back(json::array({key, value}));  // added only when absent, as ovs-ctl does
  }
}

ExecResult MemoryNode::exec(const std::vector<std::string>& argv) {
  std::lock_guard lock(m_mu);
  HostParts parts{m_name, m_image, [this](const auto& args) { return vsctl_emulate(args, m_db); },
                  [this] {
                    start_switch();
                    return util::ok_status();
                  }};
  return run_host_command(argv, parts);
}

OsImage MemoryNode::image() const {
  std::lock_guard lock(m_mu);
  return m_image;
}

int MemoryNode::boot_count() const {
  std::lock_guard lock(m_mu);
  return m_boots;
}

}  // namespace dl::sim::node

#include "sim/node/ovsdb_node.h"

#include "sim/node/doca_vsctl.h"
#include "sim/node/host_commands.h"
#include "sim/node/ovsdb_schema.h"
#include "sim/node/vsctl_emulation.h"

namespace dl::sim::node {
namespace {

using namespace std::chrono_literals;

// Long enough for any real ovs-vsctl call here; a `set` without --no-wait while the switch is
// stopped would otherwise block forever (the real one would, too).
constexpr auto k_vsctl_timeout = 15s;

}  // namespace

util::Result<std::unique_ptr<OvsdbNode>> OvsdbNode::create(const std::string& name, const OsImage& image) {
  auto schema = schema_for(image);
  if (!schema.ok()) return schema.error();
  auto server = OvsdbServer::start(**schema);
  if (!server.ok()) return server.error();
  std::unique_ptr<OvsdbNode> node(new OvsdbNode(name, std::move(*server), *schema));
  auto booted = node->boot(image);
  if (!booted.ok()) return booted.error();
  return node;
}

OvsdbNode::OvsdbNode(std::string name, std::unique_ptr<OvsdbServer> server, Schema schema)
    : m_name(std::move(name)),
      m_server(std::move(server)),
      m_switch(std::make_unique<SwitchEmulator>(*m_server, m_name)),
      m_schema(std::move(schema)) {}

util::Status OvsdbNode::boot(const OsImage& image) {
  std::lock_guard lock(m_mu);
  auto schema = schema_for(image);
  if (!schema.ok()) return schema.error();
  m_switch->stop();  // the node goes down
  if (**schema != *m_schema) {
    auto converted = m_server->convert(**schema);
    if (!converted.ok()) {
      (void)restart_locked();  // back up on the old image
      return converted.error();
    }
    m_schema = *schema;
  }
  m_image = image;
  auto started = restart_locked();
  if (started.ok()) ++m_boots;
  return started;
}

util::Status OvsdbNode::restart_switch() {
  std::lock_guard lock(m_mu);
  return restart_locked();
}

util::Status OvsdbNode::restart_locked() {
  return m_switch->start(m_image, m_schema->value("version", ""));
}

ExecResult OvsdbNode::exec(const std::vector<std::string>& argv) {
  std::lock_guard lock(m_mu);
  HostParts parts{m_name, m_image, [this](const auto& args) { return vsctl(args); },
                  [this] { return restart_locked(); }};
  return run_host_command(argv, parts);
}

ExecResult OvsdbNode::vsctl(const std::vector<std::string>& args) {
  if (m_image.is_doca()) {  // see doca_vsctl.h: Debian's ovs-vsctl cannot see the doca columns
    MemoryDb view(m_schema);
    if (reads_doca_columns(args, view)) {
      auto row = m_server->select_row();
      if (!row.ok()) return ExecResult{1, "", "ovs-vsctl: " + row.error().message + "\n"};
      view.load_row(*row);
      return vsctl_emulate(args, view);
    }
  }
  auto result = m_server->vsctl(args, k_vsctl_timeout);
  if (!result.ok()) return ExecResult{142, "", "ovs-vsctl: " + result.error().message + "\n"};
  return ExecResult{result->exit_code, std::move(result->out), std::move(result->err)};
}

OsImage OvsdbNode::image() const {
  std::lock_guard lock(m_mu);
  return m_image;
}

int OvsdbNode::boot_count() const {
  std::lock_guard lock(m_mu);
  return m_boots;
}

}  // namespace dl::sim::node

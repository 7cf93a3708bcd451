// OvsdbNode: a NodeHost whose OVS state lives in its own real ovsdb-server (OvsdbServer), read
// and written by the real ovs-vsctl, with the SwitchEmulator playing ovs-vswitchd. On OVS-DOCA
// images, read-only ovs-vsctl calls that touch the doca columns are formatted from the real row
// by the emulation, because Debian's ovs-vsctl cannot see them (doca_vsctl.h). One process and a
// few tens of milliseconds per node: use it for tests and small clusters, MemoryNode for hundreds.
#pragma once

#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/node/node_host.h"
#include "sim/node/ovsdb_schema.h"
#include "sim/node/ovsdb_server.h"
#include "sim/node/switch_emulator.h"

namespace dl::sim::node {

class OvsdbNode final : public NodeHost {
 public:
  /// Node `name` booted into `image`: its ovsdb-server starts on a fresh database with the
  /// image's schema, then its switch. Errors: OVS tools missing, the server not starting.
  static util::Result<std::unique_ptr<OvsdbNode>> create(const std::string& name, const OsImage& image);
  /// Stops the switch, kills ovsdb-server and removes its run directory.
  ~OvsdbNode() override = default;

  const std::string& name() const override { return m_name; }
  util::Status boot(const OsImage& image) override;
  util::Status restart_switch() override;
  ExecResult exec(const std::vector<std::string>& argv) override;
  OsImage image() const override;
  int boot_count() const override;

  /// The ovsdb-server's pid (to check from outside that it runs, and is gone afterwards).
  pid_t server_pid() const { return m_server->pid(); }
  /// The server's private run directory.
  const std::string& run_dir() const { return m_server->run_dir(); }

 private:
  OvsdbNode(std::string name, std::unique_ptr<OvsdbServer> server, Schema schema);
  util::Status restart_locked();
  ExecResult vsctl(const std::vector<std::string>& args);

  mutable std::mutex m_mu;
  std::string m_name;
  std::unique_ptr<OvsdbServer> m_server;  // outlives m_switch (declared first)
  std::unique_ptr<SwitchEmulator> m_switch;
  Schema m_schema;
  OsImage m_image;
  int m_boots = 0;
};

}  // namespace dl::sim::node

// SwitchEmulator: the part of ovs-vswitchd a simulated node needs, acting on a real ovsdb-server.
// On start it writes the status columns (switch_status.h) into the Open_vSwitch row, creating the
// row when the database is empty, as `ovs-vsctl init` would. While running it keeps a JSON-RPC
// `monitor` on the row's next_cfg/cur_cfg and answers every next_cfg increment by setting cur_cfg
// to it, so `ovs-vsctl set ...` without --no-wait returns at once. The monitor is event driven
// (no polling): one thread blocked on the socket, woken by ovsdb-server's update notifications
// and, on stop(), by shutting the socket down.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "sim/node/jsonrpc.h"
#include "sim/node/os_image.h"
#include "sim/node/ovsdb_server.h"

namespace dl::sim::node {

class SwitchEmulator {
 public:
  /// A stopped switch for `server` (which must outlive it) on node `node_name`.
  SwitchEmulator(const OvsdbServer& server, std::string node_name);
  /// Stops the monitor thread.
  ~SwitchEmulator();
  SwitchEmulator(const SwitchEmulator&) = delete;
  SwitchEmulator& operator=(const SwitchEmulator&) = delete;

  /// Starts (or, when running, restarts) the switch of `image` on a database whose schema
  /// version is `db_version`: reads other_config as it is now, writes the status row, then
  /// follows next_cfg. Errors come from ovsdb-server (connection, transaction).
  util::Status start(const OsImage& image, const std::string& db_version);
  /// Stops following next_cfg (ovs-vsctl without --no-wait then blocks, as with no vswitchd).
  void stop();
  /// True while the monitor thread runs.
  bool running() const { return m_running.load(); }

 private:
  util::Result<std::string> write_status(JsonRpcConnection& conn, const OsImage& image, const std::string& db_version);
  void follow();
  void answer(const nlohmann::json& table_updates);

  const OvsdbServer& m_server;
  std::string m_node_name;
  std::unique_ptr<JsonRpcConnection> m_conn;
  std::thread m_thread;
  std::atomic<bool> m_running{false};
};

}  // namespace dl::sim::node

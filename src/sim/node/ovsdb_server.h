// OvsdbServer: one real ovsdb-server holding one node's standalone Open_vSwitch database, with
// every file it uses (db, unix socket, pid file, unixctl socket, log) in a private temporary run
// directory, so any number of them can run side by side and in parallel test binaries.
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/node/jsonrpc.h"
#include "sim/node/process.h"
#include "util/result.h"
#include "util/temp_dir.h"

namespace dl::sim::node {

class OvsdbServer {
 public:
  /// Creates the run directory under $TMPDIR, creates the database from `schema` with
  /// `ovsdb-tool create`, starts `ovsdb-server` on it (not detached: a child in its own process
  /// group) and waits until its socket accepts connections. `not_found` when the OVS tools are
  /// missing; `io`/`timeout` with the server's log when it does not come up.
  static util::Result<std::unique_ptr<OvsdbServer>> start(const nlohmann::json& schema);
  /// Kills the server's process group, reaps it and removes the run directory.
  ~OvsdbServer() = default;
  OvsdbServer(const OvsdbServer&) = delete;
  OvsdbServer& operator=(const OvsdbServer&) = delete;

  /// The private run directory.
  const std::string& run_dir() const { return m_dir.path(); }
  /// The database's unix socket (`unix:<this>` for ovs-vsctl --db).
  std::string socket_path() const { return m_dir.path() + "/db.sock"; }
  /// The ovsdb-server process id.
  pid_t pid() const { return m_daemon.pid(); }
  /// The environment for OVS tools aimed at this server: OVS_RUNDIR, OVS_DBDIR, OVS_LOGDIR and
  /// OVS_SYSCONFDIR all point into the run directory, so nothing touches /var/run/openvswitch.
  EnvVars tool_env() const;

  /// Converts the live database to `schema`, keeping the data of every column both schemas have
  /// (the "convert" JSON-RPC method `ovsdb-client convert` uses). Connected clients are dropped.
  util::Status convert(const nlohmann::json& schema);
  /// Runs the real ovs-vsctl against this server: `ovs-vsctl --db=unix:<socket> <args...>`.
  util::Result<ProcessResult> vsctl(const std::vector<std::string>& args, std::chrono::milliseconds timeout) const;
  /// The Open_vSwitch row with every column, as "select" returns it; `not_found` when the table
  /// is empty.
  util::Result<nlohmann::json> select_row() const;
  /// A new JSON-RPC session with the server.
  util::Result<std::unique_ptr<JsonRpcConnection>> connect() const;

 private:
  OvsdbServer() : m_dir("dl-sim-node") {}
  util::Status wait_until_ready();
  std::string log_tail() const;

  util::TempDir m_dir;  // destroyed last: after the daemon is gone
  Daemon m_daemon;
  std::string m_vsctl;
};

}  // namespace dl::sim::node

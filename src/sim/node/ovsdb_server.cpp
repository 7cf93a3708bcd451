#include "sim/node/ovsdb_server.h"

#include <thread>

#include "util/files.h"

namespace dl::sim::node {
namespace {

using nlohmann::json;
using util::ErrorKind;
using util::make_error;
using namespace std::chrono_literals;

constexpr auto k_tool_timeout = 10s;
constexpr auto k_start_timeout = 10s;

}  // namespace

util::Result<std::unique_ptr<OvsdbServer>> OvsdbServer::start(const json& schema) {
  auto tool = find_tool("ovsdb-tool");
  auto server_bin = find_tool("ovsdb-server");
  auto vsctl = find_tool("ovs-vsctl");
  if (!tool.ok()) return tool.error();
  if (!server_bin.ok()) return server_bin.error();
  if (!vsctl.ok()) return vsctl.error();

  std::unique_ptr<OvsdbServer> server(new OvsdbServer());
  const std::string& dir = server->m_dir.path();
  if (dir.empty()) return make_error(ErrorKind::io, "cannot create a temporary run directory");
  server->m_vsctl = *vsctl;
  std::string schema_file = server->m_dir.write("vswitch.ovsschema", schema.dump(2));
  auto created = run_process({*tool, "create", dir + "/conf.db", schema_file}, server->tool_env(), k_tool_timeout);
  if (!created.ok()) return created.error();
  if (created->exit_code != 0) return make_error(ErrorKind::io, "ovsdb-tool create: " + created->err);

  auto daemon = Daemon::start({*server_bin, dir + "/conf.db", "--remote=punix:" + server->socket_path(),
                               "--pidfile=" + dir + "/ovsdb-server.pid", "--unixctl=" + dir + "/ovsdb-server.ctl",
                               "--log-file=" + dir + "/ovsdb-server.log", "--no-chdir", "-vconsole:off", "-vfile:info"},
                              server->tool_env(), dir + "/ovsdb-server.out");
  if (!daemon.ok()) return daemon.error();
  server->m_daemon = std::move(*daemon);
  auto ready = server->wait_until_ready();
  if (!ready.ok()) return ready.error();
  return server;
}

EnvVars OvsdbServer::tool_env() const {
  const std::string& dir = m_dir.path();
  return {{"OVS_RUNDIR", dir}, {"OVS_DBDIR", dir}, {"OVS_LOGDIR", dir}, {"OVS_SYSCONFDIR", dir}};
}

util::Status OvsdbServer::wait_until_ready() {
  auto deadline = std::chrono::steady_clock::now() + k_start_timeout;
  auto pause = 2ms;
  for (;;) {
    if (connect().ok()) return util::ok_status();
    if (m_daemon.exited()) {
      return make_error(ErrorKind::io,
                        "ovsdb-server exited with " + std::to_string(m_daemon.exit_code()) + ": " + log_tail());
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return make_error(ErrorKind::timeout, "ovsdb-server did not open " + socket_path() + ": " + log_tail());
    }
    std::this_thread::sleep_for(pause);  // polling for the socket, not an assertion
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

std::string OvsdbServer::log_tail() const {
  std::string text;
  for (const char* name : {"/ovsdb-server.out", "/ovsdb-server.log"}) {
    auto content = util::read_file(m_dir.path() + name);
    if (content.ok()) text += *content;
  }
  return text.size() > 2000 ? text.substr(text.size() - 2000) : text;
}

util::Status OvsdbServer::convert(const json& schema) {
  auto conn = connect();
  if (!conn.ok()) return conn.error();
  auto result = (*conn)->call("convert", json::array({"Open_vSwitch", schema}), k_tool_timeout);
  if (!result.ok()) return result.error();
  return util::ok_status();
}

util::Result<ProcessResult> OvsdbServer::vsctl(const std::vector<std::string>& args,
                                               std::chrono::milliseconds timeout) const {
  std::vector<std::string> argv = {m_vsctl, "--db=unix:" + socket_path()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, tool_env(), timeout);
}

util::Result<json> OvsdbServer::select_row() const {
  auto conn = connect();
  if (!conn.ok()) return conn.error();
  json select = {{"op", "select"}, {"table", "Open_vSwitch"}, {"where", json::array()}};
  auto result = (*conn)->call("transact", json::array({"Open_vSwitch", select}), k_tool_timeout);
  if (!result.ok()) return result.error();
  auto status = transact_status(*result);
  if (!status.ok()) return status.error();
  const json& rows = (*result)[0]["rows"];
  if (rows.empty()) return make_error(ErrorKind::not_found, "the Open_vSwitch table is empty");
  return rows[0];
}

util::Result<std::unique_ptr<JsonRpcConnection>> OvsdbServer::connect() const {
  return JsonRpcConnection::connect(socket_path());
}

}  // namespace dl::sim::node

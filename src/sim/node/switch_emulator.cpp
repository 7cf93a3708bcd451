#include "sim/node/switch_emulator.h"

#include <map>

#include "sim/node/switch_status.h"

namespace dl::sim::node {
namespace {

using nlohmann::json;
using util::ErrorKind;
using util::make_error;
using namespace std::chrono_literals;

constexpr auto k_rpc_timeout = 10s;
constexpr const char* k_db = "Open_vSwitch";

json where_uuid(const std::string& uuid) {
  return json::array({json::array({"_uuid", "==", json{"uuid", uuid}})});
}

std::map<std::string, std::string> string_map(const json& datum) {
  std::map<std::string, std::string> out;
  if (datum.is_array() && datum.size() == 2 && datum[0] == "map") {
    for (const auto& pair : datum[1]) out[pair[0].get<std::string>()] = pair[1].get<std::string>();
  }
  return out;
}

util::Result<json> transact(JsonRpcConnection& conn, json ops) {
  json params = json::array({k_db});
  for (auto& op : ops) params.push_back(std::move(op));
  auto result = conn.call("transact", std::move(params), k_rpc_timeout);
  if (!result.ok()) return result.error();
  auto status = transact_status(*result);
  if (!status.ok()) return status.error();
  return result;
}

}  // namespace

SwitchEmulator::SwitchEmulator(const OvsdbServer& server, std::string node_name)
    : m_server(server), m_node_name(std::move(node_name)) {}

SwitchEmulator::~SwitchEmulator() {
  stop();
}

util::Status SwitchEmulator::start(const OsImage& image, const std::string& db_version) {
  stop();
  auto conn = m_server.connect();
  if (!conn.ok()) return conn.error();
  auto uuid = write_status(**conn, image, db_version);
  if (!uuid.ok()) return uuid.error();
  json request = json::array({k_db, "vswitchd", json{{"Open_vSwitch", json{{"columns", {"next_cfg", "cur_cfg"}}}}}});
  auto initial = (*conn)->call("monitor", std::move(request), k_rpc_timeout);
  if (!initial.ok()) return initial.error();
  m_conn = std::move(*conn);
  answer(*initial);  // a next_cfg bumped between write_status() and the monitor
  m_running = true;
  m_thread = std::thread([this] { follow(); });
  return util::ok_status();
}

void SwitchEmulator::stop() {
  if (m_conn) m_conn->shutdown();
  if (m_thread.joinable()) m_thread.join();
  m_conn.reset();
  m_running = false;
}

util::Result<std::string> SwitchEmulator::write_status(JsonRpcConnection& conn, const OsImage& image,
                                                       const std::string& db_version) {
  json select = {
      {"op", "select"}, {"table", k_db}, {"where", json::array()}, {"columns", {"_uuid", "other_config", "next_cfg"}}};
  auto rows = transact(conn, json::array({select}));
  if (!rows.ok()) return rows.error();
  json found = (*rows)[0]["rows"];
  std::string uuid;
  json row;
  if (found.empty()) {  // a fresh database: create the row as `ovs-vsctl init` does
    auto inserted = transact(conn, json::array({json{{"op", "insert"}, {"table", k_db}, {"row", json::object()}}}));
    if (!inserted.ok()) return inserted.error();
    uuid = (*inserted)[0]["uuid"][1].get<std::string>();
    row = {{"other_config", json{"map", json::array()}}, {"next_cfg", 0}};
  } else {
    row = found[0];
    uuid = row["_uuid"][1].get<std::string>();
  }
  auto other_config = string_map(row["other_config"]);
  for (const auto& [k, v] : image.start_other_config) other_config[k] = v;  // the unit's ExecStartPre
  json status = switch_status_row(image, other_config, db_version);
  if (!image.start_other_config.empty()) {
    json pairs = json::array();
    for (const auto& [k, v] : other_config) pairs.push_back(json::array({k, v}));
    status["other_config"] = json{"map", pairs};
  }
  status["cur_cfg"] = row["next_cfg"];
  json ids = json::array();
  for (const auto& [key, value] : start_external_ids(m_node_name)) ids.push_back(json::array({key, value}));
  json ops = json::array({
      json{{"op", "update"}, {"table", k_db}, {"where", where_uuid(uuid)}, {"row", status}},
      json{{"op", "mutate"},
           {"table", k_db},
           {"where", where_uuid(uuid)},
           {"mutations", json::array({json::array({"external_ids", "insert", json{"map", ids}})})}},
  });
  auto written = transact(conn, std::move(ops));
  if (!written.ok()) return written.error();
  return uuid;
}

void SwitchEmulator::follow() {
  for (;;) {
    auto message = m_conn->receive(1h);
    if (!message.ok()) {
      if (message.error().kind == ErrorKind::timeout) continue;
      break;  // shut down, or ovsdb-server went away
    }
    if (message->value("method", "") == "update" && (*message)["params"].size() == 2) {
      answer((*message)["params"][1]);
    }
  }
  m_running = false;
}

void SwitchEmulator::answer(const json& table_updates) {
  if (!table_updates.contains("Open_vSwitch")) return;
  for (const auto& [uuid, change] : table_updates["Open_vSwitch"].items()) {
    if (!change.contains("new")) continue;
    const json& now = change["new"];
    if (!now.contains("next_cfg") || now["next_cfg"] == now.value("cur_cfg", json(0))) continue;
    json op = {{"op", "update"}, {"table", k_db}, {"where", where_uuid(uuid)}, {"row", {{"cur_cfg", now["next_cfg"]}}}};
    // The reply (and the update our own write triggers) arrive in follow() and are ignored.
    (void)m_conn->send(json{{"method", "transact"}, {"params", json::array({k_db, op})}, {"id", "cur_cfg"}});
  }
}

}  // namespace dl::sim::node

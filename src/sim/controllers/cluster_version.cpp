#include "sim/controllers/cluster_version.h"

#include "sim/cluster/seed.h"
#include "sim/controllers/layering_state.h"
#include "sim/controllers/objects.h"

namespace dl::sim::controllers {
namespace {

using layering::condition_status;
using layering::pool_type;

const api::ResourceType& cv_type() {
  return type_of("config.openshift.io/v1", "ClusterVersion");
}
const api::ResourceType& co_type() {
  return type_of("config.openshift.io/v1", "ClusterOperator");
}

constexpr const char* k_required_pool_label = "pools.operator.machineconfiguration.openshift.io/master";
constexpr const char* k_degraded_pool_message =
    "Cluster operator machine-config should not be upgraded between minor versions: One or more machine config pools "
    "are degraded, please see `oc get mcp` for further details and resolve before upgrading";

std::vector<json> pools(api::Store& store) {
  auto l = store.list(pool_type(), "", nullptr, 0, "");
  return l ? l->items : std::vector<json>{};
}

bool any_pool_degraded(api::Store& store) {
  for (const auto& p : pools(store))
    if (condition_status(p, "Degraded") == "True") return true;
  return false;
}

void erase_condition(json& conditions, const std::string& type) {
  json kept = json::array();
  for (const auto& c : conditions)
    if (c.value("type", "") != type) kept.push_back(c);
  conditions = kept;
}

std::string current_of(const json& cv) {
  return cv.value("status", json::object()).value("desired", json::object()).value("version", "");
}

bool updating(const json& cv) {
  json history = cv.value("status", json::object()).value("history", json::array());
  return !history.empty() && history[0].value("state", "") == "Partial";
}

}  // namespace

std::vector<const api::ResourceType*> ClusterVersionOperator::kinds() const {
  return {&cv_type(), &pool_type()};
}

std::vector<std::string> ClusterVersionOperator::keys_for(Context&, const api::WatchEvent&) {
  return {"version"};
}

void ClusterVersionOperator::reconcile(Context& ctx, const std::string& key) {
  if (key != "version") return;
  auto cv = get(ctx.store(), cv_type(), "", key);
  if (!cv) return;
  std::string channel = (*cv).value("spec", json::object()).value("channel", "");
  bool degraded = any_pool_degraded(ctx.store());
  auto decision =
      cvo::decide_update(*cv, cluster::query_update_graph(current_of(*cv), channel), m_options.arch, degraded);
  if (decision.kind == cvo::UpdateDecision::Kind::accept) start(ctx, decision);
  report(ctx, decision, degraded);
  progress(ctx);
}

// The conditions that describe the request and the update service: RetrievedUpdates and
// availableUpdates, Invalid, ReleaseAccepted, Upgradeable.
void ClusterVersionOperator::report(Context& ctx, const cvo::UpdateDecision& d, bool degraded_pool) {
  using Kind = cvo::UpdateDecision::Kind;
  modify(ctx.store(), cv_type(), "", "version", api::WritePart::status, [&](json& cv) {
    json& s = cv["status"];
    std::string current = current_of(cv);
    auto graph = cluster::query_update_graph(current, cv["spec"].value("channel", ""));
    s["availableUpdates"] = cvo::available_updates(graph, m_options.arch);
    s["observedGeneration"] = cv["metadata"].value("generation", 1);
    json conds = s.value("conditions", json::array());
    set_condition(conds, "RetrievedUpdates", graph.retrieved ? "True" : "False", graph.reason, graph.message);
    if (d.kind == Kind::invalid) {
      set_condition(conds, "Invalid", "True", "InvalidClusterVersion", d.message);
      if (!updating(cv))
        set_condition(conds, "Progressing", "False", "InvalidClusterVersion",
                      "Stopped at " + current + ": the cluster version is invalid");
    } else {
      erase_condition(conds, "Invalid");
      if (!updating(cv)) set_condition(conds, "Progressing", "False", "", "Cluster version is " + current);
    }
    if (d.kind == Kind::refuse) {
      set_condition(conds, "ReleaseAccepted", "False", d.reason, d.message);
    } else {
      std::string image = s.value("desired", json::object()).value("image", "");
      set_condition(conds, "ReleaseAccepted", "True", "PayloadLoaded",
                    "Payload loaded version=\"" + current + "\" image=\"" + image + "\" architecture=\"" +
                        cvo::kube_arch(m_options.arch) + "\"");
    }
    if (degraded_pool)
      set_condition(conds, "Upgradeable", "False", "DegradedPool", k_degraded_pool_message);
    else
      erase_condition(conds, "Upgradeable");
    s["conditions"] = conds;
  });
}

void ClusterVersionOperator::start(Context& ctx, const cvo::UpdateDecision& d) {
  std::string now = api::now_rfc3339();
  modify(ctx.store(), cv_type(), "", "version", api::WritePart::status, [&](json& cv) {
    json& s = cv["status"];
    std::string channel = cv["spec"].value("channel", "");
    s["desired"] = {{"version", d.version},
                    {"image", d.image},
                    {"channels", channel.empty() ? json::array() : json::array({channel})}};
    json history = s.value("history", json::array());
    if (!history.empty() && history[0].value("state", "") == "Partial") history[0]["completionTime"] = now;
    history.insert(history.begin(), json{{"state", "Partial"},
                                         {"startedTime", now},
                                         {"completionTime", nullptr},
                                         {"version", d.version},
                                         {"image", d.image},
                                         {"verified", !d.force}});
    s["history"] = history;
    json conds = s.value("conditions", json::array());
    set_condition(conds, "Progressing", "True", "", cvo::working_towards(d.version, 12, false));
    set_condition(conds, "Failing", "False", "", "");
    s["conditions"] = conds;
  });
  m_deadlines.clear("operators/" + d.version);
}

// Drives the update in history[0] (state Partial) through the operators, the MCO and completion.
void ClusterVersionOperator::progress(Context& ctx) {
  auto cv = get(ctx.store(), cv_type(), "", "version");
  if (!cv || !updating(*cv)) return;
  std::string version = (*cv)["status"]["history"][0].value("version", "");
  if (!m_deadlines.reached(ctx, "operators/" + version, ctx.timing().upgrade_operators, "version")) return;
  if (m_announced != version) {
    m_announced = version;
    if (m_options.on_control_plane) m_options.on_control_plane(version);
  }
  roll_operators(ctx, version, false);
  render_pools(ctx, version);
  bool degraded = false;
  std::string waiting = required_pools(ctx, version, degraded);
  if (waiting.empty()) return finish(ctx, version);
  modify(ctx.store(), co_type(), "", "machine-config", api::WritePart::status, [&](json& co) {
    json conds = co["status"].value("conditions", json::array());
    set_condition(conds, "Progressing", "True", "", "Working towards " + version);
    set_condition(conds, "Degraded", degraded ? "True" : "False", degraded ? "RequiredPoolsFailed" : "",
                  degraded ? "Unable to apply " + version + ": " + waiting : "");
    co["status"]["conditions"] = conds;
  });
  modify(ctx.store(), cv_type(), "", "version", api::WritePart::status, [&](json& o) {
    json conds = o["status"].value("conditions", json::array());
    set_condition(conds, "Failing", degraded ? "True" : "False", degraded ? "ClusterOperatorDegraded" : "",
                  degraded ? "Cluster operator machine-config is degraded" : "");
    set_condition(conds, "Progressing", "True", degraded ? "ClusterOperatorDegraded" : "",
                  degraded ? "Unable to apply " + version + ": the cluster operator machine-config is degraded"
                           : cvo::working_towards(version, cvo::k_done_before_mco, true));
    o["status"]["conditions"] = conds;
  });
}

void ClusterVersionOperator::roll_operators(Context& ctx, const std::string& version, bool machine_config) {
  auto l = ctx.store().list(co_type(), "", nullptr, 0, "");
  for (const auto& co : l ? l->items : std::vector<json>{}) {
    std::string name = co["metadata"].value("name", "");
    if ((name == "machine-config") != machine_config) continue;
    modify(ctx.store(), co_type(), "", name, api::WritePart::status, [&](json& o) {
      o["status"]["versions"] = json::array({{{"name", "operator"}, {"version", version}}});
      json conds = o["status"].value("conditions", json::array());
      set_condition(conds, "Available", "True", "", "");
      set_condition(conds, "Progressing", "False", "", machine_config ? "Cluster version is " + version : "");
      set_condition(conds, "Degraded", "False", "", "");
      o["status"]["conditions"] = conds;
    });
  }
}

// The MCO's render controller on the new release: a rendered config per pool, pools moved to it.
void ClusterVersionOperator::render_pools(Context& ctx, const std::string& version) {
  for (const auto& p : pools(ctx.store())) {
    std::string pool = p["metadata"].value("name", "");
    json mc = cluster::rendered_machine_config(pool, version, m_options.arch);
    std::string rendered = mc["metadata"].value("name", "");
    ensure(ctx.store(), layering::mc_type(), "", mc);
    modify(ctx.store(), pool_type(), "", pool, api::WritePart::main,
           [&](json& o) { o["spec"]["configuration"]["name"] = rendered; });
  }
}

std::string ClusterVersionOperator::required_pools(Context& ctx, const std::string& version, bool& degraded) {
  for (const auto& p : pools(ctx.store())) {
    if (!p["metadata"].value("labels", json::object()).contains(k_required_pool_label)) continue;
    std::string pool = p["metadata"].value("name", "");
    std::string rendered = cluster::rendered_machine_config(pool, version, m_options.arch)["metadata"]["name"];
    json s = p.value("status", json::object());
    bool done = condition_status(p, "Updated") == "True" &&
                s.value("configuration", json::object()).value("name", "") == rendered;
    if (done) continue;
    degraded = condition_status(p, "Degraded") == "True";
    return "error during syncRequiredMachineConfigPools: [context deadline exceeded, error MachineConfigPool " + pool +
           " is not ready, retrying. Status: (pool degraded: " + (degraded ? "true" : "false") +
           " total: " + std::to_string(s.value("machineCount", 0)) + ", ready " +
           std::to_string(s.value("readyMachineCount", 0)) +
           ", updated: " + std::to_string(s.value("updatedMachineCount", 0)) +
           ", unavailable: " + std::to_string(s.value("unavailableMachineCount", 0)) + ")]";
  }
  return "";
}

void ClusterVersionOperator::finish(Context& ctx, const std::string& version) {
  roll_operators(ctx, version, true);
  std::string now = api::now_rfc3339();
  modify(ctx.store(), cv_type(), "", "version", api::WritePart::status, [&](json& o) {
    json& s = o["status"];
    s["history"][0]["state"] = "Completed";
    s["history"][0]["completionTime"] = now;
    json conds = s.value("conditions", json::array());
    set_condition(conds, "Available", "True", "", "Done applying " + version);
    set_condition(conds, "Failing", "False", "", "");
    set_condition(conds, "Progressing", "False", "", "Cluster version is " + version);
    s["conditions"] = conds;
  });
}

}  // namespace dl::sim::controllers

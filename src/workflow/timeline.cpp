#include "workflow/timeline.h"

#include <algorithm>

#include "workflow/follow.h"

namespace dl::workflow {
namespace {

const json& items_of(const json& list_or_array) {
  static const json empty = json::array();
  if (list_or_array.is_array()) return list_or_array;
  if (list_or_array.is_object() && list_or_array.contains("items") && list_or_array["items"].is_array())
    return list_or_array["items"];
  return empty;
}

// lastTransitionTime of condition `type` when it is True and not older than `since`.
std::optional<long long> true_since(const json& mcn, const char* type, std::optional<long long> since) {
  auto c = condition(mcn, type);
  if (!c || c->value("status", "") != "True") return std::nullopt;
  auto t = parse_time(c->value("lastTransitionTime", ""));
  if (!t || (since && *t < *since)) return std::nullopt;
  return t;
}

// The end of the update: the first of Updated, UpdateComplete, Uncordoned the MCN carries at all.
std::optional<long long> end_of(const json& mcn, long long start) {
  for (const char* type : {"Updated", "UpdateComplete", "Uncordoned"})
    if (condition(mcn, type)) return true_since(mcn, type, start);
  return std::nullopt;
}

std::string degraded_reason(const json& mcn, const json* node) {
  if (node && annotation(*node, mco_key("state")) == "Degraded") {
    std::string reason = annotation(*node, mco_key("reason"));
    return reason.empty() ? "Degraded" : reason;
  }
  if (condition_status(mcn, "NodeDegraded") == "True") {
    std::string message = condition(mcn, "NodeDegraded")->value("message", "");
    return message.empty() ? "NodeDegraded" : message;
  }
  return "";
}

TimelineRow row_of(const json& mcn, const json* node, long long now) {
  TimelineRow r;
  r.node = mcn["metadata"].value("name", "");
  r.state = "waiting";
  auto start = true_since(mcn, "UpdatePrepared", std::nullopt);
  if (!start) return r;
  std::vector<std::optional<long long>> at = {start, true_since(mcn, "Cordoned", start),
                                              true_since(mcn, "Drained", start),
                                              true_since(mcn, "RebootedNode", start), end_of(mcn, *start)};
  long long floor = *start;
  for (auto& t : at) {  // a clock step backwards never makes a negative phase
    if (!t) continue;
    t = std::max(*t, floor);
    floor = *t;
  }
  const auto& names = timeline_phases();
  for (size_t i = 0; i < names.size(); ++i) {
    if (!at[i]) continue;
    TimelinePhase p{names[i], *at[i], std::nullopt};
    for (size_t j = i + 1; j < at.size() && !p.end; ++j) p.end = at[j];
    r.phases.push_back(p);
  }
  r.start = start;
  r.end = at.back();
  r.seconds = std::max(0LL, (r.end ? *r.end : std::max(now, *start)) - *start);
  r.reason = r.end ? "" : degraded_reason(mcn, node);
  r.state = r.end ? "done" : r.reason.empty() ? "running" : "degraded";
  return r;
}

// While the pool is Updating, a node whose last update ended before that waits for this rollout.
void mark_waiting(TimelineRow& r, const json& pool_object) {
  if (!pool_object.is_object() || condition_status(pool_object, "Updating") != "True" || !r.end) return;
  auto since = parse_time(condition(pool_object, "Updating")->value("lastTransitionTime", ""));
  if (!since || *r.end >= *since) return;
  r = TimelineRow{r.node, "waiting", "", std::nullopt, std::nullopt, {}, 0, false};
}

bool before(const TimelineRow& a, const TimelineRow& b) {
  if (a.start.has_value() != b.start.has_value()) return a.start.has_value();
  if (a.start && *a.start != *b.start) return *a.start < *b.start;
  return a.node < b.node;
}

}  // namespace

const std::vector<std::string>& timeline_phases() {
  static const std::vector<std::string> names = {"cordon", "drain", "reboot", "ready"};
  return names;
}

Timeline build_timeline(const std::string& pool, const json& mcns, const json& nodes, const json& pool_object,
                        long long now) {
  Timeline t;
  t.pool = pool;
  t.now = now;
  for (const auto& mcn : items_of(mcns)) {
    if (mcn.value("spec", json::object()).value("pool", json::object()).value("name", "") != pool) continue;
    std::string name = mcn["metadata"].value("name", "");
    const json* node = nullptr;
    for (const auto& n : items_of(nodes))
      if (n["metadata"].value("name", "") == name) node = &n;
    TimelineRow r = row_of(mcn, node, now);
    mark_waiting(r, pool_object);
    t.rows.push_back(std::move(r));
  }
  std::sort(t.rows.begin(), t.rows.end(), before);
  t.start = now;
  t.end = now;
  bool any = false;
  TimelineRow* slowest = nullptr;
  for (auto& r : t.rows) {
    if (!r.start) continue;
    long long last = r.end ? *r.end : std::max(now, *r.start);
    t.start = any ? std::min(t.start, *r.start) : *r.start;
    t.end = any ? std::max(t.end, last) : last;
    any = true;
    if (!slowest || r.seconds > slowest->seconds) slowest = &r;
  }
  if (slowest) {
    slowest->slowest = true;
    t.slowest = slowest->node;
  }
  return t;
}

util::Result<Timeline> gather_timeline(kube::Client& client, const std::string& pool, long long now) {
  auto p = client.get(kube::with_name(refs::pool(), pool));
  if (!p) return p.error().to_util();
  kube::ResourceRef mcn_ref{"machineconfiguration.openshift.io", "v1", "machineconfignodes", "", "", ""};
  auto mcns = client.list(mcn_ref, {});
  if (!mcns) return mcns.error().to_util();
  kube::ListOptions lo;
  lo.label_selector = pool_selector(*p);
  auto nodes = client.list(refs::node(), lo);
  if (!nodes) return nodes.error().to_util();
  return build_timeline(pool, *mcns, *nodes, *p, now);
}

namespace {

void put_time(json& out, const char* key, const std::optional<long long>& t) {
  out[key] = t ? json(*t) : json(nullptr);
  out[std::string(key) + "Time"] = t ? json(format_time(*t)) : json(nullptr);
}

}  // namespace

json to_json(const Timeline& t) {
  json rows = json::array();
  for (const auto& r : t.rows) {
    json phases = json::array();
    for (const auto& p : r.phases) {
      json o = {{"phase", p.name}};
      put_time(o, "start", p.start);
      put_time(o, "end", p.end);
      o["seconds"] = (p.end ? *p.end : std::max(t.now, p.start)) - p.start;
      o["running"] = !p.end.has_value();
      phases.push_back(o);
    }
    json o = {{"node", r.node}, {"state", r.state}};
    if (!r.reason.empty()) o["reason"] = r.reason;
    put_time(o, "start", r.start);
    put_time(o, "end", r.end);
    o["seconds"] = r.seconds;
    o["slowest"] = r.slowest;
    o["phases"] = phases;
    rows.push_back(o);
  }
  json out = {{"pool", t.pool}, {"slowest", t.slowest}};
  put_time(out, "now", t.now);
  put_time(out, "start", t.start);
  put_time(out, "end", t.end);
  out["rows"] = rows;
  return out;
}

}  // namespace dl::workflow

#include "workflow/status.h"

#include <algorithm>

#include "workflow/credentials.h"
#include "workflow/follow.h"
#include "workflow/observer.h"

namespace dl::workflow {
namespace {

std::optional<json> get_optional(kube::Client& client, const kube::ResourceRef& ref, util::Status& error) {
  auto r = client.get(ref);
  if (r) return *r;
  if (!r.error().is_not_found()) error = r.error().to_util();
  return std::nullopt;
}

void read_registry(kube::Client& client, const spec::LayerSpec& spec, StatusReport& s, util::Status& err) {
  if (!spec.registry.internal) return;
  if (auto cfg = get_optional(client, refs::registry_config(), err))
    s.registry_state = (*cfg)["spec"].value("managementState", "");
  if (auto pvc = get_optional(client, kube::with_name(refs::pvc(spec::k_registry_namespace), spec.registry.internal->claim_name), err))
    s.claim_phase = pvc->value("status", json::object()).value("phase", "Pending");
  if (auto d = get_optional(client, kube::with_name(refs::deployment(spec::k_registry_namespace), "image-registry"), err))
    s.registry_available = d->value("status", json::object()).value("availableReplicas", 0LL);
}

void read_credentials(kube::Client& client, const spec::LayerSpec& spec, long long now, StatusReport& s, util::Status& err) {
  std::string push_name = spec.registry.external ? spec.registry.external->push_secret : spec::k_push_secret;
  if (auto push = get_optional(client, kube::with_name(refs::secret(spec::k_mco_namespace), push_name), err)) {
    s.push_secret = true;
    s.token_expires = parse_time(annotation(*push, k_token_expiry_annotation));
    if (s.token_expires) {
      s.token_seconds_left = *s.token_expires - now;
      s.token_renew_due = s.token_seconds_left <= spec.credentials.renew_before_seconds;
    }
  }
  s.pull_and_push_secret =
      get_optional(client, kube::with_name(refs::secret(spec::k_mco_namespace), spec::k_pull_and_push_secret), err)
          .has_value();
}

BuildRow build_row(const json& mosb) {
  BuildRow b;
  b.name = mosb["metadata"].value("name", "");
  b.state = build_state(mosb);
  const json st = mosb.value("status", json::object());
  b.started = st.value("buildStart", mosb["metadata"].value("creationTimestamp", ""));
  b.ended = st.value("buildEnd", "");
  auto t0 = parse_time(b.started), t1 = parse_time(b.ended);
  if (t0 && t1) b.seconds = *t1 - *t0;
  return b;
}

void read_layer(kube::Client& client, const spec::LayerSpec& spec, StatusReport& s, util::Status& err) {
  auto mosc = get_optional(client, kube::with_name(refs::mosc(), spec.pool), err);
  if (!mosc) return;
  s.mosc = true;
  s.image = mosc->value("status", json::object()).value("currentImagePullSpec", "");
  s.current_build = annotation(*mosc, mco_key("current-machine-os-build"));
  kube::ListOptions lo;
  lo.label_selector = mco_key("machine-os-config") + "=" + spec.pool;
  auto builds = client.list(refs::mosb(), lo);
  if (!builds) {
    err = builds.error().to_util();
    return;
  }
  for (const auto& b : (*builds)["items"]) s.builds.push_back(build_row(b));
  std::sort(s.builds.begin(), s.builds.end(), [](const BuildRow& a, const BuildRow& b) { return a.started > b.started; });
}

void read_pool(kube::Client& client, const spec::LayerSpec& spec, StatusReport& s, util::Status& err) {
  s.pool = spec.pool;
  auto pool = get_optional(client, kube::with_name(refs::pool(), spec.pool), err);
  if (!pool) return;
  const json st = pool->value("status", json::object());
  s.machines = st.value("machineCount", 0LL);
  s.updated = st.value("updatedMachineCount", 0LL);
  s.ready = st.value("readyMachineCount", 0LL);
  s.degraded = st.value("degradedMachineCount", 0LL);
  for (const char* c : {"Degraded", "Updating", "Updated"})
    if (condition_status(*pool, c) == "True") {
      s.pool_condition = c;
      break;
    }
  kube::ListOptions lo;
  lo.label_selector = pool_selector(*pool);
  auto nodes = client.list(refs::node(), lo);
  if (!nodes) {
    err = nodes.error().to_util();
    return;
  }
  for (const auto& n : (*nodes)["items"]) {
    NodeRow r;
    r.name = n["metadata"].value("name", "");
    r.state = annotation(n, mco_key("state"));
    r.current_image = annotation(n, mco_key("currentImage"));
    r.desired_image = annotation(n, mco_key("desiredImage"));
    r.on_layer = !s.image.empty() && r.current_image == s.image;
    r.ready = condition_status(n, "Ready") == "True";
    r.schedulable = !n.value("spec", json::object()).value("unschedulable", false);
    s.nodes.push_back(r);
  }
}

}  // namespace

util::Result<StatusReport> gather_status(kube::Client& client, const spec::LayerSpec& spec, long long now) {
  StatusReport s;
  util::Status err = util::ok_status();
  if (auto cv = get_optional(client, refs::cluster_version(), err))
    s.cluster_version = running_version(*cv);
  read_registry(client, spec, s, err);
  read_credentials(client, spec, now, s, err);
  read_layer(client, spec, s, err);
  read_pool(client, spec, s, err);
  if (!err) return err.error();
  return s;
}

util::Status watch_status(kube::Client& client, const spec::LayerSpec& spec, std::chrono::milliseconds min_gap,
                          const std::function<long long()>& now, const std::function<bool(const StatusReport&)>& show) {
  auto first = gather_status(client, spec, now());
  if (!first) return first.error();
  if (!show(*first)) return util::ok_status();
  std::string last_shown = to_json(*first).dump();
  Observer obs(client);
  obs.watch(refs::mosc());
  obs.watch(refs::mosb());
  obs.watch(refs::pool());
  obs.watch(refs::node());
  obs.watch(refs::secret(spec::k_mco_namespace));
  obs.watch(refs::pvc(spec::k_registry_namespace));
  uint64_t gathered_at = obs.version();
  auto last_gather = std::chrono::steady_clock::now();
  util::Status failed = util::ok_status();
  auto st = obs.wait(
      [&]() -> Verdict {
        uint64_t v = obs.version();
        if (v == gathered_at || std::chrono::steady_clock::now() - last_gather < min_gap) return Verdict::pending();
        gathered_at = v;
        last_gather = std::chrono::steady_clock::now();
        auto s = gather_status(client, spec, now());
        if (!s) {
          failed = s.error();
          return Verdict::done();
        }
        std::string shown = to_json(*s).dump();
        if (shown == last_shown) return Verdict::pending();
        last_shown = std::move(shown);
        return show(*s) ? Verdict::pending() : Verdict::done();
      },
      std::chrono::hours(24 * 365), "changes of the layer", std::min(min_gap, std::chrono::milliseconds(250)));
  if (!failed) return failed;
  return st;
}

json to_json(const StatusReport& s) {
  json nodes = json::array();
  for (const auto& n : s.nodes)
    nodes.push_back({{"name", n.name}, {"state", n.state}, {"currentImage", n.current_image},
                     {"desiredImage", n.desired_image}, {"onLayer", n.on_layer}, {"ready", n.ready},
                     {"schedulable", n.schedulable}});
  json builds = json::array();
  for (const auto& b : s.builds)
    builds.push_back({{"name", b.name}, {"state", b.state}, {"started", b.started}, {"ended", b.ended},
                      {"seconds", b.seconds}});
  json creds = {{"pushSecret", s.push_secret}, {"pullAndPushSecret", s.pull_and_push_secret},
                {"renewDue", s.token_renew_due}};
  if (s.token_expires) {
    creds["tokenExpires"] = format_time(*s.token_expires);
    creds["tokenSecondsLeft"] = s.token_seconds_left;
  }
  return {{"clusterVersion", s.cluster_version},
          {"registry", {{"managementState", s.registry_state}, {"claimPhase", s.claim_phase},
                        {"available", s.registry_available}}},
          {"credentials", creds},
          {"layer", {{"machineOSConfig", s.mosc}, {"image", s.image}, {"currentBuild", s.current_build},
                     {"builds", builds}}},
          {"pool", {{"name", s.pool}, {"machines", s.machines}, {"updated", s.updated}, {"ready", s.ready},
                    {"degraded", s.degraded}, {"condition", s.pool_condition}}},
          {"nodes", nodes}};
}

}  // namespace dl::workflow

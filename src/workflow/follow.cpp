#include "workflow/follow.h"

#include <map>
#include <sstream>
#include <vector>

#include "workflow/resources.h"

namespace dl::workflow {
namespace {

using Clock = std::chrono::steady_clock;
const char* k_mco_ns = "openshift-machine-config-operator";

kube::InformerOptions by_name(const std::string& name) {
  kube::InformerOptions o;
  o.field_selector = "metadata.name=" + name;
  return o;
}

/// The MOSB the MachineOSConfig names for its current generation ("" while the MCO has not
/// caught up with the latest spec).
std::string current_build(const json& mosc) {
  const json status = mosc.value("status", json::object());
  if (status.value("observedGeneration", 0LL) < mosc["metadata"].value("generation", 1LL)) return "";
  std::string name = status.value("machineOSBuild", json::object()).value("name", "");
  return name.empty() ? annotation(mosc, mco_key("current-machine-os-build")) : name;
}

}  // namespace

std::string build_state(const json& mosb) {
  for (const char* s : {"Succeeded", "Failed", "Interrupted", "Building", "Prepared"})
    if (condition_status(mosb, s) == "True") return s;
  return "";
}

std::string failure_lines(const std::string& log, size_t max_lines) {
  std::vector<std::string> hits;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (line.find("No match for argument") != std::string::npos || line.find("Error:") != std::string::npos ||
        line.find("error:") != std::string::npos || line.find("Problem") == 0 ||
        line.find("nothing provides") != std::string::npos || line.find("unauthorized") != std::string::npos)
      hits.push_back(line);
  }
  if (hits.size() > max_lines) hits.erase(hits.begin(), hits.end() - static_cast<long>(max_lines));
  std::string out;
  for (const auto& h : hits) out += h + "\n";
  return out;
}

std::string build_pod_name(kube::Client& client, const std::string& mosb) {
  kube::ListOptions lo;
  lo.label_selector = "job-name=build-" + mosb;
  auto pods = client.list(refs::pod(k_mco_ns), lo);
  if (!pods) return "";
  std::string best, best_time;
  for (const auto& p : (*pods)["items"]) {
    std::string t = p["metadata"].value("creationTimestamp", "");
    if (best.empty() || t >= best_time) {
      best = p["metadata"].value("name", "");
      best_time = t;
    }
  }
  return best;
}

util::Result<BuildResult> follow_build(kube::Client& client, const std::string& mosc_name,
                                       std::chrono::milliseconds timeout, const EventSink& events,
                                       const std::string& stale_uid) {
  Observer obs(client);
  size_t mosc_i = obs.watch(refs::mosc(), by_name(mosc_name));
  size_t mosb_i = obs.watch(refs::mosb());
  BuildResult r;
  auto started = Clock::now();
  std::string last_state;
  auto st = obs.wait(
      [&]() -> Verdict {
        auto mosc = obs.find(mosc_i, mosc_name);
        if (!mosc) return Verdict::failed("MachineOSConfig " + mosc_name + " was deleted while its build was awaited");
        r.name = current_build(*mosc);
        if (r.name.empty()) return Verdict::pending();
        if (!stale_uid.empty() && (*mosc)["metadata"].value("annotations", json::object()).contains(k_rebuild_annotation))
          return Verdict::pending();
        auto mosb = obs.find(mosb_i, r.name);
        if (!mosb || (!stale_uid.empty() && (*mosb)["metadata"].value("uid", "") == stale_uid)) return Verdict::pending();
        std::string state = build_state(*mosb);
        if (state != last_state) {
          last_state = state;
          emit(events, Event::Kind::progress, "build",
               "MachineOSBuild " + r.name + ": " + (state.empty() ? "Pending" : state),
               {{"build", r.name}, {"state", state}});
        }
        r.state = state;
        if (state == "Succeeded") {
          r.image = mosb->value("status", json::object()).value("digestedImagePushSpec", "");
          return Verdict::done();
        }
        if (state == "Failed" || state == "Interrupted") return Verdict::done();
        return Verdict::pending();
      },
      timeout, "MachineOSBuild of MachineOSConfig " + mosc_name + " to finish");
  r.took = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - started);
  if (!st) return st.error();
  if (r.state == "Failed") {
    std::string pod = build_pod_name(client, r.name);
    std::string log;
    if (!pod.empty()) {
      kube::LogOptions lo;
      lo.container = "image-build";
      (void)client.logs(kube::with_name(refs::pod(k_mco_ns), pod), lo, [&](std::string_view chunk) {
        log.append(chunk);
        return true;
      });
    }
    r.log_excerpt = failure_lines(log);
    return util::make_error(util::ErrorKind::internal, "build " + r.name + " failed" +
                                                           (pod.empty() ? "" : " (pod " + pod + ")") +
                                                           (r.log_excerpt.empty() ? "" : ":\n" + r.log_excerpt) +
                                                           "see the whole log with: doca-layer logs");
  }
  if (r.state == "Interrupted")
    return util::make_error(util::ErrorKind::conflict,
                            "build " + r.name + " was interrupted (the MachineOSConfig changed); run apply again");
  return r;
}

util::Result<std::string> request_rebuild(kube::Client& client, const std::string& mosc_name, bool dry_run) {
  auto mosc = client.get(kube::with_name(refs::mosc(), mosc_name));
  if (!mosc) return mosc.error().to_util();
  std::string stale = "none";
  if (std::string name = current_build(*mosc); !name.empty()) {
    auto mosb = client.get(kube::with_name(refs::mosb(), name));
    if (mosb) stale = (*mosb)["metadata"].value("uid", "none");
    else if (!mosb.error().is_not_found()) return mosb.error().to_util();
  }
  if (dry_run) return stale;
  json patch = {{"metadata", {{"annotations", {{k_rebuild_annotation, ""}}}}}};
  auto patched = client.patch(kube::with_name(refs::mosc(), mosc_name), kube::PatchType::merge, patch.dump());
  if (!patched) return patched.error().to_util();
  return stale;
}

std::string pool_selector(const json& pool) {
  const json selector = pool.value("spec", json::object()).value("nodeSelector", json::object());
  std::vector<std::string> terms;
  const json labels = selector.value("matchLabels", json::object());
  const json expressions = selector.value("matchExpressions", json::array());
  for (const auto& [k, v] : labels.items())
    terms.push_back(k + (v.get<std::string>().empty() ? "" : "=" + v.get<std::string>()));
  for (const auto& e : expressions) {
    std::string key = e.value("key", ""), op = e.value("operator", "");
    std::string values;
    const json listed = e.value("values", json::array());
    for (const auto& v : listed) values += (values.empty() ? "" : ",") + v.get<std::string>();
    if (op == "In") terms.push_back(key + " in (" + values + ")");
    else if (op == "NotIn") terms.push_back(key + " notin (" + values + ")");
    else if (op == "Exists") terms.push_back(key);
    else if (op == "DoesNotExist") terms.push_back("!" + key);
  }
  std::string sel;
  for (const auto& t : terms) sel += (sel.empty() ? "" : ",") + t;
  return sel;
}

namespace {

struct NodeClock {
  std::map<std::string, Clock::time_point> started;
  std::vector<double> durations;  ///< seconds per finished node
  std::map<std::string, std::string> last_state;
};

json rollout_counts(const json& pool) {
  const json s = pool.value("status", json::object());
  return {{"machines", s.value("machineCount", 0)},
          {"updated", s.value("updatedMachineCount", 0)},
          {"ready", s.value("readyMachineCount", 0)},
          {"degraded", s.value("degradedMachineCount", 0)}};
}

}  // namespace

util::Status follow_rollout(kube::Client& client, const std::string& pool_name, const std::string& image,
                            std::chrono::milliseconds timeout, const EventSink& events) {
  auto pool = client.get(kube::with_name(refs::pool(), pool_name));
  if (!pool) return pool.error().to_util();
  Observer obs(client);
  size_t pool_i = obs.watch(refs::pool(), by_name(pool_name));
  kube::InformerOptions nodes_opts;
  nodes_opts.label_selector = pool_selector(*pool);
  size_t node_i = obs.watch(refs::node(), nodes_opts);
  NodeClock clock;
  auto start = Clock::now();
  int max_unavailable = 1;
  if ((*pool)["spec"].contains("maxUnavailable") && (*pool)["spec"]["maxUnavailable"].is_number_integer())
    max_unavailable = std::max(1, (*pool)["spec"]["maxUnavailable"].get<int>());
  return obs.wait(
      [&]() -> Verdict {
        auto p = obs.find(pool_i, pool_name);
        if (!p) return Verdict::failed("MachineConfigPool " + pool_name + " disappeared");
        auto nodes = obs.items(node_i);
        size_t done = 0;
        for (const auto& n : nodes) {
          std::string name = n["metadata"].value("name", "");
          std::string state = annotation(n, mco_key("state"));
          std::string current = annotation(n, mco_key("currentImage"));
          std::string desired = annotation(n, mco_key("desiredImage"));
          if (state == "Degraded")
            return Verdict::failed("node " + name + " is Degraded: " + annotation(n, mco_key("reason")));
          bool on_target = current == image && state == "Done";
          std::string phase = on_target ? "done" : (desired == image && state == "Working") ? "updating" : "waiting";
          if (clock.last_state[name] != phase) {
            if (phase == "updating") clock.started[name] = Clock::now();
            if (phase == "done" && clock.started.count(name))
              clock.durations.push_back(std::chrono::duration<double>(Clock::now() - clock.started[name]).count());
            if (phase != "waiting" || !clock.last_state[name].empty())
              emit(events, Event::Kind::progress, "rollout", "node " + name + ": " + phase,
                   {{"node", name}, {"phase", phase}});
            clock.last_state[name] = phase;
          }
          if (on_target) ++done;
        }
        if (condition_status(*p, "Degraded") == "True") {
          auto c = condition(*p, "Degraded");
          return Verdict::failed("pool " + pool_name + " is Degraded: " + c->value("message", ""));
        }
        size_t left = nodes.size() - done;
        json data = rollout_counts(*p);
        data["nodesOnImage"] = done;
        data["nodes"] = nodes.size();
        data["elapsedSeconds"] = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start).count();
        if (!clock.durations.empty() && left > 0) {
          double avg = 0;
          for (double d : clock.durations) avg += d;
          avg /= static_cast<double>(clock.durations.size());
          data["etaSeconds"] =
              static_cast<long long>(avg * static_cast<double>((left + static_cast<size_t>(max_unavailable) - 1) /
                                                               static_cast<size_t>(max_unavailable)));
        }
        emit(events, Event::Kind::wait, "rollout",
             std::to_string(done) + "/" + std::to_string(nodes.size()) + " nodes on the new image", data);
        if (left == 0 && !nodes.empty() && condition_status(*p, "Updated") == "True") return Verdict::done();
        return Verdict::pending();
      },
      timeout, "pool " + pool_name + " to roll out image " + image);
}

}  // namespace dl::workflow

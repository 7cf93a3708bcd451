#include "sim/controllers/debug_pods.h"

#include "sim/controllers/debug_pod_status.h"

namespace dl::sim::controllers {
namespace {

const api::ResourceType& pod_type() {
  return type_of("v1", "Pod");
}
const api::ResourceType& node_type() {
  return type_of("v1", "Node");
}

bool user_pod(const json& pod) {
  const json& m = pod.value("metadata", json::object());
  return m.value("ownerReferences", json::array()).empty() &&
         !pod.value("spec", json::object()).value("nodeName", "").empty();
}

std::string phase_of(const json& pod) {
  return pod.value("status", json::object()).value("phase", "");
}

std::string internal_ip(api::Store& store, const std::string& node) {
  auto n = get(store, node_type(), "", node);
  if (!n) return "";
  for (const auto& a : n->value("status", json::object()).value("addresses", json::array()))
    if (a.value("type", "") == "InternalIP") return a.value("address", "");
  return "";
}

}  // namespace

std::vector<const api::ResourceType*> DebugPods::kinds() const {
  return {&pod_type()};
}

std::vector<std::string> DebugPods::keys_for(Context&, const api::WatchEvent& e) {
  if (e.type == "DELETED" || user_pod(e.object)) return {object_key(e.object)};
  return {};
}

void DebugPods::reconcile(Context& ctx, const std::string& key) {
  auto [ns, name] = split_key(key);
  auto pod = get(ctx.store(), pod_type(), ns, name);
  auto run = m_runs.find(key);
  std::string uid = pod ? (*pod)["metadata"].value("uid", "") : "";
  if (run != m_runs.end() && run->second.uid != uid) {  // deleted (maybe re-created under the name)
    m_runs.erase(run);
    run = m_runs.end();
  }
  if (!pod || !user_pod(*pod)) {
    m_deadlines.clear(key + "|start");
    m_deadlines.clear(key + "|exit");
    return;
  }
  std::shared_ptr<node::NodeHost> host = m_fleet ? m_fleet->find((*pod)["spec"].value("nodeName", "")) : nullptr;
  if (!host) return;  // no such node: Pending, as the kubelet of a missing node never runs it
  std::string phase = phase_of(*pod);
  if (phase.empty() || phase == "Pending") {
    if (!m_deadlines.reached(ctx, key + "|start", ctx.timing().host_pod, key)) return;
    m_deadlines.clear(key + "|start");
    start(ctx, key, *pod, *host);
    return;
  }
  if (phase != "Running" || run == m_runs.end() || !run->second.finishes) return;
  if (!m_deadlines.reached(ctx, key + "|exit", ctx.timing().host_pod, key)) return;
  m_deadlines.clear(key + "|exit");
  Run done = run->second;
  m_runs.erase(run);
  finish(ctx, key, done);
}

void DebugPods::start(Context& ctx, const std::string& key, const json& pod, node::NodeHost& host) {
  auto [ns, name] = split_key(key);
  Run run;
  run.uid = pod["metadata"].value("uid", "");
  run.started = api::now_rfc3339();
  const json containers = pod["spec"].value("containers", json::array());
  run.finishes = !containers.empty();
  for (const auto& c : containers) {
    std::string container = c.value("name", "");
    record_event(ctx.store(), pod, "Normal", "Pulled",
                 "Container image \"" + c.value("image", "") + "\" already present on machine", this->name());
    record_event(ctx.store(), pod, "Normal", "Created", "Created container: " + container, this->name());
    record_event(ctx.store(), pod, "Normal", "Started", "Started container " + container, this->name());
    std::vector<std::string> argv = debug_pod::container_argv(c);
    if (argv.empty()) {  // the image's shell, waiting for an attach that never comes
      run.finishes = false;
      continue;
    }
    node::ExecResult r = host.exec(argv);
    if (!r.out.empty()) ctx.logs().append(ns, name, container, r.out);
    if (!r.err.empty()) ctx.logs().append(ns, name, container, r.err);
    ctx.logs().finish(ns, name, container);
    run.exits[container] = r.exit_code;
  }
  std::string ip = internal_ip(ctx.store(), host.name());
  auto written = modify(ctx.store(), pod_type(), ns, name, api::WritePart::status, [&](json& p) {
    std::string phase = phase_of(p);
    if (phase.empty() || phase == "Pending") p["status"] = debug_pod::running_status(p, ip, run.started);
  });
  if (!written || phase_of(*written) != "Running") return;
  if (run.finishes) m_deadlines.reached(ctx, key + "|exit", ctx.timing().host_pod, key);
  m_runs[key] = std::move(run);
}

void DebugPods::finish(Context& ctx, const std::string& key, const Run& run) {
  auto [ns, name] = split_key(key);
  std::string now = api::now_rfc3339();
  modify(ctx.store(), pod_type(), ns, name, api::WritePart::status, [&](json& p) {
    if (p["metadata"].value("uid", "") != run.uid || phase_of(p) != "Running") return;
    p["status"] = debug_pod::terminated_status(p, p["status"], run.exits, now);
  });
}

}  // namespace dl::sim::controllers

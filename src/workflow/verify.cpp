#include "workflow/verify.h"

#include <atomic>
#include <mutex>
#include <random>
#include <thread>

#include "ovs/fix.h"
#include "ovs/probe.h"
#include "workflow/follow.h"
#include "workflow/observer.h"
#include "workflow/resources.h"

namespace dl::workflow {
namespace {

std::string random_suffix() {
  static thread_local std::mt19937 rng{std::random_device{}()};
  const char* alphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::string s;
  for (int i = 0; i < 5; ++i) s += alphabet[rng() % 27];
  return s;
}

json debug_pod(const std::string& node, const std::string& script, const std::string& image) {
  std::string name = "doca-layer-verify-" + node.substr(0, 40) + "-" + random_suffix();
  json container = {{"name", "debugger"},
                    {"image", image},
                    {"command", {"chroot", "/host", "/bin/sh", "-c", script}},
                    {"securityContext", {{"privileged", true}, {"runAsUser", 0}}},
                    {"volumeMounts", {{{"name", "host-root"}, {"mountPath", "/host"}}}}};
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"name", name},
            {"namespace", k_debug_namespace},
            {"labels", {{"app.kubernetes.io/managed-by", "doca-layer"}, {"doca-layer.nvidia.com/verify", node}}}}},
          {"spec",
           {{"nodeName", node},
            {"restartPolicy", "Never"},
            {"hostNetwork", true},
            {"hostPID", true},
            {"hostIPC", true},
            {"tolerations", {{{"operator", "Exists"}}}},
            {"volumes", {{{"name", "host-root"}, {"hostPath", {{"path", "/"}}}}}},
            {"containers", {container}}}}};
}

std::string pod_phase(const json& pod) {
  return pod.value("status", json::object()).value("phase", "");
}

ovs::Check image_check(const json& node, const std::string& want) {
  std::string current = annotation(node, mco_key("currentImage"));
  ovs::Check c{"booted-image", "node runs the layered image", ovs::Verdict::pass, current, want, ""};
  if (want.empty()) {
    c.verdict = ovs::Verdict::fail;
    c.expected = "a built image (MachineOSConfig status.currentImagePullSpec)";
    c.fix = "run doca-layer apply and wait for the build";
  } else if (current != want) {
    c.verdict = ovs::Verdict::fail;
    c.fix = "the rollout has not reached this node: doca-layer status -w";
  }
  return c;
}

NodeVerification verify_node(kube::Client& client, const json& node, const std::string& image,
                             const ovs::Expectation& want, const VerifyOptions& options) {
  NodeVerification v;
  v.node = node["metadata"].value("name", "");
  auto probe_once = [&]() -> util::Result<ovs::Probe> {
    auto log = run_on_node(client, v.node, ovs::probe_script(), options);
    if (!log) return log.error();
    return ovs::parse_probe(*log);
  };
  auto probe = probe_once();
  if (probe && options.fix && !options.stock && ovs::worst(ovs::judge(*probe, want)) == ovs::Verdict::fail) {
    auto fixed = run_on_node(client, v.node, ovs::fix_script(want), options);
    util::Status repaired = fixed ? ovs::parse_fix_log(*fixed) : util::Status(fixed.error());
    if (!repaired) {
      v.error = "repair failed: " + repaired.error().message;
      v.verdict = ovs::Verdict::fail;
      return v;
    }
    v.fixed = true;
    probe = probe_once();
  }
  if (!probe) {
    v.error = probe.error().message;
    v.verdict = ovs::Verdict::fail;
    return v;
  }
  if (!options.stock) v.checks.push_back(image_check(node, image));
  auto checks = options.stock ? ovs::judge_stock(*probe) : ovs::judge(*probe, want);
  v.checks.insert(v.checks.end(), checks.begin(), checks.end());
  v.verdict = ovs::worst(v.checks);
  return v;
}

}  // namespace

ovs::Expectation expectation(const spec::LayerSpec& spec) {
  ovs::Expectation e;
  e.doca_version = spec.doca.version;
  e.doca_init = spec.ovs.doca_init;
  e.hw_offload = spec.ovs.hw_offload;
  e.other_config = spec.ovs.other_config;
  return e;
}

util::Result<std::string> run_on_node(kube::Client& client, const std::string& node, const std::string& script,
                                      const VerifyOptions& options) {
  json pod = debug_pod(node, script, options.image);
  std::string name = pod["metadata"]["name"];
  auto made = client.create(refs::pod(k_debug_namespace), pod);
  // The name carries a random suffix: AlreadyExists is this pod, created by a resent POST.
  if (!made && !made.error().is_already_exists()) return made.error().to_util();
  auto ref = kube::with_name(refs::pod(k_debug_namespace), name);
  std::string phase;
  util::Status waited = util::ok_status();
  {
    Observer obs(client);
    kube::InformerOptions io;
    io.field_selector = "metadata.name=" + name;
    size_t i = obs.watch(refs::pod(k_debug_namespace), io);
    waited = obs.wait(
        [&]() -> Verdict {
          auto p = obs.find(i, name);
          phase = p ? pod_phase(*p) : "";
          return phase == "Succeeded" || phase == "Failed" ? Verdict::done() : Verdict::pending();
        },
        options.pod_timeout, "debug pod " + name + " on node " + node + " to finish");
  }
  std::string log;
  if (waited) {
    kube::LogOptions lo;
    lo.container = "debugger";
    auto r = client.logs(ref, lo, [&](std::string_view chunk) {
      log.append(chunk);
      return true;
    });
    if (!r) waited = r.error().to_util();
  }
  kube::DeleteOptions del;
  del.propagation = kube::Propagation::background;
  (void)client.remove(ref, del);
  if (!waited) return waited.error();
  return log;
}

util::Result<VerifyReport> verify(kube::Client& client, const spec::LayerSpec& spec, const VerifyOptions& options,
                                  const EventSink& events) {
  auto pool = client.get(kube::with_name(refs::pool(), spec.pool));
  if (!pool) return pool.error().to_util();
  std::string image;
  if (auto mosc = client.get(kube::with_name(refs::mosc(), spec.pool)))
    image = mosc->value("status", json::object()).value("currentImagePullSpec", "");
  kube::ListOptions lo;
  lo.label_selector = pool_selector(*pool);
  auto nodes = client.list(refs::node(), lo);
  if (!nodes) return nodes.error().to_util();
  std::vector<json> todo;
  for (const auto& n : (*nodes)["items"])
    if (options.node.empty() || n["metadata"].value("name", "") == options.node) todo.push_back(n);
  if (todo.empty())
    return util::make_error(util::ErrorKind::not_found, options.node.empty()
                                                            ? "pool " + spec.pool + " has no nodes"
                                                            : "node " + options.node + " is not in pool " + spec.pool);
  emit(events, Event::Kind::step, "verify", "probing " + std::to_string(todo.size()) + " node(s) through debug pods");
  VerifyReport report;
  report.nodes.resize(todo.size());
  ovs::Expectation want = expectation(spec);
  std::atomic<size_t> next{0};
  std::mutex mu;
  auto worker = [&] {
    for (size_t i = next++; i < todo.size(); i = next++) {
      report.nodes[i] = verify_node(client, todo[i], image, want, options);
      std::lock_guard<std::mutex> lock(mu);
      const auto& v = report.nodes[i];
      emit(events, v.verdict == ovs::Verdict::fail ? Event::Kind::warn : Event::Kind::progress, "verify",
           "node " + v.node + ": " + std::string(ovs::to_string(v.verdict)) + (v.fixed ? " (repaired)" : "") +
               (v.error.empty() ? "" : " (" + v.error + ")"));
    }
  };
  std::vector<std::thread> threads;
  size_t n = std::min(todo.size(), static_cast<size_t>(std::max(1, options.parallel)));
  for (size_t t = 1; t < n; ++t) threads.emplace_back(worker);
  worker();
  for (auto& t : threads) t.join();
  for (const auto& v : report.nodes)
    if (static_cast<int>(v.verdict) > static_cast<int>(report.verdict)) report.verdict = v.verdict;
  return report;
}

util::Status mark_verified(kube::Client& client, const std::string& pool, const std::string& image) {
  auto ref = kube::with_name(refs::mosc(), pool);
  auto mosc = client.get(ref);
  if (!mosc) return mosc.error().to_util();
  if (annotation(*mosc, k_verified_annotation) == image) return util::ok_status();
  json patch = {{"metadata", {{"annotations", {{k_verified_annotation, image}}}}}};
  auto r = client.patch(ref, kube::PatchType::merge, patch.dump());
  if (!r) return r.error().to_util();
  return util::ok_status();
}

json to_json(const VerifyReport& report) {
  json nodes = json::array();
  for (const auto& v : report.nodes) {
    json checks = json::array();
    for (const auto& c : v.checks)
      checks.push_back({{"id", c.id},
                        {"title", c.title},
                        {"verdict", ovs::to_string(c.verdict)},
                        {"observed", c.observed},
                        {"expected", c.expected},
                        {"fix", c.fix}});
    json n = {{"node", v.node}, {"verdict", ovs::to_string(v.verdict)}, {"fixed", v.fixed}, {"checks", checks}};
    if (!v.error.empty()) n["error"] = v.error;
    nodes.push_back(n);
  }
  return {{"verdict", ovs::to_string(report.verdict)}, {"nodes", nodes}};
}

}  // namespace dl::workflow

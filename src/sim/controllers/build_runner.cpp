// MachineOsBuilder: running one MachineOSBuild (Job, pods, streamed log, outcome).
#include "sim/controllers/layering_objects.h"
#include "sim/controllers/layering_state.h"
#include "sim/controllers/machine_os_builder.h"

#include "sim/controllers/build_packages.h"
#include "sim/node/os_image.h"

namespace dl::sim::controllers {

using namespace layering;

namespace {

constexpr int k_attempts = 4;  // backoffLimit 3

// Whether the push secret holds credentials for the push spec's registry host.
bool push_authorized(api::Store& store, const json& mosc) {
  std::string secret = mosc["spec"].value("renderedImagePushSecret", json::object()).value("name", "");
  auto s = get(store, secret_type(), k_mco_namespace, secret);
  auto auths = s ? docker_auths(*s) : std::nullopt;
  if (!auths) return false;
  std::string host = registry_host(mosc["spec"].value("renderedImagePushSpec", ""));
  for (const auto& [key, value] : auths->items()) {
    std::string k = key;
    if (k.rfind("https://", 0) == 0) k = k.substr(8);
    if (k.substr(0, k.find('/')) == host) return true;
  }
  return false;
}

const api::ResourceType& configmap_type() {
  return type_of("v1", "ConfigMap");
}

std::string containerfile_of(const json& mosc) {
  for (const auto& c : mosc["spec"].value("containerFile", json::array()))
    if (c.value("containerfileArch", "NoArch") == "NoArch") return c.value("content", "");
  return "";
}

std::string digest_of(const json& mosb) {
  return "sha256:" + sha256_hex("sim-image/" + mosb["spec"].value("renderedImagePushSpec", ""));
}

}  // namespace

void MachineOsBuilder::drive(Context& ctx, const json& mosc, const json& mosb) {
  std::string name = mosb["metadata"].value("name", "");
  if (terminal(mosb)) {
    m_attempts.erase(name);
    return;
  }
  if (condition_status(mosb, "Building") != "True") {
    if (!m_deadlines.reached(ctx, "prep/" + name, ctx.timing().build_prepare, mosc["metadata"].value("name", "")))
      return;
    set_build_conditions(ctx, name, "Building", json::object());
    set_pool_build_state(ctx, pool_of(mosc), false, "Building",
                         "Image build in progress for pool " + pool_of(mosc) + " (MachineOSBuild: " + name + ")");
  }
  auto it = m_attempts.find(name);
  if (it == m_attempts.end()) {
    auto job = get(ctx.store(), job_type(), k_mco_namespace, "build-" + name);
    int failed = job ? job->value("status", json::object()).value("failed", 0) : 0;
    start_attempt(ctx, mosc, mosb, failed + 1);
    it = m_attempts.find(name);
  }
  Attempt& a = it->second;
  const Timing& t = ctx.timing();
  size_t n = a.script.chunks.size();
  auto due = [&](size_t i) {  // one step per chunk; the last one (the push) takes image_push
    if (i + 1 < n) return a.started + t.build_step * static_cast<int64_t>(i);
    return a.started + t.build_step * static_cast<int64_t>(i > 0 ? i - 1 : 0) + t.image_push;
  };
  while (a.emitted < n && ctx.now() >= due(a.emitted))
    ctx.logs().append(k_mco_namespace, a.pod, "image-build", a.script.chunks[a.emitted++]);
  if (a.emitted < n) {
    ctx.requeue_after(due(a.emitted) - ctx.now(), mosc["metadata"].value("name", ""));
    return;
  }
  finish_attempt(ctx, mosc, mosb, a);
}

void MachineOsBuilder::start_attempt(Context& ctx, const json& mosc, const json& mosb, int number) {
  std::string name = mosb["metadata"].value("name", "");
  json job_obj = build_job(mosb);
  job_obj["status"] = {{"active", 1}, {"startTime", api::now_rfc3339()}};
  auto job = ensure(ctx.store(), job_type(), k_mco_namespace, job_obj);
  if (!job) return;
  std::string rendered = mosb["spec"]["machineConfig"].value("name", "");
  std::string minor = ocp_minor_of(ctx.store(), rendered, m_ocp_minor);  // the release being built for
  auto pod = ensure(ctx.store(), pod_type(), k_mco_namespace, build_pod(*job, minor, scheduling_node(ctx)));
  if (!pod) return;
  modify(ctx.store(), job_type(), k_mco_namespace, "build-" + name, api::WritePart::status,
         [](json& o) { o["status"]["active"] = 1; });
  Attempt a;
  a.number = number;
  a.pod = (*pod)["metadata"].value("name", "");
  a.started = ctx.now();
  BuildInputs in;
  in.base_image = base_image(ctx.store(), rendered);
  in.tagged_spec = mosb["spec"].value("renderedImagePushSpec", "");
  in.digest = digest_of(mosb);
  in.containerfile = containerfile_of(mosc);
  in.missing_package = mosc["metadata"].value("annotations", json::object()).value(k_fault_annotation, "");
  in.push_authorized = push_authorized(ctx.store(), mosc);
  in.pool = pool_of(mosc);
  std::unique_ptr<PackageBuild> packages;
  if (!m_mirrors.empty()) {
    PackageBuildInputs pin;
    pin.mirrors = m_mirrors;
    pin.base = node::stock_rhcos_image(minor);
    auto cm = get(ctx.store(), configmap_type(), k_mco_namespace, k_repos_configmap);
    json data = cm ? cm->value("data", json::object()) : json::object();
    for (const auto& [file, text] : data.items())
      if (text.is_string()) pin.repo_files[file] = text.get<std::string>();
    packages = std::make_unique<PackageBuild>(pin);
    in.packages = packages.get();
  }
  a.script = build_script(in);
  m_attempts[name] = std::move(a);
}

void MachineOsBuilder::finish_attempt(Context& ctx, const json& mosc, const json& mosb, Attempt& ending) {
  std::string name = mosb["metadata"].value("name", "");
  Attempt a = std::move(ending);
  m_attempts.erase(name);  // `ending` is gone from here on
  std::string job = "build-" + name;
  std::string pool = pool_of(mosc);
  bool ok = !a.script.fails;
  ctx.logs().finish(k_mco_namespace, a.pod, "image-build");
  modify(ctx.store(), pod_type(), k_mco_namespace, a.pod, api::WritePart::status,
         [&](json& p) { p["status"] = build_pod_finished(p, ok); });
  std::string now = api::now_rfc3339();
  if (!ok && a.number < k_attempts) {
    modify(ctx.store(), job_type(), k_mco_namespace, job, api::WritePart::status,
           [&](json& j) { j["status"]["failed"] = a.number; });
    start_attempt(ctx, mosc, mosb, a.number + 1);
    ctx.requeue_after(Duration(0), mosc["metadata"].value("name", ""));
    return;
  }
  modify(ctx.store(), job_type(), k_mco_namespace, job, api::WritePart::status, [&](json& j) {
    json& s = j["status"];
    s.erase("active");
    json conds = s.value("conditions", json::array());
    if (ok) {
      s["succeeded"] = 1;
      s["completionTime"] = now;
      set_condition(conds, "SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods");
      set_condition(conds, "Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods");
    } else {
      s["failed"] = a.number;
      set_condition(conds, "FailureTarget", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
      set_condition(conds, "Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    }
    s["conditions"] = conds;
  });
  if (!ok) {
    set_build_conditions(ctx, name, "Failed", {{"buildEnd", now}});
    std::string msg = "Failed to build OS image for pool " + pool + " (MachineOSBuild: " + name + "): " + a.script.failure;
    set_pool_build_state(ctx, pool, true, "BuildFailed", msg);
    record_event(ctx.store(), mosb, "Warning", "BuildFailed", msg, this->name());
    return;
  }
  std::string digested = repository(mosb["spec"].value("renderedImagePushSpec", "")) + "@" + digest_of(mosb);
  if (!before_4_20(ocp_minor_of(ctx.store(), mosb["spec"]["machineConfig"].value("name", ""), m_ocp_minor))) {
    ctx.logs().append(k_mco_namespace, a.pod, "create-digest-configmap",
                      "I " + now + " Wrote digest " + digest_of(mosb) + " to ConfigMap digest-" + name + "\n");
    ctx.logs().finish(k_mco_namespace, a.pod, "create-digest-configmap");
  }
  set_build_conditions(ctx, name, "Succeeded", {{"buildEnd", now}, {"digestedImagePushSpec", digested}});
  modify(ctx.store(), mosc_type(), "", mosc["metadata"].value("name", ""), api::WritePart::status,
         [&](json& o) { o["status"]["currentImagePullSpec"] = digested; });
  set_pool_build_state(ctx, pool, false, "BuildSuccess",
                       "Successfully built OS image for pool " + pool + " (MachineOSBuild: " + name + ")");
}

void MachineOsBuilder::set_build_conditions(Context& ctx, const std::string& mosb, const std::string& true_type,
                                            const json& extra) {
  modify(ctx.store(), mosb_type(), "", mosb, api::WritePart::status, [&](json& o) {
    json conds = o["status"].value("conditions", json::array());
    for (const auto& c : build_conditions(true_type))
      set_condition(conds, c["type"], c["status"], c["reason"], c["message"]);
    o["status"]["conditions"] = conds;
    for (const auto& [k, v] : extra.items())
      if (!o["status"].contains(k)) o["status"][k] = v;
  });
}

void MachineOsBuilder::set_pool_build_state(Context& ctx, const std::string& pool, bool degraded,
                                            const std::string& reason, const std::string& message) {
  modify(ctx.store(), pool_type(), "", pool, api::WritePart::status, [&](json& o) {
    json conds = o["status"].value("conditions", json::array());
    set_condition(conds, "ImageBuildDegraded", degraded ? "True" : "False", reason, message);
    set_condition(conds, "Degraded", degraded ? "True" : "False", degraded ? reason : "",
                  degraded ? message : "");
    o["status"]["conditions"] = conds;
  });
}

}  // namespace dl::sim::controllers

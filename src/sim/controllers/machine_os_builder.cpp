// MachineOsBuilder: validation, the builder Deployment, and which MachineOSBuild is current.
// The build itself (Job, pods, log, outcome) is in build_runner.cpp.
#include "sim/controllers/machine_os_builder.h"

#include "sim/controllers/layering_objects.h"
#include "sim/controllers/layering_state.h"

namespace dl::sim::controllers {

using namespace layering;

std::vector<const api::ResourceType*> MachineOsBuilder::kinds() const {
  return {&mosc_type(), &mosb_type(), &secret_type(), &pool_type()};
}

std::vector<std::string> MachineOsBuilder::keys_for(Context& ctx, const api::WatchEvent& e) {
  if (e.resource == &mosc_type()) return {e.object["metadata"].value("name", "")};
  if (e.resource == &mosb_type())
    return {e.object["metadata"].value("labels", json::object()).value(label("machine-os-config"), "")};
  if (e.resource == &secret_type() && e.object["metadata"].value("namespace", "") != k_mco_namespace) return {};
  std::vector<std::string> keys;  // a secret or pool changed: every MOSC may care
  auto all = ctx.store().list(mosc_type(), "", nullptr, 0, "");
  if (all)
    for (const auto& m : all->items) keys.push_back(m["metadata"].value("name", ""));
  return keys;
}

void MachineOsBuilder::reconcile(Context& ctx, const std::string& key) {
  if (key.empty()) return;
  auto mosc = get(ctx.store(), mosc_type(), "", key);
  if (!mosc) {
    drop(ctx, key, "");
    m_invalid.erase(key);
    remove_builder_if_unused(ctx);
    return;
  }
  std::string problem = validate(ctx, *mosc);
  if (!problem.empty()) {
    if (m_invalid[key] != problem) record_event(ctx.store(), *mosc, "Warning", "ValidationFailed", problem, name());
    m_invalid[key] = problem;
    return;
  }
  m_invalid.erase(key);
  ensure_builder(ctx);
  std::string pool_name = pool_of(*mosc);
  auto pool = get(ctx.store(), pool_type(), "", pool_name);
  auto mosb = current_build(ctx, *mosc, *pool);
  if (!mosb) return;
  drop(ctx, key, (*mosb)["metadata"].value("name", ""));
  drive(ctx, *mosc, *mosb);
}

std::string MachineOsBuilder::validate(Context& ctx, const json& mosc) {
  std::string name = mosc["metadata"].value("name", "");
  std::string pool = pool_of(mosc);
  if (!get(ctx.store(), pool_type(), "", pool))
    return "could not get MachineConfigPool " + pool + " for MachineOSConfig " + name +
           ": machineconfigpools.machineconfiguration.openshift.io \"" + pool + "\" not found";
  const json& spec = mosc["spec"];
  for (const char* field : {"renderedImagePushSecret", "baseImagePullSecret"}) {
    std::string secret = spec.value(field, json::object()).value("name", "");
    if (secret.empty()) continue;
    auto s = get(ctx.store(), secret_type(), k_mco_namespace, secret);
    std::string prefix = "could not validate " + std::string(field) + " \"" + secret + "\" for MachineOSConfig " +
                         name + ": ";
    if (!s) return prefix + "secrets \"" + secret + "\" not found";
    std::string type = s->value("type", "Opaque");
    if (type != "kubernetes.io/dockerconfigjson")
      return prefix + "secret \"" + secret + "\" has type \"" + type +
             "\", expected \"kubernetes.io/dockerconfigjson\"";
    if (!docker_auths(*s)) return prefix + "secret \"" + secret + "\" has no valid .dockerconfigjson";
  }
  return "";
}

// Interrupts in-flight builds of `mosc_name` other than `keep`; with `keep` empty (the MOSC is
// gone) deletes them all. MOSBs someone deleted lose their finalizer so they go.
void MachineOsBuilder::drop(Context& ctx, const std::string& mosc_name, const std::string& keep) {
  for (const auto& b : builds_of(ctx.store(), mosc_name)) {
    std::string name = b["metadata"].value("name", "");
    bool deleting = b["metadata"].contains("deletionTimestamp");
    if (name == keep && !deleting) continue;
    if (keep.empty() || deleting) {
      ctx.store().remove(mosb_type(), "", name);
      modify(ctx.store(), mosb_type(), "", name, api::WritePart::main,
             [](json& o) { o["metadata"].erase("finalizers"); });
    } else if (!terminal(b)) {
      set_build_conditions(ctx, name, "Interrupted", json::object());
      remove_if_exists(ctx.store(), job_type(), k_mco_namespace, "build-" + name);
    } else {
      continue;
    }
    m_attempts.erase(name);
    m_deadlines.clear_prefix("prep/" + name);
  }
}

void MachineOsBuilder::ensure_builder(Context& ctx) {
  auto d = ensure(ctx.store(), deploy_type(), k_mco_namespace, builder_deployment());
  if (!d) return;
  std::string uid = (*d)["metadata"].value("uid", "");
  auto pods = ctx.store().list(pod_type(), k_mco_namespace, [&](const json& p) { return owned_by(p, uid); }, 0, "");
  if (pods && pods->items.empty()) {
    auto pod = ensure(ctx.store(), pod_type(), k_mco_namespace, builder_pod(*d, scheduling_node(ctx)));
    if (pod)
      ctx.logs().append(k_mco_namespace, (*pod)["metadata"].value("name", ""), "machine-os-builder",
                        "I " + api::now_rfc3339() + " machine-os-builder starting; watching MachineOSConfigs\n");
  }
  modify(ctx.store(), deploy_type(), k_mco_namespace, "machine-os-builder", api::WritePart::status, [](json& o) {
    o["status"] = {{"replicas", 1}, {"readyReplicas", 1}, {"availableReplicas", 1}, {"updatedReplicas", 1},
                   {"observedGeneration", o["metadata"].value("generation", 1)}};
  });
}

void MachineOsBuilder::remove_builder_if_unused(Context& ctx) {
  auto all = ctx.store().list(mosc_type(), "", nullptr, 0, "");
  if (all && all->items.empty()) remove_if_exists(ctx.store(), deploy_type(), k_mco_namespace, "machine-os-builder");
}

// The MOSB for the MOSC's current inputs, created when missing (a rebuild request replaces it).
std::optional<json> MachineOsBuilder::current_build(Context& ctx, const json& mosc, const json& pool) {
  std::string mosc_name = mosc["metadata"].value("name", "");
  std::string rendered = pool.value("spec", json::object()).value("configuration", json::object()).value("name", "");
  std::string base = base_image(ctx.store(), rendered);
  std::string name = mosc_name + "-" + md5_hex("sim-ocl/" + pool["spec"].value("configuration", json()).dump() + "/" +
                                              mosc["spec"].dump() + "/" + base);
  bool rebuild = mosc["metadata"].value("annotations", json::object()).contains(label("rebuild"));
  if (rebuild) {
    ctx.store().remove(mosb_type(), "", name);
    modify(ctx.store(), mosb_type(), "", name, api::WritePart::main,
           [](json& o) { o["metadata"].erase("finalizers"); });
    m_attempts.erase(name);
    m_deadlines.clear_prefix("prep/" + name);
    modify(ctx.store(), mosc_type(), "", mosc_name, api::WritePart::main,
           [](json& o) { o["metadata"]["annotations"].erase(label("rebuild")); });
  }
  auto mosb = get(ctx.store(), mosb_type(), "", name);
  if (mosb) return mosb;
  json wanted = machine_os_build(mosc, name, rendered, mosc["spec"].value("renderedImagePushSpec", ""));
  wanted["status"] = {{"buildStart", api::now_rfc3339()},
                      {"builder",
                       {{"imageBuilderType", "Job"},
                        {"job",
                         {{"group", "batch"},
                          {"resource", "jobs"},
                          {"namespace", k_mco_namespace},
                          {"name", "build-" + name}}}}},
                      {"conditions", build_conditions("Prepared")}};
  mosb = ensure(ctx.store(), mosb_type(), "", wanted);
  modify(ctx.store(), mosc_type(), "", mosc_name, api::WritePart::main,
         [&](json& o) { o["metadata"]["annotations"][label("current-machine-os-build")] = name; });
  modify(ctx.store(), mosc_type(), "", mosc_name, api::WritePart::status, [&](json& o) {
    o["status"]["observedGeneration"] = o["metadata"].value("generation", 1);
    o["status"]["machineOSBuild"] = {
        {"group", "machineconfiguration.openshift.io"}, {"resource", "machineosbuilds"}, {"name", name}};
  });
  set_pool_build_state(ctx, pool_of(mosc), false, "BuildPending",
                       "Image build pending for pool " + pool_of(mosc) + " (MachineOSBuild: " + name + ")");
  return mosb;
}

std::string MachineOsBuilder::scheduling_node(Context& ctx) {
  auto nodes = ctx.store().list(node_type(), "", nullptr, 0, "");
  if (!nodes || nodes->items.empty()) return "";
  for (const auto& n : nodes->items)
    if (n["metadata"].value("labels", json::object()).contains("node-role.kubernetes.io/worker"))
      return n["metadata"].value("name", "");
  return nodes->items.front()["metadata"].value("name", "");
}

}  // namespace dl::sim::controllers

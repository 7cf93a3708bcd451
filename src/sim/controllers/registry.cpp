#include "sim/controllers/registry.h"

#include "sim/controllers/registry_objects.h"

namespace dl::sim::controllers {
namespace {

const api::ResourceType& config_type() {
  return type_of("imageregistry.operator.openshift.io/v1", "Config");
}
const api::ResourceType& co_type() {
  return type_of("config.openshift.io/v1", "ClusterOperator");
}
const api::ResourceType& pvc_type() {
  return type_of("v1", "PersistentVolumeClaim");
}
const api::ResourceType& pod_type() {
  return type_of("v1", "Pod");
}
const api::ResourceType& node_type() {
  return type_of("v1", "Node");
}
const api::ResourceType& deploy_type() {
  return type_of("apps/v1", "Deployment");
}
const api::ResourceType& route_type() {
  return type_of("route.openshift.io/v1", "Route");
}
const api::ResourceType& sc_type() {
  return type_of("storage.k8s.io/v1", "StorageClass");
}
constexpr const char* k_ns = k_registry_namespace;
constexpr const char* k_not_available = "The deployment does not have available replicas";

using Outcome = RegistryOperator::Outcome;

Outcome progressing(const std::string& message) {
  Outcome o;
  o.available_reason = "NoReplicasAvailable";
  o.available_message = k_not_available;
  o.progressing_reason = "DeploymentNotCompleted";
  o.progressing_message = message;
  return o;
}

Outcome failed(const std::string& reason, const std::string& message) {
  Outcome o = progressing("Unable to apply resources: " + message);
  o.available_reason = "DeploymentNotFound";
  o.available_message = "The deployment does not exist";
  o.progressing_reason = "Error";
  o.degraded = true;
  o.degraded_reason = reason;
  o.degraded_message = message;
  return o;
}

// The node the scheduler picks: the first Ready node with the worker role (masters of SNO and
// compact clusters carry it too), else the first node.
std::optional<json> pick_node(api::Store& store) {
  auto nodes = store.list(node_type(), "", nullptr, 0, "");
  if (!nodes || nodes->items.empty()) return std::nullopt;
  for (const auto& n : nodes->items)
    if (n["metadata"].value("labels", json::object()).contains("node-role.kubernetes.io/worker")) return n;
  return nodes->items.front();
}

std::string node_ip(const json& node) {
  for (const auto& a : node.value("status", json::object()).value("addresses", json::array()))
    if (a.value("type", "") == "InternalIP") return a.value("address", "");
  return "";
}

// Why a claim cannot bind, when that is permanent (its class does not exist); "" otherwise.
std::string claim_problem(api::Store& store, const json& claim) {
  std::string cls = claim.value("spec", json::object()).value("storageClassName", "");
  if (cls.empty() || get(store, sc_type(), "", cls)) return "";
  return "persistentvolumeclaim \"" + claim["metadata"].value("name", "") +
         "\" is Pending: storageclass.storage.k8s.io \"" + cls + "\" not found";
}

}  // namespace

std::vector<const api::ResourceType*> RegistryOperator::kinds() const {
  return {&config_type(), &pvc_type(), &pod_type(), &deploy_type(), &route_type(), &sc_type()};
}

std::vector<std::string> RegistryOperator::keys_for(Context&, const api::WatchEvent& e) {
  if (e.resource == &config_type() || e.resource == &sc_type()) return {"cluster"};
  if (e.object["metadata"].value("namespace", "") == k_ns) return {"cluster"};
  return {};
}

void RegistryOperator::reconcile(Context& ctx, const std::string& key) {
  auto config = get(ctx.store(), config_type(), "", key);
  if (!config) return;
  std::string state = config->value("spec", json::object()).value("managementState", "Managed");
  if (state == "Unmanaged") return;
  Outcome outcome;
  if (state == "Removed") {
    tear_down(ctx);
    outcome.removed = true;
    outcome.available = true;
    outcome.available_reason = outcome.progressing_reason = outcome.degraded_reason = "Removed";
    outcome.available_message = outcome.degraded_message = "The registry is removed";
    outcome.progressing = false;
    outcome.progressing_message = "All registry resources are removed";
  } else {
    outcome = manage(ctx, *config);
    sync_route(ctx, config->value("spec", json::object()).value("defaultRoute", false));
  }
  write_status(ctx, *config, outcome);
}

Outcome RegistryOperator::manage(Context& ctx, const json& config) {
  const json& storage = config.value("spec", json::object()).value("storage", json::object());
  std::optional<json> claim;
  std::string claim_name;
  if (storage.contains("pvc")) {
    claim_name = storage["pvc"].value("claim", "");
    if (claim_name.empty()) {
      claim_name = "image-registry-storage";
      ensure(ctx.store(), pvc_type(), k_ns, registry::managed_claim());
    }
    claim = get(ctx.store(), pvc_type(), k_ns, claim_name);
    if (!claim)
      return failed("Unavailable",
                    "unable to sync storage configuration: persistentvolumeclaims \"" + claim_name + "\" not found");
  } else if (!storage.contains("emptyDir")) {
    return failed("StorageNotConfigured", "storage backend not configured");
  }
  json wanted = registry::deployment(config, registry::storage_volume(claim_name));
  auto deployment = ensure(ctx.store(), deploy_type(), k_ns, wanted);
  if (!deployment) return progressing("The deployment has not completed");
  deployment = modify(ctx.store(), deploy_type(), k_ns, "image-registry", api::WritePart::main, [&](json& d) {
    d["spec"] = wanted["spec"];  // replicas, strategy, volume follow the Config
  });
  if (!deployment) return progressing("The deployment has not completed");
  return run_pods(ctx, *deployment, claim);
}

// Plays ReplicaSet controller, scheduler and kubelet for the registry's pods.
Outcome RegistryOperator::run_pods(Context& ctx, const json& deployment, const std::optional<json>& claim) {
  std::string uid = deployment["metadata"].value("uid", "");
  int replicas = deployment["spec"].value("replicas", 1);
  auto owned = [&](const json& p) { return owned_by(p, uid); };
  auto pods = ctx.store().list(pod_type(), k_ns, owned, 0, "");
  size_t have = pods ? pods->items.size() : 0;
  for (size_t i = have; i < static_cast<size_t>(std::max(replicas, 0)); ++i)
    ctx.store().create(pod_type(), k_ns, registry::pod(deployment));
  pods = ctx.store().list(pod_type(), k_ns, owned, 0, "");
  bool bound = !claim || claim->value("status", json::object()).value("phase", "") == "Bound";
  std::string problem = claim ? claim_problem(ctx.store(), *claim) : "";
  auto node = pick_node(ctx.store());
  int ready = 0;
  for (const auto& p : pods ? pods->items : std::vector<json>{}) {
    std::string name = p["metadata"].value("name", "");
    std::string phase = p.value("status", json::object()).value("phase", "");
    if (phase == "Running") {
      ++ready;
      continue;
    }
    if (!bound || !node) {
      if (!problem.empty()) {
        std::string n = std::to_string(node ? 1 : 0);
        modify(ctx.store(), pod_type(), k_ns, name, api::WritePart::status, [&](json& o) {
          if (o["status"].contains("conditions")) return;
          o["status"] = registry::pod_status_unschedulable("0/" + n +
                                                           " nodes are available: pod has unbound immediate "
                                                           "PersistentVolumeClaims. preemption: 0/" +
                                                           n + " nodes are available: " + n +
                                                           " Preemption is not helpful for scheduling.");
        });
      }
      continue;
    }
    std::string node_name = (*node)["metadata"].value("name", "");
    modify(ctx.store(), pod_type(), k_ns, name, api::WritePart::main,
           [&](json& o) { o["spec"]["nodeName"] = node_name; });
    modify(ctx.store(), pod_type(), k_ns, name, api::WritePart::status, [&](json& o) {
      if (o["status"].contains("containerStatuses")) return;
      o["status"] = registry::pod_status_creating(node_name);
      o["status"]["hostIP"] = node_ip(*node);
    });
    std::string pod_uid = p["metadata"].value("uid", "");
    if (!m_deadlines.reached(ctx, "start/" + pod_uid, ctx.timing().registry_start, "cluster")) continue;
    m_deadlines.clear("start/" + pod_uid);
    modify(ctx.store(), pod_type(), k_ns, name, api::WritePart::status,
           [&](json& o) { o["status"] = registry::pod_status_running(o["status"]); });
    ctx.logs().append(k_ns, name, "registry",
                      registry::startup_log(claim ? claim->at("metadata").value("name", "") : ""));
    log_operator(ctx, "pod " + name + " is running on node " + node_name);
    ++ready;
  }
  int total = std::max(replicas, 0);
  modify(ctx.store(), deploy_type(), k_ns, "image-registry", api::WritePart::status, [&](json& d) {
    json s = {{"observedGeneration", d["metadata"].value("generation", 1)},
              {"replicas", total},
              {"updatedReplicas", total},
              {"readyReplicas", ready},
              {"availableReplicas", ready}};
    if (total > ready) s["unavailableReplicas"] = total - ready;
    json conds = d.value("status", json::object()).value("conditions", json::array());
    set_condition(
        conds, "Available", ready > 0 ? "True" : "False",
        ready > 0 ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        ready > 0 ? "Deployment has minimum availability." : "Deployment does not have minimum availability.");
    set_condition(conds, "Progressing", "True", ready == total ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
                  "ReplicaSet \"image-registry\" " +
                      std::string(ready == total ? "has successfully progressed." : "is progressing."));
    s["conditions"] = conds;
    d["status"] = s;
  });
  if (ready > 0 && ready == total) {
    Outcome o;
    o.ready = ready;
    o.available = true;
    o.available_reason = o.progressing_reason = "Ready";
    o.available_message = o.progressing_message = "The registry is ready";
    o.progressing = false;
    return o;
  }
  Outcome o = progressing("The deployment has not completed");
  o.ready = ready;
  if (!problem.empty()) {
    o.degraded = true;
    o.degraded_reason = "Unavailable";
    o.degraded_message = std::string(k_not_available) + ": " + problem;
  }
  return o;
}

void RegistryOperator::tear_down(Context& ctx) {
  if (remove_if_exists(ctx.store(), deploy_type(), k_ns, "image-registry"))
    log_operator(ctx, "deleted deployment image-registry");
  sync_route(ctx, false);
  m_deadlines.clear_prefix("start/");
}

void RegistryOperator::sync_route(Context& ctx, bool wanted) {
  if (!wanted) {
    if (remove_if_exists(ctx.store(), route_type(), k_ns, "default-route"))
      log_operator(ctx, "deleted route default-route");
    return;
  }
  std::string host = std::string("default-route-") + k_ns + "." + m_apps_domain;
  if (!get(ctx.store(), route_type(), k_ns, "default-route")) {
    ensure(ctx.store(), route_type(), k_ns, registry::default_route(host, m_apps_domain));
    log_operator(ctx, "created route default-route (" + host + ")");
  }
}

void RegistryOperator::write_status(Context& ctx, const json& config, const Outcome& o) {
  auto b = [](bool v) { return std::string(v ? "True" : "False"); };
  modify(ctx.store(), config_type(), "", config["metadata"].value("name", "cluster"), api::WritePart::status,
         [&](json& c) {
           json& s = c["status"];
           json conds = s.value("conditions", json::array());
           set_condition(conds, "Available", b(o.available), o.available_reason, o.available_message);
           set_condition(conds, "Progressing", b(o.progressing), o.progressing_reason, o.progressing_message);
           set_condition(conds, "Degraded", b(o.degraded), o.degraded_reason, o.degraded_message);
           set_condition(conds, "Removed", b(o.removed), o.removed ? "Removed" : "",
                         o.removed ? "The registry is removed" : "");
           s["conditions"] = conds;
           s["readyReplicas"] = o.ready;
           s["observedGeneration"] = c["metadata"].value("generation", 1);
           const json& storage = c.value("spec", json::object()).value("storage", json::object());
           if (!o.removed && !storage.empty()) s["storage"] = storage;
           s["storageManaged"] = storage.contains("pvc") && storage["pvc"].value("claim", "").empty();
         });
  modify(ctx.store(), co_type(), "", "image-registry", api::WritePart::status, [&](json& co) {
    json conds = co.value("status", json::object()).value("conditions", json::array());
    set_condition(conds, "Available", b(o.available), o.available_reason, "Available: " + o.available_message);
    set_condition(conds, "Progressing", b(o.progressing), o.progressing_reason,
                  "Progressing: " + o.progressing_message);
    set_condition(conds, "Degraded", b(o.degraded), o.degraded_reason,
                  o.degraded ? "Degraded: " + o.degraded_message : "");
    co["status"]["conditions"] = conds;
  });
  std::string summary = b(o.available) + "/" + b(o.progressing) + "/" + b(o.degraded) + " " + o.progressing_message;
  if (summary != m_last_summary) {
    m_last_summary = summary;
    log_operator(ctx, "status: Available=" + b(o.available) + " Progressing=" + b(o.progressing) + " Degraded=" +
                          b(o.degraded) + ": " + (o.degraded ? o.degraded_message : o.progressing_message));
  }
}

void RegistryOperator::log_operator(Context& ctx, const std::string& line) {
  auto pods = ctx.store().list(
      pod_type(), k_ns,
      [](const json& p) {
        return p["metadata"].value("labels", json::object()).value("name", "") == "cluster-image-registry-operator";
      },
      0, "");
  if (!pods || pods->items.empty()) return;
  ctx.logs().append(k_ns, pods->items.front()["metadata"].value("name", ""), "operator",
                    "I " + api::now_rfc3339() + " " + line + "\n");
}

}  // namespace dl::sim::controllers

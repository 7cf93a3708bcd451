#include "sim/api/resources.h"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace dl::sim::api {
namespace {

// Value at a dotted path, or null.
json at(const json& o, std::initializer_list<const char*> path) {
  const json* cur = &o;
  for (const char* p : path) {
    if (!cur->is_object() || !cur->contains(p)) return nullptr;
    cur = &(*cur)[p];
  }
  return *cur;
}

std::string str_at(const json& o, std::initializer_list<const char*> path, const char* fallback = "") {
  json v = at(o, path);
  return v.is_string() ? v.get<std::string>() : v.is_number() ? v.dump() : fallback;
}

PrinterColumn col(std::string name, std::function<json(const json&)> f, int priority = 0, std::string type = "string") {
  return PrinterColumn{std::move(name), std::move(type), priority, std::move(f)};
}

PrinterColumn path_col(std::string name, std::initializer_list<const char*> path, int priority = 0) {
  std::vector<const char*> p(path);
  return col(std::move(name), [p](const json& o) {
    const json* cur = &o;
    for (const char* k : p) {
      if (!cur->is_object() || !cur->contains(k)) return json("");
      cur = &(*cur)[k];
    }
    return cur->is_string() ? *cur : json(cur->dump());
  }, priority);
}

PrinterColumn cond_col(std::string name, std::string type) {
  return col(std::move(name), [type](const json& o) { return json(condition_status(o, type)); });
}

std::string access_modes(const json& modes) {
  std::string out;
  for (const auto& m : modes.is_array() ? modes : json::array()) {
    std::string s = m.get<std::string>();
    std::string abbr = s == "ReadWriteOnce" ? "RWO" : s == "ReadOnlyMany" ? "ROX" : s == "ReadWriteMany" ? "RWX" : "RWOP";
    out += (out.empty() ? "" : ",") + abbr;
  }
  return out;
}

std::string pod_ready(const json& pod) {
  size_t total = at(pod, {"spec", "containers"}).size();
  size_t ready = 0;
  for (const auto& cs : at(pod, {"status", "containerStatuses"}).is_array() ? at(pod, {"status", "containerStatuses"}) : json::array())
    ready += cs.value("ready", false) ? 1U : 0U;
  return std::to_string(ready) + "/" + std::to_string(total);
}

std::string pod_status(const json& pod) {
  if (at(pod, {"metadata", "deletionTimestamp"}).is_string()) return "Terminating";
  json statuses = at(pod, {"status", "initContainerStatuses"});
  if (statuses.is_array()) {
    size_t done = 0;
    for (const auto& s : statuses) {
      if (at(s, {"state", "terminated", "exitCode"}) == 0) ++done;
      else if (at(s, {"state", "terminated"}).is_object()) return "Init:Error";
      else return "Init:" + std::to_string(done) + "/" + std::to_string(statuses.size());
    }
  }
  std::string terminated;  // kubectl shows a finished container's reason (Completed, Error)
  for (const auto& s : at(pod, {"status", "containerStatuses"}).is_array() ? at(pod, {"status", "containerStatuses"}) : json::array()) {
    std::string reason = str_at(s, {"state", "waiting", "reason"});
    if (!reason.empty()) return reason;
    if (std::string t = str_at(s, {"state", "terminated", "reason"}); !t.empty()) terminated = t;
  }
  if (!terminated.empty()) return terminated;
  std::string reason = str_at(pod, {"status", "reason"});
  return reason.empty() ? str_at(pod, {"status", "phase"}, "Pending") : reason;
}

std::string node_roles(const json& node) {
  std::vector<std::string> roles;
  json labels = at(node, {"metadata", "labels"});
  for (const auto& [k, v] : labels.is_object() ? labels.items() : json::object().items()) {
    const std::string prefix = "node-role.kubernetes.io/";
    if (k.rfind(prefix, 0) == 0) roles.push_back(k.substr(prefix.size()));
  }
  std::sort(roles.begin(), roles.end());
  std::string out;
  for (const auto& r : roles) out += (out.empty() ? "" : ",") + r;
  return out.empty() ? "<none>" : out;
}

std::string node_status(const json& node) {
  std::string ready = condition_status(node, "Ready");
  std::string out = ready == "True" ? "Ready" : "NotReady";
  if (at(node, {"spec", "unschedulable"}) == true) out += ",SchedulingDisabled";
  return out;
}

std::vector<ResourceType> build_table() {
  std::vector<ResourceType> t;
  auto core = [&](std::string kind, std::string plural, bool ns, std::vector<std::string> shorts = {}) -> ResourceType& {
    ResourceType r;
    r.version = "v1";
    r.kind = std::move(kind);
    r.plural = std::move(plural);
    r.singular = r.kind;
    std::transform(r.singular.begin(), r.singular.end(), r.singular.begin(), ::tolower);
    r.namespaced = ns;
    r.short_names = std::move(shorts);
    t.push_back(std::move(r));
    return t.back();
  };
  auto group = [&](std::string g, std::string v, std::string kind, std::string plural, bool ns, bool builtin) -> ResourceType& {
    ResourceType& r = core(std::move(kind), std::move(plural), ns);
    r.group = std::move(g);
    r.version = std::move(v);
    r.builtin = builtin;
    return r;
  };

  core("Namespace", "namespaces", false, {"ns"}).columns = {path_col("Status", {"status", "phase"})};
  t.back().verbs = {"create", "delete", "get", "list", "patch", "update", "watch"};
  t.back().subresources = {"status"};
  {
    ResourceType& n = core("Node", "nodes", false, {"no"});
    n.subresources = {"status"};
    n.field_selectors = {"spec.unschedulable"};
    n.columns = {col("Status", [](const json& o) { return json(node_status(o)); }),
                 col("Roles", [](const json& o) { return json(node_roles(o)); }),
                 path_col("Version", {"status", "nodeInfo", "kubeletVersion"})};
  }
  {
    ResourceType& p = core("Pod", "pods", true, {"po"});
    p.categories = {"all"};
    p.subresources = {"status", "log"};
    p.field_selectors = {"spec.nodeName", "status.phase", "spec.restartPolicy", "spec.serviceAccountName"};
    p.columns = {col("Ready", [](const json& o) { return json(pod_ready(o)); }),
                 col("Status", [](const json& o) { return json(pod_status(o)); }),
                 col("Restarts", [](const json& o) {
                   int n = 0;
                   json cs = at(o, {"status", "containerStatuses"});
                   for (const auto& s : cs.is_array() ? cs : json::array()) n += s.value("restartCount", 0);
                   return json(n);
                 }, 0, "integer"),
                 path_col("Node", {"spec", "nodeName"}, 1)};
  }
  core("Secret", "secrets", true).columns = {path_col("Type", {"type"}),
                                              col("Data", [](const json& o) { return json(at(o, {"data"}).size()); }, 0, "integer")};
  t.back().field_selectors = {"type"};
  core("ConfigMap", "configmaps", true, {"cm"}).columns = {
      col("Data", [](const json& o) { return json(at(o, {"data"}).size() + at(o, {"binaryData"}).size()); }, 0, "integer")};
  {
    ResourceType& sa = core("ServiceAccount", "serviceaccounts", true, {"sa"});
    sa.subresources = {"token"};
    sa.columns = {col("Secrets", [](const json& o) { return json(at(o, {"secrets"}).size()); }, 0, "integer")};
  }
  {
    ResourceType& pvc = core("PersistentVolumeClaim", "persistentvolumeclaims", true, {"pvc"});
    pvc.subresources = {"status"};
    pvc.columns = {path_col("Status", {"status", "phase"}), path_col("Volume", {"spec", "volumeName"}),
                   path_col("Capacity", {"status", "capacity", "storage"}),
                   col("Access Modes", [](const json& o) { return json(access_modes(at(o, {"status", "accessModes"}))); }),
                   path_col("StorageClass", {"spec", "storageClassName"}),
                   col("VolumeAttributesClass", [](const json&) { return json("<unset>"); }),
                   path_col("VolumeMode", {"spec", "volumeMode"}, 1)};
  }
  {
    ResourceType& pv = core("PersistentVolume", "persistentvolumes", false, {"pv"});
    pv.subresources = {"status"};
    pv.columns = {path_col("Capacity", {"spec", "capacity", "storage"}),
                  col("Access Modes", [](const json& o) { return json(access_modes(at(o, {"spec", "accessModes"}))); }),
                  path_col("Reclaim Policy", {"spec", "persistentVolumeReclaimPolicy"}), path_col("Status", {"status", "phase"}),
                  col("Claim", [](const json& o) {
                    std::string ns = str_at(o, {"spec", "claimRef", "namespace"}), n = str_at(o, {"spec", "claimRef", "name"});
                    return json(n.empty() ? "" : ns + "/" + n);
                  }),
                  path_col("StorageClass", {"spec", "storageClassName"}),
                  col("VolumeAttributesClass", [](const json&) { return json("<unset>"); }), path_col("Reason", {"status", "reason"})};
  }
  {
    ResourceType& ev = core("Event", "events", true, {"ev"});
    ev.field_selectors = {"involvedObject.kind", "involvedObject.name", "involvedObject.namespace", "involvedObject.uid",
                          "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                          "reason", "reportingComponent", "type"};
    ev.age_column = false;
    ev.columns = {col("Last Seen", [](const json& o) { return json(human_age(str_at(o, {"lastTimestamp"}, str_at(o, {"metadata", "creationTimestamp"}).c_str()))); }),
                  path_col("Type", {"type"}), path_col("Reason", {"reason"}),
                  col("Object", [](const json& o) {
                    std::string k = str_at(o, {"involvedObject", "kind"});
                    std::transform(k.begin(), k.end(), k.begin(), ::tolower);
                    return json(k + "/" + str_at(o, {"involvedObject", "name"}));
                  }),
                  path_col("Message", {"message"})};
  }
  {
    ResourceType& sc = group("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, true);
    sc.short_names = {"sc"};
    sc.columns = {path_col("Provisioner", {"provisioner"}), path_col("ReclaimPolicy", {"reclaimPolicy"}),
                  path_col("VolumeBindingMode", {"volumeBindingMode"}),
                  col("AllowVolumeExpansion", [](const json& o) { return json(at(o, {"allowVolumeExpansion"}) == true ? "true" : "false"); })};
  }
  {
    ResourceType& d = group("apps", "v1", "Deployment", "deployments", true, true);
    d.short_names = {"deploy"};
    d.categories = {"all"};
    d.subresources = {"status"};
    d.columns = {col("Ready", [](const json& o) {
                   return json(std::to_string(at(o, {"status", "readyReplicas"}).is_number() ? at(o, {"status", "readyReplicas"}).get<int>() : 0) +
                               "/" + std::to_string(at(o, {"spec", "replicas"}).is_number() ? at(o, {"spec", "replicas"}).get<int>() : 1));
                 }),
                 col("Up-to-date", [](const json& o) { json v = at(o, {"status", "updatedReplicas"}); return v.is_number() ? v : json(0); }, 0, "integer"),
                 col("Available", [](const json& o) { json v = at(o, {"status", "availableReplicas"}); return v.is_number() ? v : json(0); }, 0, "integer")};
  }
  {
    ResourceType& j = group("batch", "v1", "Job", "jobs", true, true);
    j.categories = {"all"};
    j.subresources = {"status"};
    j.columns = {col("Status", [](const json& o) {
                   if (condition_status(o, "Complete") == "True") return json("Complete");
                   if (condition_status(o, "Failed") == "True") return json("Failed");
                   return json("Running");
                 }),
                 col("Completions", [](const json& o) {
                   json s = at(o, {"status", "succeeded"});
                   json c = at(o, {"spec", "completions"});
                   return json(std::to_string(s.is_number() ? s.get<int>() : 0) + "/" + std::to_string(c.is_number() ? c.get<int>() : 1));
                 })};
  }
  {
    // openshift-apiserver's Route printer: no AGE column; HOST/PORT from the admitted ingress.
    ResourceType& rt = group("route.openshift.io", "v1", "Route", "routes", true, true);
    rt.subresources = {"status"};
    rt.age_column = false;
    rt.columns = {path_col("Host/Port", {"spec", "host"}), path_col("Path", {"spec", "path"}),
                  path_col("Services", {"spec", "to", "name"}),
                  col("Port", [](const json& o) {
                    json p = at(o, {"spec", "port", "targetPort"});
                    return json(p.is_null() ? "<all>" : p.is_string() ? p.get<std::string>() : p.dump());
                  }),
                  col("Termination", [](const json& o) {
                    std::string term = str_at(o, {"spec", "tls", "termination"});
                    std::string insecure = str_at(o, {"spec", "tls", "insecureEdgeTerminationPolicy"});
                    if (!term.empty() && !insecure.empty()) return json(term + "/" + insecure);
                    return json(!term.empty() ? term : !insecure.empty() ? "default/" + insecure : "");
                  }),
                  path_col("Wildcard", {"spec", "wildcardPolicy"})};
  }
  {
    ResourceType& cv = group("config.openshift.io", "v1", "ClusterVersion", "clusterversions", false, false);
    cv.subresources = {"status"};
    // As the CRD prints it: the newest Completed version, Progressing's age and message.
    auto progressing = [](const json& o, const char* field) {
      for (const auto& c : at(o, {"status", "conditions"}).is_array() ? at(o, {"status", "conditions"}) : json::array())
        if (c.value("type", "") == "Progressing") return c.value(field, "");
      return std::string();
    };
    cv.columns = {col("Version",
                      [](const json& o) {
                        for (const auto& h :
                             at(o, {"status", "history"}).is_array() ? at(o, {"status", "history"}) : json::array())
                          if (h.value("state", "") == "Completed") return json(h.value("version", ""));
                        return json("");
                      }),
                  cond_col("Available", "Available"), cond_col("Progressing", "Progressing"),
                  col(
                      "Since",
                      [progressing](const json& o) {
                        std::string since = progressing(o, "lastTransitionTime");
                        return json(since.empty() ? "" : human_age(since));
                      },
                      0, "date"),
                  col("Status", [progressing](const json& o) { return json(progressing(o, "message")); })};
    cv.age_column = false;
  }
  {
    ResourceType& co = group("config.openshift.io", "v1", "ClusterOperator", "clusteroperators", false, false);
    co.short_names = {"co"};
    co.subresources = {"status"};
    co.columns = {col("Version", [](const json& o) {
                    json v = at(o, {"status", "versions"});
                    return json(v.is_array() && !v.empty() ? v[0].value("version", "") : "");
                  }),
                  cond_col("Available", "Available"), cond_col("Progressing", "Progressing"), cond_col("Degraded", "Degraded")};
  }
  {
    ResourceType& c = group("imageregistry.operator.openshift.io", "v1", "Config", "configs", false, false);
    c.subresources = {"status"};
  }
  {
    ResourceType& mcp = group("machineconfiguration.openshift.io", "v1", "MachineConfigPool", "machineconfigpools", false, false);
    mcp.short_names = {"mcp"};
    mcp.subresources = {"status"};
    mcp.columns = {path_col("Config", {"status", "configuration", "name"}), cond_col("Updated", "Updated"),
                   cond_col("Updating", "Updating"), cond_col("Degraded", "Degraded"),
                   col("MachineCount", [](const json& o) { json v = at(o, {"status", "machineCount"}); return v.is_number() ? v : json(0); }, 0, "number"),
                   col("ReadyMachineCount", [](const json& o) { json v = at(o, {"status", "readyMachineCount"}); return v.is_number() ? v : json(0); }, 0, "number"),
                   col("UpdatedMachineCount", [](const json& o) { json v = at(o, {"status", "updatedMachineCount"}); return v.is_number() ? v : json(0); }, 0, "number"),
                   col("DegradedMachineCount", [](const json& o) { json v = at(o, {"status", "degradedMachineCount"}); return v.is_number() ? v : json(0); }, 0, "number")};
  }
  {
    ResourceType& mc = group("machineconfiguration.openshift.io", "v1", "MachineConfig", "machineconfigs", false, false);
    mc.short_names = {"mc"};
    mc.columns = {col("GeneratedByController", [](const json& o) {
                    return json(str_at(o, {"metadata", "annotations", "machineconfiguration.openshift.io/generated-by-controller-version"}));
                  }),
                  path_col("IgnitionVersion", {"spec", "config", "ignition", "version"})};
  }
  {
    ResourceType& mosc = group("machineconfiguration.openshift.io", "v1", "MachineOSConfig", "machineosconfigs", false, false);
    mosc.subresources = {"status"};
  }
  {
    ResourceType& mosb = group("machineconfiguration.openshift.io", "v1", "MachineOSBuild", "machineosbuilds", false, false);
    mosb.subresources = {"status"};
    mosb.columns = {cond_col("Prepared", "Prepared"), cond_col("Building", "Building"), cond_col("Succeeded", "Succeeded"),
                    cond_col("Interrupted", "Interrupted"), cond_col("Failed", "Failed")};
  }
  {
    ResourceType& mcn = group("machineconfiguration.openshift.io", "v1", "MachineConfigNode", "machineconfignodes", false, false);
    mcn.subresources = {"status"};
    mcn.columns = {path_col("PoolName", {"spec", "pool", "name"}), path_col("DesiredConfig", {"spec", "configVersion", "desired"}),
                   path_col("CurrentConfig", {"status", "configVersion", "current"}), cond_col("Updated", "Updated")};
  }
  {
    ResourceType& ssar = group("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, true);
    ssar.verbs = {"create"};
  }
  return t;
}

}  // namespace

bool ResourceType::has_subresource(const std::string& s) const {
  return std::find(subresources.begin(), subresources.end(), s) != subresources.end();
}

bool ResourceType::allows(const std::string& verb) const { return std::find(verbs.begin(), verbs.end(), verb) != verbs.end(); }

const std::vector<ResourceType>& resource_types() {
  static const std::vector<ResourceType> k_types = build_table();
  return k_types;
}

const ResourceType* find_resource(const std::string& group, const std::string& version, const std::string& plural) {
  for (const auto& r : resource_types())
    if (r.group == group && r.version == version && r.plural == plural) return &r;
  return nullptr;
}

const ResourceType* find_kind(const std::string& api_version, const std::string& kind) {
  for (const auto& r : resource_types())
    if (r.api_version() == api_version && r.kind == kind) return &r;
  return nullptr;
}

std::string condition_status(const json& object, const std::string& type) {
  json conds = at(object, {"status", "conditions"});
  for (const auto& c : conds.is_array() ? conds : json::array())
    if (c.value("type", "") == type) return c.value("status", "Unknown");
  return "";
}

std::string human_age(const std::string& rfc3339) {
  std::tm tm{};
  if (rfc3339.empty() || !strptime(rfc3339.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return "<unknown>";
  long long then = static_cast<long long>(timegm(&tm));
  long long now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  long long s = std::max(0LL, now - then);
  auto n = [](long long v) { return std::to_string(v); };
  if (s < 120) return n(s) + "s";
  long long m = s / 60;
  if (m < 10) return n(m) + "m" + (s % 60 ? n(s % 60) + "s" : "");
  if (m < 180) return n(m) + "m";
  long long h = m / 60;
  if (h < 8) return n(h) + "h" + (m % 60 ? n(m % 60) + "m" : "");
  if (h < 48) return n(h) + "h";
  long long d = h / 24;
  if (d < 8) return n(d) + "d" + (h % 24 ? n(h % 24) + "h" : "");
  if (d < 365 * 2) return n(d) + "d";
  return n(d / 365) + "y";
}

}  // namespace dl::sim::api

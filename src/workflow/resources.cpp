#include "workflow/resources.h"

#include <ctime>
#include <map>

namespace dl::workflow {
namespace refs {
namespace {
kube::ResourceRef make(std::string group, std::string version, std::string resource, std::string ns = "") {
  kube::ResourceRef r;
  r.group = std::move(group);
  r.version = std::move(version);
  r.resource = std::move(resource);
  r.ns = std::move(ns);
  return r;
}
const char* k_mco_group = "machineconfiguration.openshift.io";
}  // namespace

kube::ResourceRef pvc(const std::string& ns) { return make("", "v1", "persistentvolumeclaims", ns); }
kube::ResourceRef registry_config() {
  auto r = make("imageregistry.operator.openshift.io", "v1", "configs");
  r.name = "cluster";
  return r;
}
kube::ResourceRef configmap(const std::string& ns) { return make("", "v1", "configmaps", ns); }
kube::ResourceRef secret(const std::string& ns) { return make("", "v1", "secrets", ns); }
kube::ResourceRef service_account(const std::string& ns) { return make("", "v1", "serviceaccounts", ns); }
kube::ResourceRef pod(const std::string& ns) { return make("", "v1", "pods", ns); }
kube::ResourceRef deployment(const std::string& ns) { return make("apps", "v1", "deployments", ns); }
kube::ResourceRef node() { return make("", "v1", "nodes"); }
kube::ResourceRef pool() { return make(k_mco_group, "v1", "machineconfigpools"); }
kube::ResourceRef mosc() { return make(k_mco_group, "v1", "machineosconfigs"); }
kube::ResourceRef mosb() { return make(k_mco_group, "v1", "machineosbuilds"); }
kube::ResourceRef storage_class() { return make("storage.k8s.io", "v1", "storageclasses"); }
kube::ResourceRef cluster_version() {
  auto r = make("config.openshift.io", "v1", "clusterversions");
  r.name = "version";
  return r;
}
kube::ResourceRef namespace_() { return make("", "v1", "namespaces"); }
kube::ResourceRef access_review() { return make("authorization.k8s.io", "v1", "selfsubjectaccessreviews"); }
}  // namespace refs

util::Result<kube::ResourceRef> ref_of(const json& object) {
  static const std::map<std::string, kube::ResourceRef (*)(const std::string&)> namespaced = {
      {"v1/PersistentVolumeClaim", refs::pvc}, {"v1/ConfigMap", refs::configmap},
      {"v1/Secret", refs::secret}, {"v1/Pod", refs::pod}};
  std::string key = object.value("apiVersion", "") + "/" + object.value("kind", "");
  const json& meta = object.contains("metadata") ? object["metadata"] : json::object();
  std::string name = meta.value("name", "");
  if (auto it = namespaced.find(key); it != namespaced.end())
    return kube::with_name(it->second(meta.value("namespace", "")), name);
  if (key == "imageregistry.operator.openshift.io/v1/Config") return refs::registry_config();
  if (key == "machineconfiguration.openshift.io/v1/MachineOSConfig") return kube::with_name(refs::mosc(), name);
  return util::make_error(util::ErrorKind::invalid_input, "doca-layer does not manage objects of kind " + key);
}

std::string describe(const json& object) {
  const json& meta = object.contains("metadata") ? object["metadata"] : json::object();
  std::string ns = meta.value("namespace", "");
  return object.value("kind", "?") + " " + (ns.empty() ? "" : ns + "/") + meta.value("name", "?");
}

json to_plain(const util::ojson& value) { return json::parse(value.dump()); }

bool contains(const json& live, const json& desired) {
  if (desired.is_object()) {
    if (!live.is_object()) return false;
    for (const auto& [k, v] : desired.items()) {
      auto it = live.find(k);
      if (it == live.end() || !contains(*it, v)) return false;
    }
    return true;
  }
  return live == desired;
}

std::optional<json> condition(const json& object, const std::string& type) {
  if (!object.contains("status") || !object["status"].contains("conditions")) return std::nullopt;
  for (const auto& c : object["status"]["conditions"])
    if (c.value("type", "") == type) return c;
  return std::nullopt;
}

std::string condition_status(const json& object, const std::string& type) {
  auto c = condition(object, type);
  return c ? c->value("status", "") : "";
}

namespace {
std::string meta_map(const json& object, const char* map, const std::string& key) {
  if (!object.contains("metadata") || !object["metadata"].contains(map)) return "";
  const json& m = object["metadata"][map];
  return m.is_object() ? m.value(key, "") : "";
}
}  // namespace

std::string annotation(const json& object, const std::string& key) { return meta_map(object, "annotations", key); }
std::string label(const json& object, const std::string& key) { return meta_map(object, "labels", key); }
std::string mco_key(const char* suffix) { return std::string("machineconfiguration.openshift.io/") + suffix; }

std::string running_version(const json& cv) {
  const json status = cv.value("status", json::object());
  for (const auto& h : status.value("history", json::array()))  // newest first
    if (h.value("state", "") == "Completed") return h.value("version", "");
  return status.value("desired", json::object()).value("version", "");
}

std::optional<long long> parse_time(const std::string& text) {
  std::tm tm{};
  int used = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                  &tm.tm_min, &tm.tm_sec, &used) != 6)
    return std::nullopt;
  size_t i = static_cast<size_t>(used);
  if (i < text.size() && text[i] == '.')
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    }
  if (i + 1 != text.size() || text[i] != 'Z') return std::nullopt;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<long long>(timegm(&tm));
}

std::string format_time(long long epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace dl::workflow

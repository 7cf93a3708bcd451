#include "sim/api/discovery.h"

#include <map>
#include <set>

#include "sim/api/resources.h"

namespace dl::sim::api {
namespace {

std::vector<std::pair<std::string, std::string>> group_versions() {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& r : resource_types())
    if (!r.group.empty() && seen.insert({r.group, r.version}).second) out.push_back({r.group, r.version});
  return out;
}

json subresource_entries(const ResourceType& r) {
  json out = json::array();
  for (const auto& s : r.subresources) {
    if (s == "status") {
      out.push_back({{"name", r.plural + "/status"}, {"singularName", ""}, {"namespaced", r.namespaced}, {"kind", r.kind},
                     {"verbs", {"get", "patch", "update"}}});
    } else if (s == "token") {
      out.push_back({{"name", r.plural + "/token"}, {"singularName", ""}, {"namespaced", true},
                     {"group", "authentication.k8s.io"}, {"version", "v1"}, {"kind", "TokenRequest"}, {"verbs", {"create"}}});
    } else if (s == "log") {
      out.push_back({{"name", r.plural + "/log"}, {"singularName", ""}, {"namespaced", true}, {"kind", "Pod"}, {"verbs", {"get"}}});
    }
  }
  return out;
}

json aggregated_subresources(const ResourceType& r) {
  json out = json::array();
  for (const auto& s : r.subresources) {
    json kind = {{"group", r.group}, {"version", r.version}, {"kind", r.kind}};
    json verbs = json::array({"get", "patch", "update"});
    if (s == "token") {
      kind = {{"group", "authentication.k8s.io"}, {"version", "v1"}, {"kind", "TokenRequest"}};
      verbs = {"create"};
    } else if (s == "log") {
      verbs = {"get"};
    }
    out.push_back({{"subresource", s}, {"responseKind", kind}, {"verbs", verbs}});
  }
  return out;
}

}  // namespace

json version_document(const std::string& git_version) {
  // "v1.34.2" -> major "1", minor "34": kubectl's version dispatcher reads these.
  std::string minor = "33";
  size_t dot = git_version.find('.');
  if (dot != std::string::npos) {
    minor = git_version.substr(dot + 1, git_version.find('.', dot + 1) - dot - 1);
  }
  return {{"major", "1"}, {"minor", minor}, {"gitVersion", git_version}, {"gitCommit", "doca-layer-sim"},
          {"gitTreeState", "clean"}, {"buildDate", "2026-01-01T00:00:00Z"}, {"goVersion", "go1.24"},
          {"compiler", "gc"}, {"platform", "linux/amd64"}};
}

json legacy_core_versions() {
  return {{"kind", "APIVersions"}, {"versions", {"v1"}},
          {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", "127.0.0.1"}}}}};
}

json legacy_group_list() {
  json groups = json::array();
  for (const auto& [g, v] : group_versions()) {
    json gv = {{"groupVersion", g + "/" + v}, {"version", v}};
    groups.push_back({{"name", g}, {"versions", {gv}}, {"preferredVersion", gv}});
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

json resource_list(const std::string& group, const std::string& version) {
  json resources = json::array();
  for (const auto& r : resource_types()) {
    if (r.group != group || r.version != version) continue;
    json e = {{"name", r.plural}, {"singularName", r.singular}, {"namespaced", r.namespaced}, {"kind", r.kind},
              {"verbs", r.verbs}};
    if (!r.short_names.empty()) e["shortNames"] = r.short_names;
    if (!r.categories.empty()) e["categories"] = r.categories;
    resources.push_back(e);
    for (auto& s : subresource_entries(r)) resources.push_back(s);
  }
  if (resources.empty()) return nullptr;
  return {{"kind", "APIResourceList"}, {"apiVersion", "v1"},
          {"groupVersion", group.empty() ? version : group + "/" + version}, {"resources", resources}};
}

json aggregated_discovery(bool core) {
  std::map<std::string, std::map<std::string, json>> by_group;  // group -> version -> resources
  std::vector<std::string> order;
  for (const auto& r : resource_types()) {
    if (core != r.group.empty()) continue;
    if (!by_group.count(r.group)) order.push_back(r.group);
    json e = {{"resource", r.plural}, {"singularResource", r.singular},
              {"responseKind", {{"group", r.group}, {"version", r.version}, {"kind", r.kind}}},
              {"scope", r.namespaced ? "Namespaced" : "Cluster"}, {"verbs", r.verbs}};
    if (!r.short_names.empty()) e["shortNames"] = r.short_names;
    if (!r.categories.empty()) e["categories"] = r.categories;
    if (!r.subresources.empty()) e["subresources"] = aggregated_subresources(r);
    by_group[r.group][r.version].push_back(e);
  }
  json items = json::array();
  for (const auto& g : order) {
    json versions = json::array();
    for (const auto& [v, res] : by_group[g]) versions.push_back({{"version", v}, {"resources", res}, {"freshness", "Current"}});
    items.push_back({{"metadata", {{"name", g}}}, {"versions", versions}});
  }
  return {{"kind", "APIGroupDiscoveryList"}, {"apiVersion", "apidiscovery.k8s.io/v2"}, {"metadata", json::object()},
          {"items", items}};
}

bool wants_aggregated(const std::string& accept) { return accept.find("as=APIGroupDiscoveryList") != std::string::npos; }

json openapi_v3_root() {
  json paths = json::object();
  paths["api/v1"] = {{"serverRelativeURL", "/openapi/v3/api/v1"}};
  for (const auto& [g, v] : group_versions())
    paths["apis/" + g + "/" + v] = {{"serverRelativeURL", "/openapi/v3/apis/" + g + "/" + v}};
  return {{"paths", paths}};
}

json openapi_v3_group_version(const std::string& group, const std::string& version) {
  json paths = json::object();
  for (const auto& r : resource_types()) {
    if (r.group != group || r.version != version) continue;
    std::string base = (group.empty() ? "/api/" + version : "/apis/" + group + "/" + version) +
                       (r.namespaced ? "/namespaces/{namespace}/" : "/") + r.plural + "/{name}";
    json gvk = {{"group", r.group}, {"version", r.version}, {"kind", r.kind}};
    json params = json::array({{{"name", "fieldValidation"}, {"in", "query"}, {"schema", {{"type", "string"}}}},
                               {{"name", "fieldManager"}, {"in", "query"}, {"schema", {{"type", "string"}}}}});
    paths[base] = {{"patch", {{"parameters", params}, {"x-kubernetes-group-version-kind", gvk}}}};
  }
  if (paths.empty()) return nullptr;
  return {{"openapi", "3.0.0"}, {"info", {{"title", "doca-layer sim"}, {"version", "v1.33.0"}}}, {"paths", paths}};
}

}  // namespace dl::sim::api

// The resource types the simulated cluster serves: names, scope, verbs, subresources and the
// server-side printer columns `kubectl get` shows. One table, read by discovery, routing,
// validation and Table printing.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dl::sim::api {

using json = nlohmann::json;

struct PrinterColumn {
  std::string name;  ///< as kubectl upper-cases it: "Status" -> STATUS
  std::string type;  ///< string, integer, date, boolean
  int priority = 0;  ///< >0: only with -o wide
  std::function<json(const json& object)> cell;
};

struct ResourceType {
  std::string group;  ///< "" for core
  std::string version;
  std::string kind;
  std::string plural;
  std::string singular;
  bool namespaced = true;
  bool builtin = true;  ///< a Kubernetes built-in (strategic merge patch, protobuf); false = CRD-backed
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  std::vector<std::string> subresources;  ///< "status", "token", "log"
  std::vector<std::string> verbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
  std::vector<std::string> field_selectors;  ///< beyond metadata.name / metadata.namespace
  std::vector<PrinterColumn> columns;        ///< between NAME and AGE
  bool age_column = true;

  std::string api_version() const { return group.empty() ? version : group + "/" + version; }
  bool has_subresource(const std::string& s) const;
  bool allows(const std::string& verb) const;
};

/// Every served type, in discovery order.
const std::vector<ResourceType>& resource_types();
/// Lookup by (group, version, plural); nullptr when not served.
const ResourceType* find_resource(const std::string& group, const std::string& version, const std::string& plural);
/// Lookup by apiVersion and kind; nullptr when not served.
const ResourceType* find_kind(const std::string& api_version, const std::string& kind);

/// kubectl-style age ("5s", "3m2s", "27h", "9d") between an RFC 3339 timestamp and now.
std::string human_age(const std::string& rfc3339);
/// Status of condition `type` in status.conditions ("True"/"False"/"Unknown"; "" when absent).
std::string condition_status(const json& object, const std::string& type);

}  // namespace dl::sim::api

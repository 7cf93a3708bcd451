#include "sim/controllers/layering_state.h"

#include "sim/cluster/release.h"
#include "sim/controllers/objects.h"
#include "util/base64.h"

namespace dl::sim::controllers::layering {
namespace {
constexpr const char* k_mcv1 = "machineconfiguration.openshift.io/v1";
}

const api::ResourceType& mosc_type() { return type_of(k_mcv1, "MachineOSConfig"); }
const api::ResourceType& mosb_type() { return type_of(k_mcv1, "MachineOSBuild"); }
const api::ResourceType& pool_type() { return type_of(k_mcv1, "MachineConfigPool"); }
const api::ResourceType& mcn_type() { return type_of(k_mcv1, "MachineConfigNode"); }
const api::ResourceType& mc_type() { return type_of(k_mcv1, "MachineConfig"); }
const api::ResourceType& node_type() { return type_of("v1", "Node"); }
const api::ResourceType& pod_type() { return type_of("v1", "Pod"); }
const api::ResourceType& job_type() { return type_of("batch/v1", "Job"); }
const api::ResourceType& deploy_type() { return type_of("apps/v1", "Deployment"); }
const api::ResourceType& secret_type() { return type_of("v1", "Secret"); }

std::string label(const char* suffix) {
  return std::string("machineconfiguration.openshift.io/") + suffix;
}

std::string pool_of(const json& mosc) {
  return mosc.value("spec", json::object()).value("machineConfigPool", json::object()).value("name", "");
}

std::vector<json> builds_of(const api::Store& store, const std::string& mosc) {
  std::string key = label("machine-os-config");
  auto l = store.list(
      mosb_type(), "",
      [&](const json& o) { return o["metadata"].value("labels", json::object()).value(key, "") == mosc; }, 0, "");
  return l ? l->items : std::vector<json>{};
}

std::string condition_status(const json& object, const std::string& type) {
  for (const auto& c : object.value("status", json::object()).value("conditions", json::array()))
    if (c.value("type", "") == type) return c.value("status", "");
  return "";
}

bool terminal(const json& mosb) {
  return condition_status(mosb, "Succeeded") == "True" || condition_status(mosb, "Failed") == "True" ||
         condition_status(mosb, "Interrupted") == "True";
}

json build_conditions(const std::string& true_type) {
  static const char* table[][3] = {{"Prepared", "Prepared", "Build Prepared and Pending"},
                                   {"Building", "Building", "Image Build In Progress"},
                                   {"Failed", "Failed", "Build Failed"},
                                   {"Interrupted", "Interrupted", "Build Interrupted"},
                                   {"Succeeded", "Ready", "Build Ready"}};
  json out = json::array();
  for (const auto& row : table)
    out.push_back({{"type", row[0]},
                   {"status", true_type == row[0] ? "True" : "False"},
                   {"reason", row[1]},
                   {"message", row[2]},
                   {"lastTransitionTime", api::now_rfc3339()}});
  return out;
}

std::optional<json> docker_auths(const json& secret) {
  std::string data = secret.value("data", json::object()).value(".dockerconfigjson", "");
  auto decoded = util::base64_decode(data);
  if (!decoded) return std::nullopt;
  json doc = json::parse(*decoded, nullptr, false);
  if (!doc.is_object() || !doc.contains("auths") || !doc["auths"].is_object()) return std::nullopt;
  return doc["auths"];
}

std::string base_image(const api::Store& store, const std::string& rendered) {
  auto mc = store.get(mc_type(), "", rendered);
  if (!mc) return "";
  return mc->value("spec", json::object()).value("osImageURL", "");
}

std::string release_of(const api::Store& store, const std::string& rendered) {
  auto mc = store.get(mc_type(), "", rendered);
  if (!mc) return "";
  return (*mc)["metadata"].value("annotations", json::object()).value(label("release-image-version"), "");
}

std::string ocp_minor_of(const api::Store& store, const std::string& rendered, const std::string& fallback) {
  auto r = cluster::find_release(release_of(store, rendered));
  return r ? "4." + std::to_string(r->minor) : fallback;
}

std::optional<json> mosc_for_pool(const api::Store& store, const std::string& pool) {
  auto l = store.list(mosc_type(), "", [&](const json& o) { return pool_of(o) == pool; }, 0, "");
  if (!l || l->items.empty()) return std::nullopt;
  return l->items.front();
}

}  // namespace dl::sim::controllers::layering

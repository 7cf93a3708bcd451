// Strategic merge schemas of the built-in kinds: the patchStrategy/patchMergeKey struct tags of
// k8s.io/api, for the lists the simulator's objects carry.
#include <string>
#include <utility>

#include "sim/api/patch.h"

namespace dl::sim::api {
namespace {

using Keys = std::map<std::string, std::string>;

// Container lists inside one list of containers at `containers`.
void add_container_lists(Keys& keys, const std::string& containers) {
  keys[containers] = "name";
  keys[containers + "[].env"] = "name";
  keys[containers + "[].ports"] = "containerPort";
  keys[containers + "[].volumeMounts"] = "mountPath";
  keys[containers + "[].volumeDevices"] = "devicePath";
}

// PodSpec lists under `spec` (tolerations and readinessGates have no strategy: replaced).
void add_pod_spec(Keys& keys, const std::string& spec) {
  add_container_lists(keys, spec + ".containers");
  add_container_lists(keys, spec + ".initContainers");
  add_container_lists(keys, spec + ".ephemeralContainers");
  keys[spec + ".volumes"] = "name";
  keys[spec + ".imagePullSecrets"] = "name";
  keys[spec + ".schedulingGates"] = "name";
  keys[spec + ".resourceClaims"] = "name";
  keys[spec + ".hostAliases"] = "ip";
  keys[spec + ".topologySpreadConstraints"] = "topologyKey";
}

bool is_pod_template_owner(const std::string& group, const std::string& kind) {
  return (group == "apps" &&
          (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "ReplicaSet")) ||
         (group == "batch" && kind == "Job") || (group.empty() && kind == "ReplicationController");
}

void add_kind_lists(Keys& keys, const std::string& group, const std::string& kind) {
  if (group.empty() && kind == "Pod") {
    add_pod_spec(keys, "spec");
    keys["status.podIPs"] = "ip";
    keys["status.hostIPs"] = "ip";
  } else if (is_pod_template_owner(group, kind)) {
    add_pod_spec(keys, "spec.template.spec");
  } else if (group == "batch" && kind == "CronJob") {
    add_pod_spec(keys, "spec.jobTemplate.spec.template.spec");
  } else if (group.empty() && kind == "Node") {
    keys["status.addresses"] = "type";
    keys["spec.podCIDRs"] = "";
  } else if (group.empty() && kind == "ServiceAccount") {
    keys["secrets"] = "name";
  }
}

bool has_typed_conditions(const std::string& group, const std::string& kind) {
  return (group.empty() && (kind == "Pod" || kind == "Node" || kind == "PersistentVolumeClaim" || kind == "Namespace" ||
                            kind == "ReplicationController")) ||
         (group == "apps" && kind != "ControllerRevision") || (group == "batch" && kind == "Job");
}

}  // namespace

std::optional<std::string> StrategicSchema::merge_key(const std::string& path) const {
  auto it = merge_keys.find(path);
  return it == merge_keys.end() ? std::nullopt : std::optional<std::string>(it->second);
}

StrategicSchema strategic_schema_for(const std::string& group, const std::string& kind) {
  Keys keys{{"metadata.finalizers", ""}, {"metadata.ownerReferences", "uid"}};
  add_kind_lists(keys, group, kind);
  if (has_typed_conditions(group, kind)) {
    keys["status.conditions"] = "type";
  }
  return StrategicSchema{std::move(keys)};
}

}  // namespace dl::sim::api

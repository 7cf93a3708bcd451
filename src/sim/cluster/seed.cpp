#include "sim/cluster/seed.h"

#include "util/base64.h"

namespace dl::sim::cluster {
namespace {

using api::json;

const api::ResourceType& type(const char* api_version, const char* kind) {
  const api::ResourceType* r = api::find_kind(api_version, kind);
  return *r;  // every kind seeded here is in the resource table
}

void add(api::Store& s, const char* api_version, const char* kind, const std::string& ns, json o) {
  o["apiVersion"] = api_version;
  o["kind"] = kind;
  json status = o.contains("status") ? o["status"] : json();
  auto created = s.create(type(api_version, kind), ns, o);
  if (created && !status.is_null() && type(api_version, kind).has_subresource("status")) {
    json with_status = *created;
    with_status["status"] = status;
    s.update(type(api_version, kind), ns, created->at("metadata")["name"], with_status, api::WritePart::status);
  }
}

json meta(const std::string& name, json labels = json::object(), json annotations = json::object()) {
  json m = {{"name", name}};
  if (!labels.empty()) m["labels"] = labels;
  if (!annotations.empty()) m["annotations"] = annotations;
  return m;
}

json condition(const std::string& type, const std::string& status, const std::string& reason = "", const std::string& message = "") {
  json c = {{"type", type}, {"status", status}, {"lastTransitionTime", api::now_rfc3339()}};
  if (!reason.empty()) c["reason"] = reason;
  if (!message.empty()) c["message"] = message;
  return c;
}

// A fake but well-formed global pull secret (the sim's test data, not real credentials).
std::string pull_secret_json() {
  json auths = json::object();
  for (const char* reg : {"cloud.openshift.com", "quay.io", "registry.connect.redhat.com", "registry.redhat.io"}) {
    std::string auth = util::base64_encode(std::string("sim-user:sim-password-for-") + reg);
    auths[reg] = {{"auth", auth}, {"email", "admin@example.com"}};
  }
  return json{{"auths", auths}}.dump();
}

void seed_namespaces(api::Store& s) {
  for (const char* ns : {"default", "kube-system", "kube-public", "openshift", "openshift-config", "openshift-config-managed",
                         "openshift-machine-config-operator", "openshift-image-registry", "openshift-storage",
                         "openshift-ovn-kubernetes"}) {
    add(s, "v1", "Namespace", "", {{"metadata", meta(ns)}, {"spec", {{"finalizers", {"kubernetes"}}}}, {"status", {{"phase", "Active"}}}});
    add(s, "v1", "ServiceAccount", ns, {{"metadata", meta("default")}});
  }
  for (const char* sa : {"builder", "deployer", "machine-os-builder", "machine-config-daemon", "machine-os-puller"})
    add(s, "v1", "ServiceAccount", "openshift-machine-config-operator", {{"metadata", meta(sa)}});
  add(s, "v1", "ServiceAccount", "openshift-image-registry", {{"metadata", meta("registry")}});
  add(s, "v1", "Secret", "openshift-config",
      {{"metadata", meta("pull-secret")}, {"type", "kubernetes.io/dockerconfigjson"},
       {"data", {{".dockerconfigjson", util::base64_encode(pull_secret_json())}}}});
}

void seed_machine_config(api::Store& s, const SeedOptions& o) {
  const char* mcv = "machineconfiguration.openshift.io/v1";
  std::string release_image = "quay.io/openshift-release-dev/ocp-release@sha256:" + std::string(64, 'a');
  std::string os_image = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + std::string(64, 'b');
  for (const char* pool : {"master", "worker"}) {
    std::string rendered = std::string("rendered-") + pool + "-" + (pool[0] == 'm' ? "c4363e454702b9a652e29fb24f28c7c7" : "91833d06ff7a4b4563d843249bc12228");
    add(s, mcv, "MachineConfig", "",
        {{"metadata", meta(rendered, json::object(),
                           {{"machineconfiguration.openshift.io/generated-by-controller-version", "sim-" + o.openshift_version},
                            {"machineconfiguration.openshift.io/release-image-version", o.openshift_version}})},
         {"spec", {{"osImageURL", os_image}, {"config", {{"ignition", {{"version", "3.5.0"}}}}}}}});
    bool is_master = pool[0] == 'm';
    json selector = {{"matchLabels", {{std::string("node-role.kubernetes.io/") + pool, ""}}}};
    add(s, mcv, "MachineConfigPool", "",
        {{"metadata", meta(pool, {{"machineconfiguration.openshift.io/mco-built-in", ""},
                                  {std::string("pools.operator.machineconfiguration.openshift.io/") + pool, ""}})},
         {"spec", {{"machineConfigSelector", {{"matchLabels", {{"machineconfiguration.openshift.io/role", pool}}}}},
                   {"nodeSelector", selector}, {"paused", false}, {"maxUnavailable", 1},
                   {"configuration", {{"name", rendered}}}}},
         {"status", {{"configuration", {{"name", rendered}}}, {"machineCount", is_master ? 1 : 0},
                     {"readyMachineCount", is_master ? 1 : 0}, {"updatedMachineCount", is_master ? 1 : 0},
                     {"unavailableMachineCount", 0}, {"degradedMachineCount", 0}, {"observedGeneration", 1},
                     {"conditions", {condition("Updated", "True"), condition("Updating", "False"), condition("Degraded", "False"),
                                     condition("NodeDegraded", "False"), condition("RenderDegraded", "False")}}}}});
  }
  std::string rendered_master = "rendered-master-c4363e454702b9a652e29fb24f28c7c7";
  add(s, "v1", "Node", "",
      {{"metadata", meta(o.node_name,
                         {{"node-role.kubernetes.io/master", ""}, {"node-role.kubernetes.io/control-plane", ""},
                          {"node-role.kubernetes.io/worker", ""}, {"kubernetes.io/hostname", o.node_name},
                          {"kubernetes.io/arch", "amd64"}, {"kubernetes.io/os", "linux"},
                          {"node.openshift.io/os_id", "rhcos"}, {"feature.node.kubernetes.io/pci-15b3.present", "true"}},
                         {{"machineconfiguration.openshift.io/currentConfig", rendered_master},
                          {"machineconfiguration.openshift.io/desiredConfig", rendered_master},
                          {"machineconfiguration.openshift.io/state", "Done"},
                          {"machineconfiguration.openshift.io/reason", ""}})},
       {"spec", json::object()},
       {"status", {{"nodeInfo", {{"kubeletVersion", kubernetes_version_for(o.openshift_version)},
                                 {"osImage", "Red Hat Enterprise Linux CoreOS 9.6.20260101-0 (Plow)"},
                                 {"architecture", "amd64"}, {"operatingSystem", "linux"},
                                 {"containerRuntimeVersion", "cri-o://1.33.6"}, {"bootID", api::new_uid()},
                                 {"kernelVersion", "5.14.0-570.60.1.el9_6.x86_64"}, {"kubeProxyVersion", ""},
                                 {"machineID", "0f1d2c3b4a5948372615a4b3c2d1e0f9"}, {"systemUUID", api::new_uid()}}},
                   {"conditions", {condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")}},
                   {"addresses", {{{"type", "InternalIP"}, {"address", "10.6.135.5"}}, {{"type", "Hostname"}, {"address", o.node_name}}}},
                   {"capacity", {{"cpu", "64"}, {"memory", "263842028Ki"}, {"hugepages-1Gi", "16Gi"}}}}}});
  add(s, mcv, "MachineConfigNode", "",
      {{"metadata", meta(o.node_name)},
       {"spec", {{"node", {{"name", o.node_name}}}, {"pool", {{"name", "master"}}}, {"configVersion", {{"desired", rendered_master}}}}},
       {"status", {{"configVersion", {{"current", rendered_master}, {"desired", rendered_master}}},
                   {"conditions", {condition("Updated", "True")}}}}});
}

void seed_platform(api::Store& s, api::LogStore& logs, const SeedOptions& o) {
  add(s, "config.openshift.io/v1", "ClusterVersion", "",
      {{"metadata", meta("version")}, {"spec", {{"channel", "stable-4.20"}, {"clusterID", api::new_uid()}}},
       {"status", {{"desired", {{"version", o.openshift_version}}},
                   {"history", {{{"state", "Completed"}, {"version", o.openshift_version}}}},
                   {"conditions", {condition("Available", "True", "", "Done applying " + o.openshift_version),
                                   condition("Progressing", "False", "", "Cluster version is " + o.openshift_version),
                                   condition("Failing", "False")}}}}});
  for (const char* co : {"machine-config", "image-registry", "network", "storage"}) {
    add(s, "config.openshift.io/v1", "ClusterOperator", "",
        {{"metadata", meta(co)}, {"spec", json::object()},
         {"status", {{"versions", {{{"name", "operator"}, {"version", o.openshift_version}}}},
                     {"conditions", {condition("Available", "True"), condition("Progressing", "False"), condition("Degraded", "False")}}}}});
  }
  add(s, "imageregistry.operator.openshift.io/v1", "Config", "",
      {{"metadata", meta("cluster")},
       {"spec", {{"managementState", "Removed"}, {"replicas", 1}, {"storage", json::object()}, {"logLevel", "Normal"},
                 {"operatorLogLevel", "Normal"}, {"rolloutStrategy", "RollingUpdate"}, {"httpSecret", "sim-http-secret"}}},
       {"status", {{"readyReplicas", 0}, {"conditions", {condition("Available", "True", "Removed", "The registry is removed")}}}}});
  add(s, "storage.k8s.io/v1", "StorageClass", "",
      {{"metadata", meta(o.storage_class, json::object(), {{"description", "Provides RWO and RWOP Filesystem & Block volumes"}})},
       {"provisioner", "topolvm.io"}, {"reclaimPolicy", "Delete"}, {"volumeBindingMode", "WaitForFirstConsumer"},
       {"allowVolumeExpansion", true}, {"parameters", {{"csi.storage.k8s.io/fstype", "xfs"}, {"topolvm.io/device-class", "vg1"}}}});
  json pod_spec = {{"containers", {{{"name", "operator"}, {"image", "quay.io/openshift/origin-cluster-image-registry-operator:latest"}}}},
                   {"nodeName", o.node_name}, {"restartPolicy", "Always"}};
  add(s, "v1", "Pod", "openshift-image-registry",
      {{"metadata", meta("cluster-image-registry-operator-6bcb795b48-jgzw9", {{"name", "cluster-image-registry-operator"}})},
       {"spec", pod_spec},
       {"status", {{"phase", "Running"}, {"containerStatuses", {{{"name", "operator"}, {"ready", true}, {"restartCount", 0},
                                                                {"image", "quay.io/openshift/origin-cluster-image-registry-operator:latest"},
                                                                {"imageID", ""},
                                                                {"state", {{"running", {{"startedAt", api::now_rfc3339()}}}}}}}}}}});
  logs.append("openshift-image-registry", "cluster-image-registry-operator-6bcb795b48-jgzw9", "operator",
              "I1126 cluster-image-registry-operator starting\nI1126 managementState is Removed: nothing to deploy\n");
}

}  // namespace

std::string kubernetes_version_for(const std::string& openshift_version) {
  if (openshift_version.rfind("4.21", 0) == 0) return "v1.34.2";
  if (openshift_version.rfind("4.19", 0) == 0) return "v1.32.8";
  return "v1.33.6";
}

void seed_sno(api::Store& store, api::LogStore& logs, const SeedOptions& options) {
  seed_namespaces(store);
  seed_machine_config(store, options);
  seed_platform(store, logs, options);
}

}  // namespace dl::sim::cluster

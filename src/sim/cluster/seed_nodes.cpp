// The machines of a seeded cluster: MachineConfigPools with their rendered MachineConfigs, and
// per node the Node object (labels, MCO annotations, nodeInfo) and its MachineConfigNode.
#include <cstdio>

#include "sim/cluster/release.h"
#include "sim/cluster/seed.h"

namespace dl::sim::cluster::detail {
namespace {

using api::json;

// Stable hex digits from `text` (FNV-1a rounds): rendered-config hashes and image digests that
// follow the release and arch, the same on every run.
std::string hex_digest(const std::string& text, size_t digits) {
  std::string out;
  uint64_t h = 1469598103934665603ULL;
  for (unsigned round = 0; out.size() < digits; ++round) {
    h ^= round;
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    out += buf;
  }
  return out.substr(0, digits);
}

std::string rendered_name(const std::string& pool, const SeedOptions& o) {
  return "rendered-" + pool + "-" + hex_digest(pool + "/" + o.openshift_version + "/" + o.arch, 32);
}

std::string kube_arch(const std::string& arch) {
  return arch == "aarch64" ? "arm64" : "amd64";
}

json node_labels(const NodePlan& n, const SeedOptions& o) {
  json l = {{"kubernetes.io/hostname", n.name}, {"kubernetes.io/arch", kube_arch(o.arch)},
            {"kubernetes.io/os", "linux"},      {"beta.kubernetes.io/arch", kube_arch(o.arch)},
            {"beta.kubernetes.io/os", "linux"}, {"node.openshift.io/os_id", "rhcos"}};
  if (n.control_plane) {
    l["node-role.kubernetes.io/master"] = "";
    l["node-role.kubernetes.io/control-plane"] = "";
  }
  if (n.worker_role) l["node-role.kubernetes.io/worker"] = "";
  if (o.nvidia_nics) l["feature.node.kubernetes.io/pci-15b3.present"] = "true";
  return l;
}

json node_status(const NodePlan& n, size_t index, const SeedOptions& o, const Release& r) {
  std::string ip = "10.6.135." + std::to_string(5 + index);
  json capacity = {{"cpu", "64"},
                   {"memory", "263842028Ki"},
                   {"hugepages-1Gi", "16Gi"},
                   {"pods", "250"},
                   {"ephemeral-storage", "936104940Ki"}};
  return {{"nodeInfo",
           {{"kubeletVersion", r.kubernetes},
            {"osImage", r.node_os_image()},
            {"architecture", kube_arch(o.arch)},
            {"operatingSystem", "linux"},
            {"containerRuntimeVersion", r.cri_o()},
            {"bootID", api::new_uid()},
            {"kernelVersion", r.kernel(o.arch)},
            {"kubeProxyVersion", ""},
            {"machineID", hex_digest("machine/" + n.name, 32)},
            {"systemUUID", api::new_uid()}}},
          {"conditions", {condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")}},
          {"addresses", {{{"type", "InternalIP"}, {"address", ip}}, {{"type", "Hostname"}, {"address", n.name}}}},
          {"capacity", capacity},
          {"allocatable", capacity}};
}

void seed_pool(api::Store& s, const std::string& pool, const SeedOptions& o, int machines) {
  const char* mcv = "machineconfiguration.openshift.io/v1";
  std::string rendered = rendered_name(pool, o);
  add(s, mcv, "MachineConfig", "", rendered_machine_config(pool, o.openshift_version, o.arch));
  json selector = {{"matchLabels", {{"node-role.kubernetes.io/" + pool, ""}}}};
  add(s, mcv, "MachineConfigPool", "",
      {{"metadata", meta(pool, {{"machineconfiguration.openshift.io/mco-built-in", ""},
                                {"pools.operator.machineconfiguration.openshift.io/" + pool, ""}})},
       {"spec",
        {{"machineConfigSelector", {{"matchLabels", {{"machineconfiguration.openshift.io/role", pool}}}}},
         {"nodeSelector", selector},
         {"paused", false},
         {"maxUnavailable", 1},
         {"configuration", {{"name", rendered}}}}},
       {"status",
        {{"configuration", {{"name", rendered}}},
         {"machineCount", machines},
         {"readyMachineCount", machines},
         {"updatedMachineCount", machines},
         {"unavailableMachineCount", 0},
         {"degradedMachineCount", 0},
         {"observedGeneration", 1},
         {"conditions",
          {condition("Updated", "True"), condition("Updating", "False"), condition("Degraded", "False"),
           condition("NodeDegraded", "False"), condition("RenderDegraded", "False")}}}}});
}

void seed_node(api::Store& s, const NodePlan& n, size_t index, const SeedOptions& o, const Release& r) {
  std::string rendered = rendered_name(n.pool, o);
  json spec = json::object();
  if (n.control_plane && !n.worker_role)
    spec["taints"] = {{{"key", "node-role.kubernetes.io/master"}, {"effect", "NoSchedule"}}};
  add(s, "v1", "Node", "",
      {{"metadata", meta(n.name, node_labels(n, o),
                         {{"machineconfiguration.openshift.io/currentConfig", rendered},
                          {"machineconfiguration.openshift.io/desiredConfig", rendered},
                          {"machineconfiguration.openshift.io/state", "Done"},
                          {"machineconfiguration.openshift.io/reason", ""}})},
       {"spec", spec},
       {"status", node_status(n, index, o, r)}});
  add(s, "machineconfiguration.openshift.io/v1", "MachineConfigNode", "",
      {{"metadata", meta(n.name)},
       {"spec",
        {{"node", {{"name", n.name}}}, {"pool", {{"name", n.pool}}}, {"configVersion", {{"desired", rendered}}}}},
       {"status",
        {{"configVersion", {{"current", rendered}, {"desired", rendered}}},
         {"observedGeneration", 1},
         {"conditions", {condition("Updated", "True")}}}}});
}

}  // namespace

void seed_machines(api::Store& store, const SeedOptions& options, const std::vector<NodePlan>& nodes) {
  Release release = *find_release(options.openshift_version);
  for (const char* pool : {"master", "worker"}) {
    int machines = 0;
    for (const auto& n : nodes) machines += n.pool == pool ? 1 : 0;
    seed_pool(store, pool, options, machines);
  }
  for (size_t i = 0; i < nodes.size(); ++i) seed_node(store, nodes[i], i, options, release);
}

}  // namespace dl::sim::cluster::detail

namespace dl::sim::cluster {

api::json rendered_machine_config(const std::string& pool, const std::string& openshift_version,
                                  const std::string& arch) {
  SeedOptions o;
  o.openshift_version = openshift_version;
  o.arch = arch;
  std::string os_image = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" +
                         detail::hex_digest("os/" + openshift_version + "/" + arch, 64);
  return {
      {"apiVersion", "machineconfiguration.openshift.io/v1"},
      {"kind", "MachineConfig"},
      {"metadata",
       detail::meta(detail::rendered_name(pool, o), api::json::object(),
                    {{"machineconfiguration.openshift.io/generated-by-controller-version", "sim-" + openshift_version},
                     {"machineconfiguration.openshift.io/release-image-version", openshift_version}})},
      {"spec", {{"osImageURL", os_image}, {"config", {{"ignition", {{"version", "3.5.0"}}}}}}}};
}

}  // namespace dl::sim::cluster

#include "sim/cluster/seed.h"

#include "sim/cluster/release.h"
#include "util/base64.h"

namespace dl::sim::cluster {
namespace {

const api::ResourceType& type(const char* api_version, const char* kind) {
  const api::ResourceType* r = api::find_kind(api_version, kind);
  return *r;  // every kind seeded here is in the resource table
}

}  // namespace

namespace detail {

using api::json;

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

json meta(const std::string& name, json labels, json annotations) {
  json m = {{"name", name}};
  if (!labels.empty()) m["labels"] = labels;
  if (!annotations.empty()) m["annotations"] = annotations;
  return m;
}

json condition(const std::string& type, const std::string& status, const std::string& reason, const std::string& message) {
  json c = {{"type", type}, {"status", status}, {"lastTransitionTime", api::now_rfc3339()}};
  if (!reason.empty()) c["reason"] = reason;
  if (!message.empty()) c["message"] = message;
  return c;
}

}  // namespace detail

namespace {

using api::json;
using detail::add;
using detail::condition;
using detail::meta;

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

void seed_platform(api::Store& s, api::LogStore& logs, const SeedOptions& o, const Release& r) {
  std::string image = release_image(r.version, o.arch);
  add(s, "config.openshift.io/v1", "ClusterVersion", "",
      {{"metadata", meta("version")}, {"spec", {{"channel", r.channel()}, {"clusterID", api::new_uid()}}},
       {"status", {{"desired", {{"version", r.version}, {"image", image}, {"channels", {r.channel()}}}},
                   {"history", {{{"state", "Completed"}, {"version", r.version}, {"image", image}, {"verified", false}}}},
                   {"observedGeneration", 1},
                   {"conditions", {condition("Available", "True", "", "Done applying " + r.version),
                                   condition("Progressing", "False", "", "Cluster version is " + r.version),
                                   condition("Failing", "False")}}}}});
  for (const char* co : {"machine-config", "image-registry", "network", "storage"}) {
    add(s, "config.openshift.io/v1", "ClusterOperator", "",
        {{"metadata", meta(co)}, {"spec", json::object()},
         {"status", {{"versions", {{{"name", "operator"}, {"version", r.version}}}},
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
                   {"nodeName", "master-0"}, {"restartPolicy", "Always"}};
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

util::Result<Topology> parse_topology(const std::string& name) {
  if (name == "sno") return Topology::sno;
  if (name == "compact") return Topology::compact;
  if (name == "standard") return Topology::standard;
  return util::make_error(util::ErrorKind::invalid_input, "unknown topology \"" + name + "\" (want sno, compact or standard)");
}

util::Result<std::vector<NodePlan>> plan_nodes(const SeedOptions& o) {
  auto bad = [](const std::string& m) { return util::make_error(util::ErrorKind::invalid_input, m); };
  if (!find_release(o.openshift_version))
    return bad("OpenShift version \"" + o.openshift_version + "\" is not simulated (want 4.16 to 4.22, e.g. 4.20.15)");
  if (o.arch != "x86_64" && o.arch != "aarch64") return bad("unknown arch \"" + o.arch + "\" (want x86_64 or aarch64)");
  if (o.topology != Topology::standard && o.workers > 0) return bad("--workers needs --topology standard");
  int workers = o.topology != Topology::standard ? 0 : o.workers < 0 ? 3 : o.workers;
  if (o.topology == Topology::standard && (workers < 1 || workers > 500))
    return bad("a standard cluster has 1 to 500 workers, not " + std::to_string(workers));
  std::vector<NodePlan> nodes;
  int masters = o.topology == Topology::sno ? 1 : 3;
  for (int i = 0; i < masters; ++i)
    nodes.push_back({"master-" + std::to_string(i), "master", true, o.topology != Topology::standard});
  for (int i = 0; i < workers; ++i) nodes.push_back({"worker-" + std::to_string(i), "worker", false, true});
  return nodes;
}

std::string release_image(const std::string& openshift_version, const std::string& arch) {
  return "quay.io/openshift-release-dev/ocp-release:" + openshift_version + "-" + arch;
}

std::string kubernetes_version_for(const std::string& openshift_version) {
  auto r = find_release(openshift_version);
  return r ? r->kubernetes : "v1.33.6";
}

util::Status seed_cluster(api::Store& store, api::LogStore& logs, const SeedOptions& options) {
  auto nodes = plan_nodes(options);
  if (!nodes) return nodes.error();
  Release release = *find_release(options.openshift_version);
  seed_namespaces(store);
  detail::seed_machines(store, options, *nodes);
  seed_platform(store, logs, options, release);
  return util::ok_status();
}

}  // namespace dl::sim::cluster

#include "sim/controllers/layering_objects.h"

#include "sim/api/store.h"
#include "sim/controllers/build_log.h"

namespace dl::sim::controllers::layering {
namespace {

constexpr const char* k_mco_image = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:"
                                    "6c1b5bd5b83b3fdc0c5d5c0c42f81ba2b1a6d0b0e4f6d2b64e2c5a2c4f0b7e11";

std::string label(const char* suffix) {
  return std::string(k_mc_prefix) + suffix;
}

json owner(const json& o) {
  return {{"apiVersion", o.value("apiVersion", "")},
          {"kind", o.value("kind", "")},
          {"name", o["metadata"].value("name", "")},
          {"uid", o["metadata"].value("uid", "")},
          {"controller", true},
          {"blockOwnerDeletion", true}};
}

json container(const std::string& name, const json& command, const json& env) {
  return {{"name", name}, {"image", k_mco_image}, {"command", command}, {"env", env},
          {"securityContext", {{"runAsUser", 1000}, {"runAsGroup", 1000}}}};
}

json status_of(const std::string& name, const json& state, bool ready) {
  return {{"name", name},         {"image", k_mco_image}, {"imageID", k_mco_image}, {"ready", ready},
          {"restartCount", 0},    {"started", ready},     {"state", state}};
}

}  // namespace

std::string retag(const std::string& spec, const std::string& tag) {
  return repository(spec) + ":" + tag;
}

std::string repository(const std::string& spec) {
  size_t colon = spec.rfind(':');
  size_t slash = spec.rfind('/');
  if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return spec;
  return spec.substr(0, colon);
}

std::string registry_host(const std::string& spec) {
  return spec.substr(0, spec.find('/'));
}

bool before_4_20(const std::string& minor) {
  size_t dot = minor.find('.');
  if (dot == std::string::npos) return false;
  int major = std::stoi(minor.substr(0, dot));
  int m = std::stoi(minor.substr(dot + 1));
  return major == 4 && m < 20;
}

json machine_os_build(const json& mosc, const std::string& name, const std::string& rendered,
                      const std::string& push_spec) {
  const json& spec = mosc["spec"];
  std::string pool = spec["machineConfigPool"].value("name", "");
  std::string mosc_name = mosc["metadata"].value("name", "");
  json labels = {{label("target-machine-config-pool"), pool},
                 {label("rendered-machine-config"), rendered},
                 {label("machine-os-config"), mosc_name}};
  json annotations = {
      {label("rendered-image-push-secret"), spec.value("renderedImagePushSecret", json::object()).value("name", "")}};
  return {{"apiVersion", "machineconfiguration.openshift.io/v1"},
          {"kind", "MachineOSBuild"},
          {"metadata",
           {{"name", name}, {"labels", labels}, {"annotations", annotations}, {"finalizers", {"foregroundDeletion"}},
            {"ownerReferences", {owner(mosc)}}}},
          {"spec",
           {{"machineConfig", {{"name", rendered}}},
            {"machineOSConfig", {{"name", mosc_name}}},
            {"renderedImagePushSpec", retag(push_spec, name)}}}};
}

json build_job(const json& mosb) {
  std::string name = mosb["metadata"].value("name", "");
  json labels = mosb["metadata"]["labels"];
  labels[label("on-cluster-layering")] = "";
  labels[label("machine-os-build")] = name;
  return {{"apiVersion", "batch/v1"},
          {"kind", "Job"},
          {"metadata",
           {{"name", "build-" + name},
            {"namespace", k_mco_namespace},
            {"labels", labels},
            {"annotations", {{label("machine-os-build"), name}}},
            {"ownerReferences", {owner(mosb)}}}},
          {"spec",
           {{"backoffLimit", 3},
            {"completions", 1},
            {"parallelism", 1},
            {"template", {{"metadata", {{"labels", labels}}}, {"spec", {{"restartPolicy", "Never"}}}}}}}};
}

json build_pod(const json& job, const std::string& ocp_minor, const std::string& node) {
  std::string job_name = job["metadata"].value("name", "");
  std::string tag = job["metadata"]["labels"].value(label("machine-os-build"), "");
  json env = {{{"name", "TAG"}, {"value", tag}},
              {{"name", "BASE_IMAGE_PULL_CREDS"}, {"value", "/tmp/base-image-pull-creds/config.json"}},
              {{"name", "FINAL_IMAGE_PUSH_CREDS"}, {"value", "/tmp/final-image-push-creds/config.json"}},
              {{"name", "BUILDAH_ISOLATION"}, {"value", "chroot"}},
              {{"name", "MAX_RETRIES"}, {"value", "3"}},
              {{"name", "HOME"}, {"value", "/home/build"}}};
  json build = container("image-build", {"/bin/bash", "-c", "/tmp/done/buildah-build.sh"}, env);
  json spec = {{"serviceAccountName", "machine-os-builder"},
               {"restartPolicy", "Never"},
               {"terminationGracePeriodSeconds", 10},
               {"nodeName", node}};
  if (before_4_20(ocp_minor)) {
    spec["containers"] = {build, container("wait-for-done", {"/bin/bash", "-c", "wait-for-done.sh"}, env)};
  } else {
    spec["initContainers"] = {build};
    spec["containers"] = {container("create-digest-configmap",
                                    {"/usr/bin/machine-os-builder", "create-digest-configmap"}, env)};
  }
  json labels = job["metadata"]["labels"];
  labels["job-name"] = job_name;
  labels["batch.kubernetes.io/job-name"] = job_name;
  labels["batch.kubernetes.io/controller-uid"] = job["metadata"].value("uid", "");
  std::string now = api::now_rfc3339();
  json status = {{"phase", "Pending"}, {"hostIP", "10.6.135.5"}, {"startTime", now}, {"qosClass", "BestEffort"}};
  json running = {{"running", {{"startedAt", now}}}};
  if (before_4_20(ocp_minor)) {
    status["phase"] = "Running";
    status["containerStatuses"] = {status_of("image-build", running, true), status_of("wait-for-done", running, true)};
  } else {
    status["initContainerStatuses"] = {status_of("image-build", running, false)};
    status["containerStatuses"] = {
        status_of("create-digest-configmap", {{"waiting", {{"reason", "PodInitializing"}}}}, false)};
  }
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"generateName", job_name + "-"},
            {"namespace", k_mco_namespace},
            {"labels", labels},
            {"ownerReferences", {owner(job)}}}},
          {"spec", spec},
          {"status", status}};
}

json build_pod_finished(const json& pod, bool ok) {
  json s = pod.value("status", json::object());
  std::string now = api::now_rfc3339();
  auto done = [&](bool success) {
    return json{{"terminated",
                 {{"exitCode", success ? 0 : 1},
                  {"reason", success ? "Completed" : "Error"},
                  {"startedAt", s.value("startTime", now)},
                  {"finishedAt", now}}}};
  };
  s["phase"] = ok ? "Succeeded" : "Failed";
  for (const char* list : {"initContainerStatuses", "containerStatuses"}) {
    if (!s.contains(list)) continue;
    for (auto& c : s[list]) {
      bool is_build = c.value("name", "") == "image-build";
      c["state"] = is_build || ok ? done(ok) : json{{"waiting", {{"reason", "PodInitializing"}}}};
      c["ready"] = false;
      c["started"] = false;
    }
  }
  return s;
}

json builder_deployment() {
  json labels = {{"k8s-app", "machine-os-builder"}};
  json pod_spec = {{"serviceAccountName", "machine-os-builder"},
                   {"priorityClassName", "system-cluster-critical"},
                   {"containers",
                    {{{"name", "machine-os-builder"},
                      {"image", k_mco_image},
                      {"command", {"/usr/bin/machine-os-builder"}},
                      {"args", {"start", "-v", "4"}}}}}};
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", "machine-os-builder"}, {"namespace", k_mco_namespace}, {"labels", labels}}},
          {"spec",
           {{"replicas", 1},
            {"selector", {{"matchLabels", labels}}},
            {"template",
             {{"metadata", {{"labels", labels}, {"annotations", {{"openshift.io/required-scc", "anyuid"}}}}},
              {"spec", pod_spec}}}}}};
}

json builder_pod(const json& deployment, const std::string& node) {
  std::string hash = md5_hex(deployment["metadata"].value("uid", "")).substr(0, 9);
  json labels = deployment["spec"]["template"]["metadata"]["labels"];
  labels["pod-template-hash"] = hash;
  json spec = deployment["spec"]["template"]["spec"];
  spec["nodeName"] = node;
  spec["restartPolicy"] = "Always";
  std::string now = api::now_rfc3339();
  json status = {{"phase", "Running"},
                 {"startTime", now},
                 {"conditions", {{{"type", "Ready"}, {"status", "True"}, {"lastTransitionTime", now}}}},
                 {"containerStatuses", {status_of("machine-os-builder", {{"running", {{"startedAt", now}}}}, true)}}};
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"generateName", "machine-os-builder-" + hash + "-"},
            {"namespace", k_mco_namespace},
            {"labels", labels},
            {"ownerReferences", {owner(deployment)}}}},
          {"spec", spec},
          {"status", status}};
}

}  // namespace dl::sim::controllers::layering

#include "sim/controllers/registry_objects.h"

#include "sim/api/store.h"

namespace dl::sim::controllers::registry {
namespace {

const char* const k_image =
    "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:"
    "5c1e8f1d6a0a3b2c4d9e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c";

// The pod-template-hash kubectl users see in pod names: 10 characters from the Deployment's uid.
std::string template_hash(const json& deployment) {
  const std::string uid = deployment["metadata"].value("uid", "");
  const char* alphabet = "bcdfghjklmnpqrstvwxz2456789";
  uint64_t h = 1469598103934665603ULL;
  for (char c : uid) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  std::string out;
  for (int i = 0; i < 10; ++i, h /= 27) out += alphabet[h % 27];
  return out;
}

std::string log_time() {
  return api::now_rfc3339();
}

}  // namespace

json storage_volume(const std::string& claim) {
  if (claim.empty()) return {{"name", "registry-storage"}, {"emptyDir", json::object()}};
  return {{"name", "registry-storage"}, {"persistentVolumeClaim", {{"claimName", claim}}}};
}

json deployment(const json& config, const json& volume) {
  const json& spec = config.value("spec", json::object());
  json labels = {{"docker-registry", "default"}};
  std::string strategy = spec.value("rolloutStrategy", "RollingUpdate");
  json container = {{"name", "registry"},
                    {"image", k_image},
                    {"ports", {{{"containerPort", 5000}, {"protocol", "TCP"}}}},
                    {"volumeMounts", {{{"name", "registry-storage"}, {"mountPath", "/registry"}}}}};
  json pod_spec = {{"serviceAccountName", "registry"},
                   {"priorityClassName", "system-cluster-critical"},
                   {"containers", json::array({container})},
                   {"volumes", json::array({volume})}};
  json d = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}};
  d["metadata"] = {{"name", "image-registry"},
                   {"namespace", "openshift-image-registry"},
                   {"labels", labels},
                   {"annotations", {{"imageregistry.operator.openshift.io/checksum", "sha256:sim"}}}};
  d["spec"] = {{"replicas", spec.value("replicas", 1)},
               {"selector", {{"matchLabels", labels}}},
               {"strategy", {{"type", strategy}}},
               {"template", {{"metadata", {{"labels", labels}}}, {"spec", pod_spec}}}};
  return d;
}

json pod(const json& deployment) {
  std::string hash = template_hash(deployment);
  json tmpl = deployment["spec"]["template"];
  json labels = tmpl["metadata"]["labels"];
  labels["pod-template-hash"] = hash;
  json owner = {{"apiVersion", "apps/v1"},  {"kind", "Deployment"},
                {"name", "image-registry"}, {"uid", deployment["metadata"].value("uid", "")},
                {"controller", true},       {"blockOwnerDeletion", true}};
  json spec = tmpl["spec"];
  spec["restartPolicy"] = "Always";
  return {{"apiVersion", "v1"},
          {"kind", "Pod"},
          {"metadata",
           {{"generateName", "image-registry-" + hash + "-"},
            {"namespace", "openshift-image-registry"},
            {"labels", labels},
            {"ownerReferences", {owner}}}},
          {"spec", spec},
          {"status", {{"phase", "Pending"}, {"qosClass", "Burstable"}}}};
}

json pod_status_unschedulable(const std::string& message) {
  return {{"phase", "Pending"},
          {"qosClass", "Burstable"},
          {"conditions",
           {{{"type", "PodScheduled"},
             {"status", "False"},
             {"reason", "Unschedulable"},
             {"message", message},
             {"lastTransitionTime", api::now_rfc3339()}}}}};
}

json pod_status_creating(const std::string& node) {
  std::string now = api::now_rfc3339();
  json waiting = {{"name", "registry"},
                  {"ready", false},
                  {"restartCount", 0},
                  {"image", k_image},
                  {"imageID", ""},
                  {"started", false},
                  {"state", {{"waiting", {{"reason", "ContainerCreating"}}}}}};
  return {{"phase", "Pending"},
          {"qosClass", "Burstable"},
          {"hostIP", "10.6.135.5"},
          {"nominatedNodeName", node},
          {"conditions",
           {{{"type", "PodScheduled"}, {"status", "True"}, {"lastTransitionTime", now}},
            {{"type", "Ready"}, {"status", "False"}, {"reason", "ContainersNotReady"}, {"lastTransitionTime", now}}}},
          {"containerStatuses", {waiting}}};
}

json pod_status_running(const json& current) {
  std::string now = api::now_rfc3339();
  json s = current;
  s.erase("nominatedNodeName");
  s["phase"] = "Running";
  s["podIP"] = "10.128.0.42";
  s["startTime"] = now;
  s["conditions"] = {{{"type", "PodScheduled"}, {"status", "True"}, {"lastTransitionTime", now}},
                     {{"type", "Initialized"}, {"status", "True"}, {"lastTransitionTime", now}},
                     {{"type", "ContainersReady"}, {"status", "True"}, {"lastTransitionTime", now}},
                     {{"type", "Ready"}, {"status", "True"}, {"lastTransitionTime", now}}};
  s["containerStatuses"] = {{{"name", "registry"},
                             {"ready", true},
                             {"started", true},
                             {"restartCount", 0},
                             {"image", k_image},
                             {"imageID", k_image},
                             {"containerID", "cri-o://" + std::string(64, 'e')},
                             {"state", {{"running", {{"startedAt", now}}}}}}};
  return s;
}

json default_route(const std::string& host, const std::string& apps_domain) {
  return {{"apiVersion", "route.openshift.io/v1"},
          {"kind", "Route"},
          {"metadata",
           {{"name", "default-route"},
            {"namespace", "openshift-image-registry"},
            {"annotations", {{"imageregistry.openshift.io", "true"}}}}},
          {"spec",
           {{"host", host},
            {"to", {{"kind", "Service"}, {"name", "image-registry"}, {"weight", 100}}},
            {"tls", {{"termination", "reencrypt"}}},
            {"wildcardPolicy", "None"}}},
          {"status",
           {{"ingress",
             {{{"host", host},
               {"routerName", "default"},
               {"wildcardPolicy", "None"},
               {"routerCanonicalHostname", "router-default." + apps_domain},
               {"conditions",
                {{{"type", "Admitted"}, {"status", "True"}, {"lastTransitionTime", api::now_rfc3339()}}}}}}}}}};
}

json managed_claim() {
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolumeClaim"},
          {"metadata",
           {{"name", "image-registry-storage"},
            {"namespace", "openshift-image-registry"},
            {"annotations", {{"imageregistry.openshift.io", "true"}}}}},
          {"spec",
           {{"accessModes", {"ReadWriteMany"}},
            {"resources", {{"requests", {{"storage", "100Gi"}}}}},
            {"volumeMode", "Filesystem"}}}};
}

std::string startup_log(const std::string& claim) {
  std::string t = log_time();
  std::string where = claim.empty() ? "emptyDir" : "persistentVolumeClaim " + claim;
  return "time=\"" + t +
         "\" level=info msg=\"start registry\" distribution_version=v3.0.0+unknown openshift_version=sim\n" +
         "time=\"" + t + "\" level=info msg=\"caches not configured\"\n" + "time=\"" + t +
         "\" level=info msg=\"storage: filesystem at /registry (" + where + ")\"\n" + "time=\"" + t +
         "\" level=info msg=\"Using \\\"image-registry.openshift-image-registry.svc:5000\\\" as Docker Registry "
         "URL\"\n" +
         "time=\"" + t + "\" level=info msg=\"listening on :5000, tls\"\n";
}

}  // namespace dl::sim::controllers::registry

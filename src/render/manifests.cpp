#include "render/manifests.h"

#include "render/containerfile.h"
#include "util/base64.h"

namespace dl::render {
namespace {

using spec::LayerSpec;

ojson labels(const LayerSpec& s) { return ojson{{k_managed_by_label, "doca-layer"}, {k_layer_label, s.name}}; }

ojson metadata(const std::string& name, const std::string& ns, const LayerSpec& s) {
  ojson m = {{"name", name}};
  if (!ns.empty()) m["namespace"] = ns;
  m["labels"] = labels(s);
  return m;
}

ojson registry_pvc(const LayerSpec& s) {
  const auto& in = *s.registry.internal;
  ojson meta = metadata(in.claim_name, spec::k_registry_namespace, s);
  meta["annotations"] = {{"imageregistry.openshift.io", "true"}};
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolumeClaim"},
          {"metadata", meta},
          {"spec",
           {{"accessModes", ojson::array({in.access_mode})},
            {"volumeMode", "Filesystem"},
            {"resources", {{"requests", {{"storage", in.size}}}}},
            {"storageClassName", in.storage_class}}}};
}

// Only the fields doca-layer owns; server-side apply merges them into the cluster's singleton.
ojson registry_config(const LayerSpec& s) {
  const auto& in = *s.registry.internal;
  return {{"apiVersion", "imageregistry.operator.openshift.io/v1"},
          {"kind", "Config"},
          {"metadata", {{"name", "cluster"}}},
          {"spec",
           {{"managementState", "Managed"},
            {"defaultRoute", in.default_route},
            {"replicas", in.replicas},
            {"rolloutStrategy", in.access_mode == "ReadWriteMany" ? "RollingUpdate" : "Recreate"},
            {"storage", {{"pvc", {{"claim", in.claim_name}}}}}}}};
}

ojson repos_configmap(const LayerSpec& s) {
  ojson data = ojson::object();
  data["doca.repo"] = doca_repo_file(s);
  for (const auto& r : s.repos) data[r.id + ".repo"] = repo_file(r);
  return {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", metadata(k_repos_configmap, spec::k_mco_namespace, s)},
          {"data", data}};
}

bool has_key_files(const LayerSpec& s) {
  for (const auto& r : s.repos)
    if (!r.gpg_key_data.empty()) return true;
  return false;
}

ojson gpg_secret(const LayerSpec& s) {
  ojson data = ojson::object();
  for (const auto& r : s.repos)
    if (!r.gpg_key_data.empty()) data["RPM-GPG-KEY-" + r.id] = util::base64_encode(r.gpg_key_data);
  return {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", metadata(k_gpg_secret, spec::k_mco_namespace, s)},
          {"type", "Opaque"}, {"data", data}};
}

ojson machine_os_config(const LayerSpec& s, const std::string& containerfile) {
  ojson sp = {{"machineConfigPool", {{"name", s.pool}}}, {"imageBuilder", {{"imageBuilderType", "Job"}}}};
  if (s.registry.internal) {
    sp["baseImagePullSecret"] = {{"name", spec::k_pull_and_push_secret}};
    sp["renderedImagePushSecret"] = {{"name", spec::k_push_secret}};
  } else {
    sp["renderedImagePushSecret"] = {{"name", s.registry.external->push_secret}};
  }
  sp["renderedImagePushSpec"] = spec::push_spec(s);
  sp["containerFile"] = ojson::array({{{"containerfileArch", "NoArch"}, {"content", containerfile}}});
  return {{"apiVersion", "machineconfiguration.openshift.io/v1"},
          {"kind", "MachineOSConfig"},
          {"metadata", metadata(s.pool, "", s)},
          {"spec", sp}};
}

void add_gpg(std::string& out, bool check, const std::string& key) {
  out += std::string("gpgcheck=") + (check ? "1" : "0") + "\n";
  if (check && !key.empty()) out += "gpgkey=" + key + "\n";
}

}  // namespace

std::string doca_repo_file(const LayerSpec& s) {
  std::string out = "[doca]\nname=NVIDIA DOCA " + s.doca.version + " (" + s.doca.os + " " + s.doca.arch + ")\n";
  out += "baseurl=" + spec::doca_repo_url(s) + "\nenabled=1\n";
  add_gpg(out, s.doca.gpg_check, s.doca.gpg_key);
  // DOCA's rdma-core/libibverbs must win over the distribution's, whatever the version strings say.
  out += "priority=10\nskip_if_unavailable=False\n";
  return out;
}

std::string repo_file(const spec::RepoSpec& r) {
  std::string out = "[" + r.id + "]\nname=" + r.name + "\nbaseurl=" + r.base_url + "\nenabled=1\n";
  std::string key = r.gpg_key_file.empty() ? r.gpg_key : "file:///etc/pki/rpm-gpg/RPM-GPG-KEY-" + r.id;
  add_gpg(out, r.gpg_check, key);
  if (r.priority) out += "priority=" + std::to_string(r.priority) + "\n";
  out += "skip_if_unavailable=False\n";
  return out;
}

util::Result<Rendered> render(const LayerSpec& s) {
  auto cf = checked_containerfile(s);
  if (!cf) return cf.error();
  Rendered r;
  r.containerfile = *cf;
  if (s.registry.internal) {
    r.objects.push_back({"10-pvc-" + s.registry.internal->claim_name + ".yaml", registry_pvc(s)});
    r.objects.push_back({"20-imageregistry-config-cluster.yaml", registry_config(s)});
  }
  r.objects.push_back({"30-configmap-etc-yum-repos-d.yaml", repos_configmap(s)});
  if (has_key_files(s)) r.objects.push_back({"40-secret-etc-pki-rpm-gpg.yaml", gpg_secret(s)});
  r.objects.push_back({"50-machineosconfig-" + s.pool + ".yaml", machine_os_config(s, r.containerfile)});
  return r;
}

std::string to_yaml_stream(const Rendered& r) {
  std::string out;
  for (const auto& o : r.objects) out += "---\n" + util::to_yaml(o.body);
  return out;
}

ojson to_list(const Rendered& r) {
  ojson items = ojson::array();
  for (const auto& o : r.objects) items.push_back(o.body);
  return {{"apiVersion", "v1"}, {"kind", "List"}, {"metadata", ojson::object()}, {"items", items}};
}

}  // namespace dl::render

#include "workflow/preflight_checks.h"

#include <optional>

#include "render/manifests.h"
#include "rpmrepo/printer.h"
#include "rpmrepo/resolve.h"
#include "workflow/credentials.h"
#include "workflow/follow.h"
#include "workflow/resources.h"

namespace dl::workflow {
namespace {

using V = CheckVerdict;

PreflightCheck check(std::string id, std::string title, V v, std::string detail, std::string fix = "") {
  return {std::move(id), std::move(title), v, std::move(detail), std::move(fix)};
}

const char* k_nvidia_label = "feature.node.kubernetes.io/pci-15b3.present";

std::string pool_names(kube::Client& client) {
  auto pools = client.list(refs::pool());
  std::string names;
  if (pools)
    for (const auto& p : (*pools)["items"]) names += (names.empty() ? "" : ", ") + p["metadata"].value("name", "");
  return names;
}

}  // namespace

PreflightCheck pool_check(kube::Client& client, const spec::LayerSpec& spec) {
  const std::string title = "MachineConfigPool " + spec.pool;
  auto pool = client.get(kube::with_name(refs::pool(), spec.pool));
  if (!pool) {
    if (pool.error().is_not_found())
      return check("pool", title, V::fail, "no MachineConfigPool \"" + spec.pool + "\" (pools: " + pool_names(client) + ")",
                   "set spec.pool to one of the cluster's pools");
    return check("pool", title, V::fail, pool.error().message);
  }
  if ((*pool)["spec"].value("paused", false))
    return check("pool", title, V::fail, "the pool is paused: its nodes would never get the image",
                 "oc patch mcp " + spec.pool + " --type merge -p '{\"spec\":{\"paused\":false}}'");
  // Degraded by its last image build only (4.20+: ImageBuildDegraded feeds Degraded): that is
  // what apply is run to fix, so it warns; degraded nodes or rendering still fail.
  std::optional<PreflightCheck> failed_build;
  if (condition_status(*pool, "Degraded") == "True") {
    bool build_only = condition_status(*pool, "ImageBuildDegraded") == "True" &&
                      condition_status(*pool, "NodeDegraded") != "True" &&
                      condition_status(*pool, "RenderDegraded") != "True";
    if (!build_only)
      return check("pool", title, V::fail, "the pool is Degraded: " + condition(*pool, "Degraded")->value("message", ""),
                   "fix the degraded nodes first (oc describe mcp " + spec.pool + ")");
    failed_build = check("pool", title, V::warn,
                         "the pool's last image build failed: " + condition(*pool, "ImageBuildDegraded")->value("message", ""),
                         "see why with doca-layer logs; apply with a corrected spec builds again, or apply --rebuild for "
                         "the same spec");
  }
  kube::ListOptions lo;
  lo.label_selector = pool_selector(*pool);
  auto nodes = client.list(refs::node(), lo);
  if (!nodes) return check("pool", title, V::fail, nodes.error().message);
  size_t count = (*nodes)["items"].size(), rhcos = 0, nvidia = 0;
  for (const auto& n : (*nodes)["items"]) {
    std::string os = n.value("status", json::object()).value("nodeInfo", json::object()).value("osImage", "");
    if (os.find("CoreOS") != std::string::npos) ++rhcos;
    if (label(n, k_nvidia_label) == "true") ++nvidia;
  }
  if (count == 0) return check("pool", title, V::fail, "the pool has no nodes", "label nodes for the pool or choose another");
  if (rhcos != count)
    return check("pool", title, V::fail, std::to_string(count - rhcos) + " of " + std::to_string(count) + " nodes are not RHCOS",
                 "on-cluster layering needs RHCOS nodes");
  if (failed_build) return *failed_build;
  std::string detail = std::to_string(count) + " RHCOS node(s), " + std::to_string(nvidia) + " with NVIDIA NICs";
  if (nvidia < count)
    return check("pool", title, V::warn, detail, "OVS-DOCA offload needs a ConnectX/BlueField NIC (PCI vendor 15b3) on every node");
  return check("pool", title, V::pass, detail);
}

std::vector<PreflightCheck> registry_checks(kube::Client& client, const spec::LayerSpec& spec) {
  std::vector<PreflightCheck> out;
  if (spec.registry.internal) {
    const auto& in = *spec.registry.internal;
    auto sc = client.get(kube::with_name(refs::storage_class(), in.storage_class));
    if (sc)
      out.push_back(check("storage-class", "storage class for the registry", V::pass, in.storage_class + " exists"));
    else
      out.push_back(check("storage-class", "storage class for the registry", V::fail,
                          sc.error().is_not_found() ? "no StorageClass \"" + in.storage_class + "\"" : sc.error().message,
                          "set spec.registry.internal.storageClass to an existing class (oc get storageclass)"));
    auto cfg = client.get(refs::registry_config());
    if (!cfg)
      out.push_back(check("registry", "image registry operator", V::fail, cfg.error().message,
                          "the cluster has no image registry operator config (configs.imageregistry/cluster)"));
    else
      out.push_back(check("registry", "image registry operator", V::pass,
                          "managementState " + (*cfg)["spec"].value("managementState", "?") +
                              ((*cfg)["spec"].value("managementState", "") == "Managed" ? "" : " (apply sets Managed)")));
  } else {
    const auto& ext = *spec.registry.external;
    std::string host = ext.push_spec.substr(0, ext.push_spec.find('/'));
    auto push = client.get(kube::with_name(refs::secret(spec::k_mco_namespace), ext.push_secret));
    auto auths = push ? docker_auths(*push) : util::Result<json>(push.error().to_util());
    std::string create = "oc create secret docker-registry " + ext.push_secret +
                         " -n openshift-machine-config-operator --docker-server=" + host + " ...";
    if (!auths)
      out.push_back(check("push-secret", "push secret for " + ext.push_spec, V::fail, auths.error().message, create));
    else if (!auths->contains(host) && !auths->contains("https://" + host))
      out.push_back(check("push-secret", "push secret for " + ext.push_spec, V::warn,
                          "secret " + ext.push_secret + " has no credentials for " + host + ": the build's push will be refused",
                          create));
    else
      out.push_back(check("push-secret", "push secret for " + ext.push_spec, V::pass, "credentials for " + host));
  }
  auto global = client.get(kube::with_name(refs::secret(k_global_pull_secret_ns), k_global_pull_secret));
  auto auths = global ? docker_auths(*global) : util::Result<json>(global.error().to_util());
  if (auths)
    out.push_back(check("pull-secret", "global pull secret", V::pass, std::to_string(auths->size()) + " registries"));
  else
    out.push_back(check("pull-secret", "global pull secret", V::fail, auths.error().message,
                        "repair openshift-config/pull-secret (doca-layer never writes it)"));
  return out;
}

PreflightCheck layer_check(kube::Client& client, const spec::LayerSpec& spec) {
  const std::string title = "no foreign layer on the pool";
  auto all = client.list(refs::mosc());
  if (!all) return check("existing-layer", title, V::fail, all.error().message);
  for (const auto& m : (*all)["items"]) {
    std::string name = m["metadata"].value("name", "");
    std::string pool = m["spec"].value("machineConfigPool", json::object()).value("name", "");
    if (pool != spec.pool) continue;
    if (label(m, render::k_managed_by_label) != "doca-layer")
      return check("existing-layer", title, V::fail, "MachineOSConfig " + name + " (not doca-layer's) already targets pool " + pool,
                   "remove it (oc delete machineosconfig " + name + ") or choose another pool");
    if (name != spec.pool)
      return check("existing-layer", title, V::fail, "doca-layer's MachineOSConfig " + name + " targets the pool under another name",
                   "doca-layer rollback with the spec that created it");
    return check("existing-layer", title, V::pass, "doca-layer's MachineOSConfig " + name + " is in place (apply updates it)");
  }
  return check("existing-layer", title, V::pass, "the pool has no MachineOSConfig yet");
}

PreflightCheck packages_check(const spec::LayerSpec& spec, const PreflightOptions& options) {
  const std::string title = "package steps resolve against the repositories";
  if (!options.packages) return check("packages", title, V::skip, "skipped (--skip-packages)");
  rpmrepo::ResolveOptions ro;
  ro.installed_from = options.installed_from;
  ro.cache.dir = options.cache_dir;
  auto r = rpmrepo::resolve_layer(spec, ro);
  if (!r) return check("packages", title, V::fail, r.error().message);
  std::string line = rpmrepo::summary_line(*r);
  switch (r->verdict) {
    case rpmrepo::Verdict::ok: return check("packages", title, V::pass, line);
    case rpmrepo::Verdict::repo_error:
      return check("packages", title, V::warn, line,
                   "the build needs these repos too; from a workstation that cannot reach them use --skip-packages");
    default:
      return check("packages", title, V::fail, line, "doca-layer packages -f layer.yaml shows the whole transaction");
  }
}

}  // namespace dl::workflow

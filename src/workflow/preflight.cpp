#include "workflow/preflight.h"

#include "workflow/preflight_checks.h"

#include "render/manifests.h"
#include "spec/platform.h"
#include "workflow/resources.h"

namespace dl::workflow {
namespace {

using V = CheckVerdict;

PreflightCheck check(std::string id, std::string title, V v, std::string detail, std::string fix = "") {
  return {std::move(id), std::move(title), v, std::move(detail), std::move(fix)};
}

struct Want {
  const char* verb;
  const char* group;
  const char* resource;
  const char* ns;
  const char* sub;
};

/// The permissions apply, verify and rollback need.
const std::vector<Want>& wanted_access() {
  static const std::vector<Want> w = {
      {"create", "", "persistentvolumeclaims", "openshift-image-registry", ""},
      {"patch", "imageregistry.operator.openshift.io", "configs", "", ""},
      {"create", "", "serviceaccounts", "openshift-machine-config-operator", "token"},
      {"get", "", "secrets", "openshift-config", ""},
      {"create", "", "secrets", "openshift-machine-config-operator", ""},
      {"update", "", "secrets", "openshift-machine-config-operator", ""},
      {"create", "", "configmaps", "openshift-machine-config-operator", ""},
      {"create", "machineconfiguration.openshift.io", "machineosconfigs", "", ""},
      {"patch", "machineconfiguration.openshift.io", "machineosconfigs", "", ""},
      {"delete", "machineconfiguration.openshift.io", "machineosconfigs", "", ""},
      {"create", "", "pods", "openshift-machine-config-operator", ""},
  };
  return w;
}

}  // namespace

PreflightCheck check_access(kube::Client& client) {
  std::vector<std::string> denied;
  for (const auto& w : wanted_access()) {
    json attrs = {{"verb", w.verb}, {"group", w.group}, {"resource", w.resource}};
    if (*w.ns) attrs["namespace"] = w.ns;
    if (*w.sub) attrs["subresource"] = w.sub;
    json review = {{"apiVersion", "authorization.k8s.io/v1"}, {"kind", "SelfSubjectAccessReview"},
                   {"spec", {{"resourceAttributes", attrs}}}};
    kube::WriteOptions asks;
    asks.stores_nothing = true;  // a review is answered, not stored: safe to resend
    auto r = client.create(refs::access_review(), review, asks);
    if (!r) return check("access", "permissions for apply", V::fail, "cannot ask the API: " + r.error().message);
    if (!r->value("status", json::object()).value("allowed", false))
      denied.push_back(std::string(w.verb) + " " + w.resource + (*w.sub ? std::string("/") + w.sub : "") +
                       (*w.ns ? std::string(" in ") + w.ns : ""));
  }
  if (denied.empty()) return check("access", "permissions for apply", V::pass, std::to_string(wanted_access().size()) + " permissions granted");
  std::string list;
  for (const auto& d : denied) list += (list.empty() ? "" : ", ") + d;
  return check("access", "permissions for apply", V::fail, "not allowed: " + list,
               "run as a cluster administrator (oc login as a user with cluster-admin)");
}

namespace {

PreflightCheck version_check(kube::Client& client, const spec::LayerSpec& spec) {
  auto cv = client.get(refs::cluster_version());
  if (!cv) return check("openshift-version", "OpenShift version", V::fail, "cannot read ClusterVersion: " + cv.error().message,
                        "is this an OpenShift cluster?");
  std::string version = running_version(*cv);
  std::string target = (*cv)["status"].value("desired", json::object()).value("version", "");
  if (!target.empty() && target != version)
    return check("openshift-version", "OpenShift version", V::warn,
                 "an update from " + version + " to " + target + " is in progress",
                 "wait for the update to finish; the MCO rebuilds the layer on the new base image");
  auto v = spec::parse_ocp_version(version);
  if (!v) return check("openshift-version", "OpenShift version", V::fail, "unreadable version \"" + version + "\"");
  if (v->major < 4 || (v->major == 4 && v->minor < 19))
    return check("openshift-version", "OpenShift version", V::fail,
                 version + " has no MachineOSConfig v1 API (on-cluster layering is GA from 4.19)", "upgrade the cluster to 4.19 or later");
  auto base = spec::rhcos_base(*v);
  std::string detail = version + (base ? " (RHCOS on RHEL " + std::to_string(base->rhel_major) + "." +
                                             std::to_string(base->rhel_minor) + ")"
                                       : "");
  if (!spec.openshift_version.empty() && version.rfind(spec.openshift_version, 0) != 0)
    return check("openshift-version", "OpenShift version", V::fail,
                 detail + ", but the spec says openshiftVersion " + spec.openshift_version,
                 "set spec.openshiftVersion to " + version + " (or remove it)");
  if (base && spec.doca.os.rfind("rhel" + std::to_string(base->rhel_major), 0) != 0)
    return check("openshift-version", "OpenShift version", V::fail,
                 detail + ", but the DOCA repo OS is " + spec.doca.os, "set spec.doca.os to rhel" + std::to_string(base->rhel_major));
  return check("openshift-version", "OpenShift version", V::pass, detail + ", DOCA repo " + spec.doca.os);
}

}  // namespace

const char* verdict_name(CheckVerdict v) {
  switch (v) {
    case V::pass: return "pass";
    case V::warn: return "warn";
    case V::fail: return "fail";
    case V::skip: return "skip";
  }
  return "?";
}

bool PreflightReport::ok() const {
  for (const auto& c : checks)
    if (c.verdict == V::fail) return false;
  return true;
}

util::Result<std::string> server_version(kube::Client& client) {
  kube::HttpRequest r;
  r.url = "/version";
  auto res = client.send(r, kube::Idempotent::yes);
  if (!res) return res.error().to_util();
  json v = json::parse(res->body, nullptr, false);
  if (v.is_discarded()) return util::make_error(util::ErrorKind::internal, "GET /version did not answer JSON");
  return v.value("gitVersion", "?");
}

PreflightReport preflight(kube::Client& client, const spec::LayerSpec& spec, const PreflightOptions& options) {
  PreflightReport report;
  auto& out = report.checks;
  auto rendered = render::render(spec);
  if (!rendered)
    out.push_back(check("containerfile", "Containerfile fits the API", V::fail, rendered.error().message,
                        "drop packages.extra entries or shorten the spec's otherConfig"));
  else
    out.push_back(check("containerfile", "Containerfile fits the API", V::pass,
                        std::to_string(rendered->containerfile.size()) + "/4096 characters"));
  auto version = server_version(client);
  if (!version) {
    bool denied = version.error().kind == util::ErrorKind::unauthorized;
    out.push_back(check("api", "API server reachable and credentials accepted", V::fail, version.error().message,
                        denied ? "log in again (oc login) or refresh the kubeconfig's token"
                               : "check the kubeconfig's server address, the network and any proxy"));
  } else if (auto who = client.get(refs::cluster_version()); !who && who.error().code == 401) {
    // /version answers anonymous callers; the first authenticated read tells whether the
    // credentials still work.
    out.push_back(check("api", "API server reachable and credentials accepted", V::fail, who.error().message,
                        "log in again (oc login) or refresh the kubeconfig's token"));
  } else {
    out.push_back(check("api", "API server reachable and credentials accepted", V::pass, "Kubernetes " + *version));
    if (options.access) out.push_back(check_access(client));
    out.push_back(version_check(client, spec));
    out.push_back(pool_check(client, spec));
    for (auto& c : registry_checks(client, spec)) out.push_back(std::move(c));
    out.push_back(layer_check(client, spec));
  }
  out.push_back(packages_check(spec, options));
  return report;
}

nlohmann::json to_json(const PreflightReport& report) {
  json checks = json::array();
  for (const auto& c : report.checks)
    checks.push_back({{"id", c.id}, {"title", c.title}, {"verdict", verdict_name(c.verdict)}, {"detail", c.detail},
                      {"fix", c.fix}});
  return {{"ok", report.ok()}, {"checks", checks}};
}

}  // namespace dl::workflow

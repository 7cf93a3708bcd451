#include "sim/controllers/cluster_version_status.h"

#include <algorithm>

#include "sim/cluster/seed.h"

namespace dl::sim::controllers::cvo {
namespace {

using UD = UpdateDecision;

bool in_history(const json& status, const std::string& version) {
  for (const auto& h : status.value("history", json::array()))
    if (h.value("version", "") == version) return true;
  return false;
}

UD invalid(const std::string& message) {
  UD d;
  d.kind = UD::Kind::invalid;
  d.message = "The cluster version is invalid: " + message;
  return d;
}

UD refuse(UD d, const std::string& reason, const std::string& message) {
  d.kind = UD::Kind::refuse;
  d.reason = reason;
  d.message = message;
  return d;
}

std::string payload(const std::string& version, const std::string& image) {
  return "version=\"" + version + "\" image=\"" + image + "\"";
}

// The CVO's preconditions for starting `d` from `current` (skipped when forced): "" when they hold.
std::string failed_precondition(const UD& d, const std::string& current, const cluster::GraphAnswer& graph,
                                bool degraded_pool) {
  auto from = cluster::parse_semver(current), to = cluster::parse_semver(d.version);
  auto failed = [](const char* name, const char* reason, const std::string& message) {
    return "Precondition \"" + std::string(name) + "\" failed because of \"" + reason + "\": " + message;
  };
  if (degraded_pool && from && to && from->minor != to->minor)
    return failed("ClusterVersionUpgradeable", "DegradedPool",
                  "Cluster operator machine-config should not be upgraded between minor versions: One or more "
                  "machine config pools are degraded, please see `oc get mcp` for further details and resolve "
                  "before upgrading");
  if (std::find(graph.updates.begin(), graph.updates.end(), d.version) != graph.updates.end()) return "";
  if (graph.retrieved)
    return failed("ClusterVersionRecommendedUpdate", "UnknownUpdate",
                  "RetrievedUpdates=True (), so the update from " + current + " to " + d.version +
                      " is probably neither recommended nor supported.");
  return failed("ClusterVersionRecommendedUpdate", "UnknownUpdate",
                "RetrievedUpdates=False (" + graph.reason + "), so the recommended status of updating from " + current +
                    " to " + d.version + " is unknown.");
}

}  // namespace

std::string kube_arch(const std::string& arch) {
  return arch == "aarch64" ? "arm64" : "amd64";
}

std::string version_of_image(const std::string& image, const std::string& arch) {
  const std::string prefix = "quay.io/openshift-release-dev/ocp-release:", suffix = "-" + arch;
  if (image.size() <= prefix.size() + suffix.size() || image.rfind(prefix, 0) != 0 ||
      image.compare(image.size() - suffix.size(), suffix.size(), suffix) != 0)
    return "";
  return image.substr(prefix.size(), image.size() - prefix.size() - suffix.size());
}

UpdateDecision decide_update(const json& cv, const cluster::GraphAnswer& graph, const std::string& arch,
                             bool degraded_pool) {
  UD d;
  json update = cv.value("spec", json::object()).value("desiredUpdate", json());
  if (!update.is_object()) return d;
  const json status = cv.value("status", json::object());
  std::string current = status.value("desired", json::object()).value("version", "");
  d.version = update.value("version", "");
  d.image = update.value("image", "");
  d.force = update.value("force", false);
  if (d.version.empty() && d.image.empty())
    return invalid("spec.desiredUpdate.version: Required value: must specify version or image");
  if (!d.version.empty() && !cluster::parse_semver(d.version))
    return invalid("spec.desiredUpdate.version: Invalid value: \"" + d.version +
                   "\": must be a semantic version (1.2.3[-...])");
  if (d.image.empty()) {
    bool offered = std::find(graph.updates.begin(), graph.updates.end(), d.version) != graph.updates.end();
    if (d.version == current) return UD{};
    if (!offered && !in_history(status, d.version))
      return invalid("spec.desiredUpdate.version: Invalid value: \"" + d.version +
                     "\": when image is empty the update must be a previous version or an available update");
    d.image = cluster::release_image(d.version, arch);
  }
  std::string release = version_of_image(d.image, arch);
  if (release.empty() || !cluster::in_update_graph(release))
    return refuse(d, "RetrievePayload",
                  "Retrieving payload failed " + payload(d.version, d.image) +
                      " failure=Unable to download and prepare the update: deadline exceeded, reason: "
                      "\"DeadlineExceeded\", message: \"Job was active longer than specified deadline\"");
  if (!d.version.empty() && d.version != release)
    return refuse(d, "VerifyPayloadVersion",
                  "Verifying payload failed " + payload(d.version, d.image) + " failure=release image version " +
                      release + " does not match the expected upstream version " + d.version);
  d.version = release;
  if (d.version == current) return UD{};
  if (!d.force) {
    std::string failed = failed_precondition(d, current, graph, degraded_pool);
    if (!failed.empty())
      return refuse(d, "PreconditionChecks",
                    "Preconditions failed for payload loaded " + payload(d.version, d.image) + ": " + failed);
  }
  d.kind = UD::Kind::accept;
  return d;
}

json available_updates(const cluster::GraphAnswer& graph, const std::string& arch) {
  if (!graph.retrieved) return json();
  json out = json::array();
  for (const auto& v : graph.updates) {
    int minor = cluster::parse_semver(v)->minor;
    json channels = json::array();
    for (const char* kind : {"candidate", "fast", "stable"})
      for (int m = minor; m <= std::min(minor + 1, 22); ++m)
        channels.push_back(std::string(kind) + "-4." + std::to_string(m));
    out.push_back({{"version", v}, {"image", cluster::release_image(v, arch)}, {"channels", channels}});
  }
  return out;
}

std::string working_towards(const std::string& version, int done, bool waiting_on_mco) {
  std::string s = "Working towards " + version + ": " + std::to_string(done) + " of " + std::to_string(k_manifests) +
                  " done (" + std::to_string(done * 100 / k_manifests) + "% complete)";
  return waiting_on_mco ? s + ", waiting on machine-config" : s;
}

}  // namespace dl::sim::controllers::cvo

// MachineOsBuilder: the MCO's on-cluster layering build controller of the simulated cluster.
//
// For each MachineOSConfig (key: its name) it validates as the operator does (the pool exists;
// the push secret and, when set, the base image pull secret exist in
// openshift-machine-config-operator and are kubernetes.io/dockerconfigjson; otherwise a Warning
// Event on the MOSC says why and nothing is built), runs the machine-os-builder Deployment and
// pod, and creates MachineOSBuild `<mosc>-<md5>` (over the pool's rendered config, the MOSC
// spec and the base image). The build goes Prepared (Timing::build_prepare) -> Building: Job
// build-<mosb> (backoffLimit 3) and its pod, whose `image-build` log is streamed one chunk per
// Timing::build_step (push: Timing::image_push). Success: pod Succeeded, Job Complete, MOSB
// Succeeded with digestedImagePushSpec, MOSC currentImagePullSpec; failure (see below): up to 4
// pods, then Job and MOSB Failed and the pool ImageBuildDegraded=True (BuildFailed).
//
// Failure switches: annotation sim.doca-layer.io/build-fault=<package> on the MOSC makes dnf
// miss that package; with repository mirrors, the Containerfile's rpm/dnf commands are resolved
// against the repositories (a missing package, a conflict or an unreachable repository fails
// the build with dnf's error); a push secret without auths for the push spec's registry host fails the
// push with "authentication required". Annotation machineconfiguration.openshift.io/rebuild
// rebuilds (and is removed); a spec change mid-build marks the old MOSB Interrupted. Deleting the
// MOSC deletes its MOSBs (and their Jobs and pods), and the builder when no MOSC is left.
//
// Simplifications: no ephemeral ConfigMaps/Secrets, no registry (the digest is derived from the
// MOSB name), no image reuse across MOSCs; the builder pod's Deployment owns it directly.
#pragma once

#include <map>

#include "sim/controllers/build_log.h"
#include "sim/controllers/build_repos.h"
#include "sim/controllers/controller.h"
#include "sim/controllers/objects.h"

namespace dl::sim::controllers {

class MachineOsBuilder final : public Controller {
 public:
  /// `ocp_minor`: the cluster's OpenShift minor ("4.20"), which decides the build pod's shape
  /// and the base image's packages. With `mirrors`, the build's package commands are resolved
  /// against the repositories of the etc-yum-repos-d ConfigMap served through them (see
  /// build_packages.h) and the build succeeds or fails as dnf would.
  explicit MachineOsBuilder(std::string ocp_minor, std::vector<layering::RepoMirror> mirrors = {})
      : m_ocp_minor(std::move(ocp_minor)), m_mirrors(std::move(mirrors)) {}
  std::string name() const override { return "machine-os-builder"; }
  std::vector<const api::ResourceType*> kinds() const override;
  std::vector<std::string> keys_for(Context& ctx, const api::WatchEvent& event) override;
  void reconcile(Context& ctx, const std::string& key) override;

 private:
  /// One attempt (pod) of a build in progress.
  struct Attempt {
    int number = 0;  ///< 1..4
    std::string pod;
    Duration started{0};
    size_t emitted = 0;
    layering::BuildScript script;
  };
  std::string validate(Context& ctx, const json& mosc);
  void drop(Context& ctx, const std::string& mosc_name, const std::string& keep);
  void ensure_builder(Context& ctx);
  void remove_builder_if_unused(Context& ctx);
  std::optional<json> current_build(Context& ctx, const json& mosc, const json& pool);
  void drive(Context& ctx, const json& mosc, const json& mosb);
  void start_attempt(Context& ctx, const json& mosc, const json& mosb, int number);
  void finish_attempt(Context& ctx, const json& mosc, const json& mosb, Attempt& a);
  void set_build_conditions(Context& ctx, const std::string& mosb, const std::string& true_type,
                            const json& extra);
  void set_pool_build_state(Context& ctx, const std::string& pool, bool degraded, const std::string& reason,
                            const std::string& message);
  std::string scheduling_node(Context& ctx);

  std::string m_ocp_minor;
  std::vector<layering::RepoMirror> m_mirrors;
  Deadlines m_deadlines;
  std::map<std::string, Attempt> m_attempts;  ///< by MOSB name
  std::map<std::string, std::string> m_invalid;  ///< MOSC name -> last validation message
};

}  // namespace dl::sim::controllers

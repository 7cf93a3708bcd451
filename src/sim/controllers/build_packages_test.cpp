// The simulated build's package steps resolved for real: repositories built with rpmbuild and
// createrepo_c (rpmrepo's fixture), served to the build through --repo-mirror folders.
#include "sim/controllers/build_packages.h"

#include <gtest/gtest.h>

#include "rpmrepo/installed_set.h"
#include "rpmrepo/test_repos.h"
#include "sim/cluster/seed.h"
#include "sim/controllers/build_log.h"
#include "sim/controllers/layering_objects.h"
#include "sim/controllers/layering_state.h"
#include "sim/controllers/machine_os_builder.h"
#include "sim/controllers/manager.h"
#include "sim/node/rpm_headers.h"
#include "util/base64.h"

namespace dl::sim::controllers {
namespace {

using namespace layering;
using std::chrono::milliseconds;
constexpr milliseconds k_wait{10000};
constexpr const char* k_push = "image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest";
constexpr const char* k_doca_url = "https://linux.mellanox.com/public/repo/";
constexpr const char* k_deps_url = "https://deps.example.com/el9/";

// What render writes: doca.repo with the DOCA repo, deps.repo with the dependencies.
std::map<std::string, std::string> repo_files() {
  return {{"doca.repo", "[doca]\nname=NVIDIA DOCA 3.3.0\nbaseurl=" + std::string(k_doca_url) +
                            "doca/3.3.0/rhel9/$basearch/\nenabled=1\ngpgcheck=0\npriority=10\nskip_if_unavailable=False\n"},
          {"deps.repo", "[deps]\nname=deps\nbaseurl=" + std::string(k_deps_url) + "deps/\nenabled=1\ngpgcheck=0\n"}};
}

// The rendered Containerfile's package steps (render/containerfile.cpp), `extra` appended.
std::string containerfile(const std::string& extra = "", bool remove_stock = true) {
  std::string s = "FROM configs AS final\nRUN set -eux; \\\n    mkdir -p /var/opt; \\\n";
  if (remove_stock)
    s += "    stock=$(rpm -qa --qf '%{NAME}\\n' | grep -E '^openvswitch[0-9]' || true); \\\n"
         "    if [ -n \"$stock\" ]; then rpm -e --nodeps $stock; fi; \\\n";
  s += "    dnf -y --repo=doca distro-sync libibverbs rdma-core; \\\n"
       "    dnf -y --setopt=install_weak_deps=False install unbound-libs unbound libunwind doca-networking" +
       extra + "; \\\n    rpm -q doca-openvswitch; \\\n    dnf clean all; \\\n    bootc container lint\n";
  return s;
}

// The fixture repositories, built once for the simulated base image's package set.
const std::string& repos() {
  static const std::string dir = [] {
    rpmrepo::InstalledSet set;
    for (const auto& h : node::rpm_headers(node::stock_rhcos_image("4.20")))
      set.packages.push_back({h.name, h.evr, h.arch, h.provides, h.requires_, {}, {}});
    return rpmrepo::test::build_fixture(rpmrepo::export_installed(set), DL_SIM_RPM_FIXTURE_CACHE) + "/repos";
  }();
  return dir;
}

std::vector<RepoMirror> mirrors() {
  return {{k_doca_url, repos()}, {k_deps_url, repos()}};
}

BuildScript script(const std::string& cf, const std::vector<RepoMirror>& m = mirrors()) {
  PackageBuild pb({m, repo_files(), node::stock_rhcos_image("4.20")});
  BuildInputs in;
  in.base_image = "quay.io/base@sha256:1";
  in.tagged_spec = "registry/os-image:t";
  in.digest = "sha256:2";
  in.containerfile = cf;
  in.pool = "worker";
  in.packages = &pb;
  return build_script(in);
}

std::string text(const BuildScript& s) {
  std::string out;
  for (const auto& c : s.chunks) out += c;
  return out;
}

TEST(BuildPackages, ResolvableLayerListsTheTransactionAndPushes) {
  BuildScript s = script(containerfile());
  std::string log = text(s);
  EXPECT_FALSE(s.fails) << log;
  EXPECT_NE(log.find("Installing:\n"), std::string::npos) << log;
  EXPECT_NE(log.find("  Installing       : doca-openvswitch-3.3.0040-1.el9.x86_64"), std::string::npos) << log;
  EXPECT_NE(log.find("  Upgrading        : libibverbs-2501mlnx56-1.2501060.x86_64"), std::string::npos) << log;
  EXPECT_NE(log.find("Writing manifest to image destination"), std::string::npos) << log;
}

TEST(BuildPackages, MissingPackageFailsWithUnableToFindAMatch) {
  BuildScript s = script(containerfile(" no-such-package"));
  EXPECT_TRUE(s.fails);
  EXPECT_EQ(s.failure, "dnf: Unable to find a match: no-such-package");
  EXPECT_NE(text(s).find("Error: Unable to find a match: no-such-package\n"), std::string::npos) << text(s);
  EXPECT_EQ(text(s).find("buildah push"), std::string::npos);  // no push after a failed step
}

TEST(BuildPackages, KeepingTheStockOpenvswitchIsAConflictProblem) {
  BuildScript s = script(containerfile("", false));
  std::string log = text(s);
  ASSERT_TRUE(s.fails) << log;
  EXPECT_NE(log.find("Error: \n Problem: "), std::string::npos) << log;
  EXPECT_NE(log.find("conflicts with openvswitch3.5"), std::string::npos) << log;
  EXPECT_EQ(s.failure.rfind("dnf: Problem: ", 0), 0u) << s.failure;
}

TEST(BuildPackages, RepoWithoutMirrorFailsNamingTheRepo) {
  BuildScript s = script(containerfile(), {{k_doca_url, repos()}});
  std::string log = text(s);
  ASSERT_TRUE(s.fails) << log;
  EXPECT_NE(log.find("Errors during downloading metadata for repository 'deps'"), std::string::npos) << log;
  EXPECT_NE(log.find("Error: Failed to download metadata for repo 'deps'"), std::string::npos) << log;
  EXPECT_EQ(s.failure, "dnf: Failed to download metadata for repo 'deps'");
  // --repo=doca ran first and only needs the DOCA repo: the failure is at the install.
  EXPECT_NE(log.find("Upgrading        : libibverbs"), std::string::npos) << log;
}

TEST(BuildPackages, RpmOstreeOverrideRemoveAndDnfRemove) {
  BuildScript s = script("FROM configs AS final\nRUN rpm-ostree override remove openvswitch3.5 && "
                         "dnf install -y doca-openvswitch && dnf remove -y doca-openvswitch && rpm -q doca-openvswitch\n");
  std::string log = text(s);
  ASSERT_TRUE(s.fails) << log;
  EXPECT_NE(log.find("Removed:\n  openvswitch3.5-3.5.0-51.el9fdp.x86_64\n"), std::string::npos) << log;
  EXPECT_NE(log.find("  Erasing          : doca-openvswitch-3.3.0040-1.el9.x86_64"), std::string::npos) << log;
  EXPECT_EQ(s.failure, "rpm: package doca-openvswitch is not installed");
}

TEST(BuildRepos, MirrorsMapTheLongestPrefixAndReposExpandVariables) {
  std::vector<RepoMirror> m = {{"https://a.example/", "/srv/a"}, {"https://a.example/deep/", "/srv/deep/"}};
  EXPECT_EQ(mirrored_url("https://a.example/x/y/", m), "file:///srv/a/x/y/");
  EXPECT_EQ(mirrored_url("https://a.example/deep/z", m), "file:///srv/deep/z");
  EXPECT_EQ(mirrored_url("https://b.example/", m), std::nullopt);
  auto files = parse_repo_files({{"x.repo", "[x]\nbaseurl=https://h/$releasever/${basearch}/os\nenabled=0\n[y]\n"
                                             "baseurl=\n  https://h/y\npriority=5\n"},
                                 {"README", "[z]\nbaseurl=https://z\n"}},
                                "x86_64", "9");
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].baseurl, "https://h/9/x86_64/os");
  EXPECT_FALSE(files[0].enabled);
  EXPECT_EQ(files[1].baseurl, "https://h/y");
  EXPECT_EQ(files[1].priority, 5);
  EXPECT_FALSE(parse_repo_mirror("nourl").ok());
  auto ok = parse_repo_mirror("http://127.0.0.1:8080/=/tmp/x");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->url_prefix, "http://127.0.0.1:8080/");
  EXPECT_EQ(ok->dir, "/tmp/x");
}

// The controller end to end: MachineOSBuild Succeeded, or Failed with dnf's reason on the pool.
class BuildPackagesController : public ::testing::Test {
 protected:
  void start(const std::string& extra) {
    ASSERT_TRUE(cluster::seed_cluster(store, logs, {}).ok());
    json cm = {{"metadata", {{"name", k_repos_configmap}}}, {"data", repo_files()}};
    ASSERT_TRUE(store.create(type_of("v1", "ConfigMap"), k_mco_namespace, cm).ok());
    json cfg = {{"auths", {{"image-registry.openshift-image-registry.svc:5000", {{"auth", util::base64_encode("u:t")}}}}}};
    json s = {{"metadata", {{"name", "push-secret"}}}, {"type", "kubernetes.io/dockerconfigjson"},
              {"data", {{".dockerconfigjson", util::base64_encode(cfg.dump())}}}};
    ASSERT_TRUE(store.create(secret_type(), k_mco_namespace, s).ok());
    manager = std::make_unique<ControllerManager>(store, logs, Timing::test(), clock);
    manager->add(std::make_unique<MachineOsBuilder>("4.20", mirrors()));
    manager->start();
    json m = {{"apiVersion", "machineconfiguration.openshift.io/v1"}, {"kind", "MachineOSConfig"},
              {"metadata", {{"name", "master"}}},
              {"spec", {{"machineConfigPool", {{"name", "master"}}}, {"imageBuilder", {{"imageBuilderType", "Job"}}},
                        {"renderedImagePushSecret", {{"name", "push-secret"}}}, {"renderedImagePushSpec", k_push},
                        {"containerFile", {{{"containerfileArch", "NoArch"}, {"content", containerfile(extra)}}}}}}};
    ASSERT_TRUE(store.create(mosc_type(), "", m).ok());
    ASSERT_TRUE(manager->wait_idle(k_wait));
  }
  void TearDown() override {
    if (manager) manager->stop();
  }
  // Runs the clock until the build is Succeeded or Failed; returns that state.
  std::string finish() {
    for (int i = 0; i < 4000; ++i) {
      auto b = builds_of(store, "master");
      if (!b.empty()) {
        if (condition_status(b[0], "Succeeded") == "True") return "Succeeded";
        if (condition_status(b[0], "Failed") == "True") return "Failed";
      }
      clock->advance(milliseconds(5));
      if (!manager->wait_idle(k_wait)) return "not idle";
    }
    return "timeout";
  }
  std::string build_log() {
    auto pods = store.list(pod_type(), k_mco_namespace, [](const json& p) {
      return p["metadata"].value("name", "").rfind("build-", 0) == 0;
    }, 0, "");
    if (!pods || pods->items.empty()) return "";
    std::string pod = pods->items.back()["metadata"].value("name", "");
    return logs.read(k_mco_namespace, pod, "image-build", 0, milliseconds(0)).text;
  }
  std::string pool_message() {
    auto pool = get(store, pool_type(), "", "master");
    for (const auto& c : (*pool)["status"].value("conditions", json::array()))
      if (c.value("type", "") == "ImageBuildDegraded") return c.value("message", "");
    return "";
  }

  api::Store store;
  api::LogStore logs;
  std::shared_ptr<SimClock> clock = SimClock::manual();
  std::unique_ptr<ControllerManager> manager;
};

TEST_F(BuildPackagesController, ResolvableLayerSucceeds) {
  start("");
  EXPECT_EQ(finish(), "Succeeded");
  EXPECT_NE(build_log().find("Installing       : doca-networking-3.3.0-1.x86_64"), std::string::npos) << build_log();
}

TEST_F(BuildPackagesController, MissingPackageFailsTheBuild) {
  start(" no-such-package");
  EXPECT_EQ(finish(), "Failed");
  EXPECT_NE(build_log().find("Error: Unable to find a match: no-such-package"), std::string::npos) << build_log();
  EXPECT_NE(pool_message().find("dnf: Unable to find a match: no-such-package"), std::string::npos) << pool_message();
}

}  // namespace
}  // namespace dl::sim::controllers

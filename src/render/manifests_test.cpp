// Render of the default (single-node) spec: byte-stable golden files, and object by object
// the settings of the manual workflow (shared/seed) that it replaces.
#include "render/manifests.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "render/containerfile.h"
#include "spec/starter.h"
#include "spec/validate.h"
#include "util/files.h"
#include "util/strings.h"

namespace dl::render {
namespace {

spec::LayerSpec load(const std::string& text) {
  spec::Loaded l = spec::load_string(text, "layer.yaml", "");
  EXPECT_TRUE(l.ok);
  return l.spec;
}

spec::LayerSpec default_spec() { return load(spec::starter_spec({})); }

const ojson* find(const Rendered& r, const std::string& kind) {
  for (const auto& o : r.objects)
    if (o.body["kind"] == kind) return &o.body;
  return nullptr;
}

void check_golden(const std::string& name, const std::string& actual) {
  std::string path = std::string(DOCA_LAYER_SOURCE_DIR) + "/tests/golden/" + name;
  if (std::getenv("UPDATE_GOLDEN")) {
    ASSERT_TRUE(util::write_file_atomic(path, actual, util::FileMode::public_0644).ok());
    return;
  }
  auto expected = util::read_file(path);
  ASSERT_TRUE(expected.ok()) << path << " (regenerate with UPDATE_GOLDEN=1)";
  EXPECT_EQ(actual, *expected) << "golden " << name << " differs; if intended, rerun with UPDATE_GOLDEN=1";
}

TEST(RenderGolden, DefaultSpecIsByteStable) {
  auto r = render(default_spec());
  ASSERT_TRUE(r.ok());
  check_golden("default.yaml", to_yaml_stream(*r));
  check_golden("default.json", to_list(*r).dump(2) + "\n");
  check_golden("default.Containerfile", r->containerfile);
  // Rendering twice gives the same bytes.
  EXPECT_EQ(to_yaml_stream(*render(default_spec())), to_yaml_stream(*r));
}

TEST(RenderManual, RegistryPvcMatchesTheManualWorkflow) {
  auto r = render(default_spec());
  const ojson* pvc = find(*r, "PersistentVolumeClaim");
  ASSERT_NE(pvc, nullptr);
  EXPECT_EQ((*pvc)["metadata"]["name"], "registry-claim");
  EXPECT_EQ((*pvc)["metadata"]["namespace"], "openshift-image-registry");
  EXPECT_EQ((*pvc)["metadata"]["annotations"]["imageregistry.openshift.io"], "true");
  EXPECT_EQ((*pvc)["spec"]["accessModes"], ojson::array({"ReadWriteOnce"}));
  EXPECT_EQ((*pvc)["spec"]["volumeMode"], "Filesystem");
  EXPECT_EQ((*pvc)["spec"]["resources"]["requests"]["storage"], "100Gi");
  EXPECT_EQ((*pvc)["spec"]["storageClassName"], "lvms-vg1");
}

TEST(RenderManual, RegistryConfigCarriesTheFourPatches) {
  auto r = render(default_spec());
  const ojson* cfg = find(*r, "Config");
  ASSERT_NE(cfg, nullptr);
  EXPECT_EQ((*cfg)["apiVersion"], "imageregistry.operator.openshift.io/v1");
  EXPECT_EQ((*cfg)["metadata"]["name"], "cluster");
  EXPECT_EQ((*cfg)["spec"]["defaultRoute"], true);
  EXPECT_EQ((*cfg)["spec"]["storage"]["pvc"]["claim"], "registry-claim");
  EXPECT_EQ((*cfg)["spec"]["rolloutStrategy"], "Recreate");
  EXPECT_EQ((*cfg)["spec"]["replicas"], 1);
  EXPECT_EQ((*cfg)["spec"]["managementState"], "Managed");
}

TEST(RenderManual, ReposConfigMapHasTheDocaRepoAndDependencyRepos) {
  auto r = render(default_spec());
  const ojson* cm = find(*r, "ConfigMap");
  ASSERT_NE(cm, nullptr);
  EXPECT_EQ((*cm)["metadata"]["name"], "etc-yum-repos-d");
  EXPECT_EQ((*cm)["metadata"]["namespace"], "openshift-machine-config-operator");
  std::string doca = (*cm)["data"]["doca.repo"];
  EXPECT_NE(doca.find("[doca]\n"), std::string::npos);
  EXPECT_NE(doca.find("baseurl=https://linux.mellanox.com/public/repo/doca/3.3.0/rhel9/x86_64/\n"), std::string::npos);
  EXPECT_NE(doca.find("gpgcheck=1\n"), std::string::npos);
  std::string appstream = (*cm)["data"]["appstream.repo"];
  EXPECT_NE(appstream.find("baseurl=https://mirror.stream.centos.org/9-stream/AppStream/x86_64/os\n"), std::string::npos);
  // dnf reads only *.repo files from /etc/yum.repos.d.
  for (const auto& [key, value] : (*cm)["data"].items()) EXPECT_TRUE(key.size() > 5 && key.substr(key.size() - 5) == ".repo") << key;
  EXPECT_EQ(find(*r, "Secret"), nullptr);  // no GPG key files given, and never push credentials
}

TEST(RenderManual, MachineOSConfigMatchesTheManualWorkflow) {
  auto r = render(default_spec());
  const ojson* mosc = find(*r, "MachineOSConfig");
  ASSERT_NE(mosc, nullptr);
  EXPECT_EQ((*mosc)["apiVersion"], "machineconfiguration.openshift.io/v1");
  EXPECT_EQ((*mosc)["metadata"]["name"], "master");
  EXPECT_EQ((*mosc)["spec"]["machineConfigPool"]["name"], "master");
  EXPECT_EQ((*mosc)["spec"]["imageBuilder"]["imageBuilderType"], "Job");
  EXPECT_EQ((*mosc)["spec"]["baseImagePullSecret"]["name"], "pull-and-push-secret");
  EXPECT_EQ((*mosc)["spec"]["renderedImagePushSecret"]["name"], "push-secret");
  EXPECT_EQ((*mosc)["spec"]["renderedImagePushSpec"],
            "image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest");
  EXPECT_EQ((*mosc)["spec"]["containerFile"][0]["containerfileArch"], "NoArch");
  EXPECT_EQ((*mosc)["spec"]["containerFile"][0]["content"], r->containerfile);
}

TEST(Render, ExternalRegistrySkipsTheInternalRegistryObjects) {
  spec::StarterOptions o;
  o.pool = "worker";
  o.push_spec = "quay.io/acme/ovs-doca:latest";
  o.push_secret = "quay-push";
  auto r = render(load(spec::starter_spec(o)));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(find(*r, "PersistentVolumeClaim"), nullptr);
  EXPECT_EQ(find(*r, "Config"), nullptr);
  const ojson* mosc = find(*r, "MachineOSConfig");
  EXPECT_EQ((*mosc)["metadata"]["name"], "worker");
  EXPECT_EQ((*mosc)["spec"]["renderedImagePushSecret"]["name"], "quay-push");
  EXPECT_FALSE((*mosc)["spec"].contains("baseImagePullSecret"));  // MCO falls back to the global pull secret
}

TEST(Render, RwxRegistryRollsOutGradually) {
  spec::StarterOptions o;
  o.replicas = 2;
  auto r = render(load(spec::starter_spec(o)));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*find(*r, "Config"))["spec"]["rolloutStrategy"], "RollingUpdate");
  EXPECT_EQ((*find(*r, "PersistentVolumeClaim"))["spec"]["accessModes"][0], "ReadWriteMany");
}

TEST(Render, GpgKeyFilesGoIntoTheEtcPkiRpmGpgSecret) {
  spec::LayerSpec s = default_spec();
  s.repos = {spec::RepoSpec{"mirror", "Mirror", "https://m.example.com/r", true, "", "k.asc", "KEYDATA", 0}};
  auto r = render(s);
  const ojson* secret = find(*r, "Secret");
  ASSERT_NE(secret, nullptr);
  EXPECT_EQ((*secret)["metadata"]["name"], "etc-pki-rpm-gpg");
  EXPECT_EQ((*secret)["data"]["RPM-GPG-KEY-mirror"], "S0VZREFUQQ==");
  std::string repo = (*find(*r, "ConfigMap"))["data"]["mirror.repo"];
  EXPECT_NE(repo.find("gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-mirror\n"), std::string::npos);
}

TEST(Render, ContainerfileOverTheLimitIsAnError) {
  spec::LayerSpec s = default_spec();
  for (int i = 0; i < 200; ++i) s.packages.extra.push_back("some-extra-package-" + std::to_string(i));
  auto r = render(s);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, util::ErrorKind::invalid_input);
  EXPECT_NE(r.error().message.find("over the MachineOSConfig limit of 4096"), std::string::npos);
}

}  // namespace
}  // namespace dl::render

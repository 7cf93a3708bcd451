#include "sim/controllers/build_log.h"

#include <gtest/gtest.h>

#include "sim/controllers/layering_objects.h"
#include "sim/controllers/node_rollout.h"

namespace dl::sim::controllers::layering {
namespace {

std::string joined(const BuildScript& s) {
  std::string out;
  for (const auto& c : s.chunks) out += c;
  return out;
}

BuildInputs inputs() {
  BuildInputs in;
  in.base_image = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + std::string(64, '1');
  in.tagged_spec = "image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:master-x";
  in.digest = "sha256:" + std::string(64, 'd');
  in.containerfile = "FROM configs AS final\nRUN dnf install -y libunwind jsoncpp && \\\n    dnf install doca-all -y && \\\n"
                     "    dnf clean all -y && \\\n    bootc container lint\n";
  in.pool = "master";
  return in;
}

TEST(BuildLog, JoinsContinuationLines) {
  auto lines = containerfile_instructions("# c\nFROM configs AS final\nRUN a && \\\n  b\n\nRUN c\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "RUN a && b");
}

TEST(BuildLog, SuccessfulBuildShowsStepsDnfAndEndsWithTheManifestLine) {
  BuildScript s = build_script(inputs());
  EXPECT_FALSE(s.fails);
  std::string log = joined(s);
  EXPECT_NE(log.find("STEP 4/6: FROM configs AS final"), std::string::npos) << log;
  EXPECT_NE(log.find("STEP 5/6: RUN dnf install -y libunwind jsoncpp && dnf install doca-all -y"), std::string::npos);
  EXPECT_NE(log.find(" doca-all "), std::string::npos);
  EXPECT_NE(log.find("Complete!"), std::string::npos);
  EXPECT_NE(log.find("Copying blob sha256:"), std::string::npos);
  const std::string last = "Writing manifest to image destination\n";
  EXPECT_EQ(log.substr(log.size() - last.size()), last);
}

TEST(BuildLog, MissingPackageFailsAtTheDnfStep) {
  BuildInputs in = inputs();
  in.missing_package = "doca-all";
  BuildScript s = build_script(in);
  EXPECT_TRUE(s.fails);
  std::string log = joined(s);
  EXPECT_NE(log.find("No match for argument: doca-all\nError: Unable to find a match: doca-all"), std::string::npos);
  EXPECT_EQ(log.find("Writing manifest to image destination\nsha"), std::string::npos);
  EXPECT_EQ(log.find("buildah push"), std::string::npos);
}

TEST(BuildLog, PushWithoutCredentialsForTheHostFails) {
  BuildInputs in = inputs();
  in.push_authorized = false;
  BuildScript s = build_script(in);
  EXPECT_TRUE(s.fails);
  EXPECT_NE(s.chunks.back().find("authentication required"), std::string::npos);
  EXPECT_NE(s.chunks.back().find("image-registry.openshift-image-registry.svc:5000"), std::string::npos);
}

TEST(LayeringObjects, RetagAndHosts) {
  EXPECT_EQ(retag("quay.io/a/b:latest", "x"), "quay.io/a/b:x");
  EXPECT_EQ(retag("reg.svc:5000/ns/os-image:latest", "m-1"), "reg.svc:5000/ns/os-image:m-1");
  EXPECT_EQ(registry_host("reg.svc:5000/ns/os-image:latest"), "reg.svc:5000");
  EXPECT_EQ(md5_hex("").size(), 32u);
  EXPECT_TRUE(before_4_20("4.19"));
  EXPECT_FALSE(before_4_20("4.20"));
}

TEST(NodeRolloutPolicy, MaxUnavailableAndDocaVersions) {
  EXPECT_EQ(NodeRollout::max_unavailable(json(), 6), 1u);
  EXPECT_EQ(NodeRollout::max_unavailable(json(2), 6), 2u);
  EXPECT_EQ(NodeRollout::max_unavailable(json("50%"), 6), 3u);
  EXPECT_EQ(NodeRollout::max_unavailable(json("10%"), 3), 1u);
  EXPECT_EQ(NodeRollout::doca_versions("dnf install doca-all -y").first, "3.3.0109");
  auto v = NodeRollout::doca_versions("dnf install -y doca-all-3.2.0080 doca-openvswitch-3.2.0005");
  EXPECT_EQ(v.first, "3.2.0080");
  EXPECT_EQ(v.second, "3.2.0005");
}

}  // namespace
}  // namespace dl::sim::controllers::layering

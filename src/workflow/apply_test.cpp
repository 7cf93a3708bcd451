// apply against the simulated cluster: the whole job on SNO, idempotence (zero writes the
// second time), client dry run (zero writes), and a failing build explained from its log.
#include "workflow/apply.h"

#include <gtest/gtest.h>

#include "workflow/resources.h"
#include "workflow/test_support.h"

namespace dl::workflow {
namespace {

using testing::Cluster;

ApplyOptions fast() {
  ApplyOptions o;
  o.timeout = std::chrono::seconds(60);
  o.registry_timeout = std::chrono::seconds(30);
  return o;
}

TEST(Apply, SnoHappyPathThenNoWrites) {
  Cluster c;
  auto spec = testing::starter();
  std::vector<Event> seen;
  auto r = apply(c.client(), spec, fast(), [&](const Event& e) { seen.push_back(e); });
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->layer_changed);
  EXPECT_TRUE(r->token_requested);
  ASSERT_TRUE(r->build.has_value());
  EXPECT_EQ(r->build->state, "Succeeded");
  EXPECT_NE(r->image.find("@sha256:"), std::string::npos) << r->image;
  auto node = c.client().get(kube::with_name(refs::node(), "master-0"));
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(annotation(*node, mco_key("currentImage")), r->image);

  long long before = c.writes();
  auto again = apply(c.client(), spec, fast(), nullptr);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->writes, 0);
  EXPECT_FALSE(again->token_requested);
  EXPECT_EQ(c.writes(), before) << "a second apply on a finished cluster must not write";
}

TEST(Apply, ClientDryRunWritesNothing) {
  Cluster c;
  long long before = c.writes();
  auto o = fast();
  o.dry_run = DryRun::client;
  auto r = apply(c.client(), testing::starter(), o, nullptr);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_GE(r->writes, 5);
  EXPECT_EQ(c.writes(), before);
}

TEST(Apply, FailedBuildShowsTheDnfError) {
  Cluster c;
  auto spec = testing::starter();
  auto o = fast();
  o.wait = false;
  ASSERT_TRUE(apply(c.client(), spec, o, nullptr).ok());
  // The sim's fault switch: the build's dnf cannot find this package.
  auto patched = c.client().patch(kube::with_name(refs::mosc(), "master"), kube::PatchType::merge,
                                  R"({"metadata":{"annotations":{"sim.doca-layer.io/build-fault":"doca-all"}}})");
  ASSERT_TRUE(patched.ok());
  patched = c.client().patch(kube::with_name(refs::mosc(), "master"), kube::PatchType::merge,
                             R"({"metadata":{"annotations":{"machineconfiguration.openshift.io/rebuild":""}}})");
  ASSERT_TRUE(patched.ok());
  auto r = apply(c.client(), spec, fast(), nullptr);
  ASSERT_FALSE(r.ok()) << "the build was made to fail";
  EXPECT_NE(r.error().message.find("Unable to find a match: doca-all"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("doca-layer logs"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace dl::workflow

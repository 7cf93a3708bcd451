// apply against the simulated cluster: the whole job on SNO, idempotence (zero writes the
// second time), client dry run (zero writes), and a failing build explained from its log.
#include "workflow/apply.h"

#include <gtest/gtest.h>

#include "workflow/preflight_checks.h"
#include "workflow/resources.h"
#include "workflow/rollback.h"
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

  // The failed build degrades the pool; preflight warns (apply is the fix) instead of blocking it.
  PreflightCheck pool = pool_check(c.client(), spec);
  EXPECT_EQ(pool.verdict, CheckVerdict::warn) << pool.detail;
  EXPECT_NE(pool.detail.find("last image build failed"), std::string::npos) << pool.detail;
  // Fixed (the fault removed), the same spec builds again with --rebuild.
  ASSERT_TRUE(c.client()
                  .patch(kube::with_name(refs::mosc(), "master"), kube::PatchType::merge,
                         R"({"metadata":{"annotations":{"sim.doca-layer.io/build-fault":null}}})")
                  .ok());
  auto again = fast();
  again.rebuild = true;
  auto fixed = apply(c.client(), spec, again, nullptr);
  ASSERT_TRUE(fixed.ok()) << fixed.error().message;
  EXPECT_EQ(fixed->build->state, "Succeeded");
  EXPECT_EQ(pool_check(c.client(), spec).verdict, CheckVerdict::pass);
}

std::string build_uid(Cluster& c, const std::string& name) {
  auto mosb = c.client().get(kube::with_name(refs::mosb(), name));
  return mosb ? (*mosb)["metadata"].value("uid", "") : "";
}

TEST(Apply, ReposOnlyChangeWarnsAndRebuildBuildsAgain) {
  Cluster c;
  auto spec = testing::starter();
  auto first = apply(c.client(), spec, fast(), nullptr);
  ASSERT_TRUE(first.ok()) << first.error().message;
  std::string uid = build_uid(c, first->build->name);
  ASSERT_FALSE(uid.empty());

  spec.doca.base_url = "https://mirror.example.com/doca";  // a mirror: same packages, new .repo file
  std::vector<Event> seen;
  auto moved = apply(c.client(), spec, fast(), [&](const Event& e) { seen.push_back(e); });
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_TRUE(moved->repos_changed);
  EXPECT_FALSE(moved->layer_changed);
  EXPECT_EQ(build_uid(c, first->build->name), uid) << "no rebuild without --rebuild";
  bool warned = false;
  for (const auto& e : seen)
    warned = warned || (e.kind == Event::Kind::warn && e.message.find("apply --rebuild") != std::string::npos);
  EXPECT_TRUE(warned) << "a repos-only change must say the nodes keep the old image";

  auto o = fast();
  o.rebuild = true;
  std::vector<std::string> states;
  auto rebuilt = apply(c.client(), spec, o, [&](const Event& e) {
    if (e.step == "build" && e.data.contains("state")) states.push_back(e.data["state"].get<std::string>());
  });
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().message;
  ASSERT_FALSE(states.empty());
  EXPECT_NE(states.front(), "Succeeded") << "apply --rebuild must follow the new build, not accept the old one";
  EXPECT_TRUE(rebuilt->rebuild_requested);
  ASSERT_TRUE(rebuilt->build.has_value());
  EXPECT_EQ(rebuilt->build->state, "Succeeded");
  std::string new_uid = build_uid(c, rebuilt->build->name);
  EXPECT_FALSE(new_uid.empty());
  EXPECT_NE(new_uid, uid);
  auto mosc = c.client().get(kube::with_name(refs::mosc(), spec.pool));
  ASSERT_TRUE(mosc.ok());
  EXPECT_FALSE((*mosc)["metadata"]["annotations"].contains(k_rebuild_annotation)) << "the MCO consumed the request";

  auto again = apply(c.client(), spec, fast(), nullptr);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->writes, 0);
}

TEST(Rollback, PoolWithoutRenderedConfigIsAnErrorNotACrash) {
  Cluster c;
  json pool = json::parse(R"({"apiVersion":"machineconfiguration.openshift.io/v1","kind":"MachineConfigPool",
    "metadata":{"name":"doca"},"spec":{"nodeSelector":{"matchLabels":{"doca":"yes"}}}})");
  ASSERT_TRUE(c.client().create(refs::pool(), pool).ok());
  auto spec = testing::starter();
  spec.pool = "doca";
  auto r = rollback(c.client(), spec, RollbackOptions{}, nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("MachineConfigPool doca has no rendered configuration"), std::string::npos)
      << r.error().message;
}

}  // namespace
}  // namespace dl::workflow

// reconcile: create, no-op, update by merge, and ConfigMap data replaced whole.
#include "workflow/reconcile.h"

#include <gtest/gtest.h>

#include "workflow/test_support.h"

namespace dl::workflow {
namespace {

json cm(json data) {
  return {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
          {"metadata", {{"name", "repos"}, {"namespace", "default"}, {"labels", {{"a", "b"}}}}}, {"data", data}};
}

TEST(Contains, ObjectsByKeyArraysWhole) {
  EXPECT_TRUE(contains(json{{"a", 1}, {"b", {{"c", 2}, {"d", 3}}}}, json{{"b", {{"c", 2}}}}));
  EXPECT_FALSE(contains(json{{"a", json::array({1, 2})}}, json{{"a", json::array({1})}}));
  EXPECT_FALSE(contains(json{{"a", 1}}, json{{"a", "1"}}));
}

TEST(Reconcile, CreateThenUnchangedThenDataReplaced) {
  testing::Cluster c;
  auto first = reconcile(c.client(), cm({{"a.repo", "x"}, {"b.repo", "y"}}), DryRun::none);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->action, Action::created);
  auto second = reconcile(c.client(), cm({{"a.repo", "x"}, {"b.repo", "y"}}), DryRun::none);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->action, Action::unchanged);
  auto third = reconcile(c.client(), cm({{"a.repo", "x2"}}), DryRun::none);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->action, Action::updated);
  auto live = c.client().get(kube::with_name(refs::configmap("default"), "repos"));
  ASSERT_TRUE(live.ok());
  EXPECT_EQ((*live)["data"], json({{"a.repo", "x2"}})) << "a repo dropped from the spec goes away";
}

TEST(Reconcile, ServerDryRunChangesNothing) {
  testing::Cluster c;
  auto r = reconcile(c.client(), cm({{"a.repo", "x"}}), DryRun::server);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->action, Action::created);
  EXPECT_FALSE(c.client().get(kube::with_name(refs::configmap("default"), "repos")).ok());
}

TEST(Reconcile, ClaimWithAnotherStorageClassIsReportedNotRewritten) {
  testing::Cluster c;
  json pvc = {{"apiVersion", "v1"}, {"kind", "PersistentVolumeClaim"},
              {"metadata", {{"name", "claim"}, {"namespace", "default"}}},
              {"spec", {{"accessModes", {"ReadWriteOnce"}}, {"storageClassName", "lvms-vg1"},
                        {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}};
  ASSERT_TRUE(reconcile(c.client(), pvc, DryRun::none).ok());
  pvc["spec"]["storageClassName"] = "other";
  auto r = reconcile(c.client(), pvc, DryRun::none);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("different spec"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace dl::workflow

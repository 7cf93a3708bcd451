#include "sim/api/store.h"

#include <gtest/gtest.h>

namespace dl::sim::api {
namespace {

const ResourceType& cm() { return *find_resource("", "v1", "configmaps"); }
const ResourceType& ns_type() { return *find_resource("", "v1", "namespaces"); }
const ResourceType& mosc() { return *find_resource("machineconfiguration.openshift.io", "v1", "machineosconfigs"); }

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(store.create(ns_type(), "", {{"metadata", {{"name", "default"}}}}).ok()); }
  json make_cm(const std::string& name, const std::string& value = "1") {
    return {{"metadata", {{"name", name}}}, {"data", {{"a", value}}}};
  }
  Store store{100};
};

TEST_F(StoreTest, CreateStampsServerFields) {
  auto o = store.create(cm(), "default", make_cm("c1"));
  ASSERT_TRUE(o.ok());
  EXPECT_EQ((*o)["kind"], "ConfigMap");
  EXPECT_EQ((*o)["metadata"]["namespace"], "default");
  EXPECT_EQ((*o)["metadata"]["uid"].get<std::string>().size(), 36u);
  EXPECT_FALSE((*o)["metadata"]["resourceVersion"].get<std::string>().empty());
  EXPECT_FALSE((*o)["metadata"].contains("generation"));  // no spec
  auto dup = store.create(cm(), "default", make_cm("c1"));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, 409);
  EXPECT_EQ(dup.error().message, "configmaps \"c1\" already exists");
}

TEST_F(StoreTest, CreateRejectsBadNamesAndMissingNamespaces) {
  auto bad = store.create(cm(), "default", make_cm("Bad_Name"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, 422);
  EXPECT_EQ(bad.error().message.rfind("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123", 0), 0u);
  auto nons = store.create(cm(), "nope", make_cm("c1"));
  ASSERT_FALSE(nons.ok());
  EXPECT_EQ(nons.error().message, "namespaces \"nope\" not found");
  auto gen = store.create(cm(), "default", {{"metadata", {{"generateName", "x-"}}}});
  ASSERT_TRUE(gen.ok());
  EXPECT_EQ((*gen)["metadata"]["name"].get<std::string>().size(), 7u);
}

TEST_F(StoreTest, StaleUpdateConflictsAndNoOpKeepsVersion) {
  auto o = *store.create(cm(), "default", make_cm("c1"));
  json stale = o;
  auto u1 = store.update(cm(), "default", "c1", make_cm("c1", "2"), WritePart::main);
  ASSERT_TRUE(u1.ok());
  stale["data"]["a"] = "3";
  auto u2 = store.update(cm(), "default", "c1", stale, WritePart::main);
  ASSERT_FALSE(u2.ok());
  EXPECT_EQ(u2.error().message,
            "Operation cannot be fulfilled on configmaps \"c1\": the object has been modified; please apply your "
            "changes to the latest version and try again");
  uint64_t rv = store.current_rv();
  auto same = store.update(cm(), "default", "c1", *u1, WritePart::main);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(store.current_rv(), rv);
  EXPECT_EQ((*same)["metadata"]["resourceVersion"], (*u1)["metadata"]["resourceVersion"]);
}

TEST_F(StoreTest, GenerationMovesOnSpecOnlyAndStatusIsSeparate) {
  json m = {{"metadata", {{"name", "worker"}}}, {"spec", {{"x", 1}}}};
  auto o = *store.create(mosc(), "", m);
  EXPECT_EQ(o["metadata"]["generation"], 1);
  o["metadata"]["labels"] = {{"a", "b"}};
  o["status"] = {{"ignored", true}};
  auto u = *store.update(mosc(), "", "worker", o, WritePart::main);
  EXPECT_EQ(u["metadata"]["generation"], 1);
  EXPECT_FALSE(u.contains("status"));
  u["spec"]["x"] = 2;
  u = *store.update(mosc(), "", "worker", u, WritePart::main);
  EXPECT_EQ(u["metadata"]["generation"], 2);
  u["status"] = {{"observedGeneration", 2}};
  u["spec"]["x"] = 99;
  u = *store.update(mosc(), "", "worker", u, WritePart::status);
  EXPECT_EQ(u["status"]["observedGeneration"], 2);
  EXPECT_EQ(u["spec"]["x"], 2);  // a status write changes only status
}

TEST_F(StoreTest, CustomResourcesNeedAResourceVersionOnUpdate) {
  store.create(mosc(), "", {{"metadata", {{"name", "w"}}}, {"spec", json::object()}});
  auto u = store.update(mosc(), "", "w", {{"metadata", {{"name", "w"}}}, {"spec", {{"y", 1}}}}, WritePart::main);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, 422);
  EXPECT_NE(u.error().message.find("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"), std::string::npos);
}

TEST_F(StoreTest, FinalizersDelayDeletionUntilRemoved) {
  json o = make_cm("c1");
  o["metadata"]["finalizers"] = {"example.com/keep"};
  store.create(cm(), "default", o);
  auto marked = store.remove(cm(), "default", "c1");
  ASSERT_TRUE(marked.ok());
  EXPECT_TRUE((*marked)["metadata"].contains("deletionTimestamp"));
  ASSERT_TRUE(store.get(cm(), "default", "c1").ok());
  json cleared = *marked;
  cleared["metadata"]["finalizers"] = json::array();
  ASSERT_TRUE(store.update(cm(), "default", "c1", cleared, WritePart::main).ok());
  EXPECT_FALSE(store.get(cm(), "default", "c1").ok());
}

TEST_F(StoreTest, OwnerDeletionCollectsDependentsUnlessOrphaned) {
  auto owner = *store.create(cm(), "default", make_cm("owner"));
  for (const char* n : {"d1", "d2"}) {
    json d = make_cm(n);
    d["metadata"]["ownerReferences"] = {{{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"name", "owner"},
                                         {"uid", owner["metadata"]["uid"]}}};
    store.create(cm(), "default", d);
  }
  store.remove(cm(), "default", "owner");
  EXPECT_FALSE(store.get(cm(), "default", "d1").ok());
  EXPECT_FALSE(store.get(cm(), "default", "d2").ok());
}

TEST_F(StoreTest, NamespaceDeletionRemovesItsContents) {
  store.create(ns_type(), "", {{"metadata", {{"name", "tmp"}}}});
  store.create(cm(), "tmp", make_cm("c1"));
  ASSERT_TRUE(store.remove(ns_type(), "", "tmp").ok());
  EXPECT_FALSE(store.get(cm(), "tmp", "c1").ok());
  EXPECT_FALSE(store.get(ns_type(), "", "tmp").ok());
}

TEST_F(StoreTest, ListPaginatesWithContinueTokens) {
  for (int i = 0; i < 5; ++i) store.create(cm(), "default", make_cm("c" + std::to_string(i)));
  auto p1 = *store.list(cm(), "default", {}, 2, "");
  ASSERT_EQ(p1.items.size(), 2u);
  EXPECT_EQ(p1.remaining, 3u);
  auto p2 = *store.list(cm(), "default", {}, 2, p1.continue_token);
  auto p3 = *store.list(cm(), "default", {}, 2, p2.continue_token);
  EXPECT_EQ(p3.items.size(), 1u);
  EXPECT_TRUE(p3.continue_token.empty());
  EXPECT_EQ(p3.items[0]["metadata"]["name"], "c4");
  EXPECT_FALSE(store.list(cm(), "default", {}, 2, "garbage!").ok());
}

TEST_F(StoreTest, WatchReplaysThenStreamsInOrder) {
  store.create(cm(), "default", make_cm("c0"));
  auto w = store.watch(&cm(), "default", {}, 0);
  store.create(cm(), "default", make_cm("c1"));
  store.remove(cm(), "default", "c0");
  std::vector<std::string> seen;
  for (int i = 0; i < 3; ++i) {
    auto e = w->next(std::chrono::milliseconds(100));
    ASSERT_TRUE(e.has_value());
    seen.push_back(e->type + ":" + e->object["metadata"]["name"].get<std::string>());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED:c0", "ADDED:c1", "DELETED:c0"}));
  EXPECT_FALSE(w->next(std::chrono::milliseconds(10)).has_value());
}

TEST_F(StoreTest, WatchFromACompactedVersionGetsExpired) {
  uint64_t rv = store.current_rv();
  store.create(cm(), "default", make_cm("c1"));
  store.compact();
  auto w = store.watch(&cm(), "default", {}, rv);
  auto e = w->next(std::chrono::milliseconds(100));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->type, "ERROR");
  EXPECT_EQ(e->object["code"], 410);
  EXPECT_EQ(e->object["reason"], "Expired");
}

TEST_F(StoreTest, HistoryIsBounded) {
  uint64_t rv = store.current_rv();
  for (int i = 0; i < 150; ++i) store.create(cm(), "default", make_cm("c" + std::to_string(i)));
  auto w = store.watch(&cm(), "default", {}, rv);
  auto e = w->next(std::chrono::milliseconds(100));
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->type, "ERROR");
  auto fresh = store.watch(&cm(), "default", {}, store.current_rv() - 10);
  EXPECT_EQ(fresh->next(std::chrono::milliseconds(100))->type, "ADDED");
}

}  // namespace
}  // namespace dl::sim::api

// The client against the simulated API server, in-process, over real HTTPS.
#include "kube/client.h"

#include <gtest/gtest.h>

#include "kube/test_support.h"

namespace dl::kube {
namespace {

using testing::SimFixture;
using std::chrono::milliseconds;

const ResourceRef k_cms{"", "v1", "configmaps", "default", "", ""};

ResourceRef cm(const std::string& name) { return with_name(k_cms, name); }

json config_map(const std::string& name, json labels = json::object(), json data = json::object()) {
  return {{"apiVersion", "v1"}, {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"labels", std::move(labels)}}}, {"data", std::move(data)}};
}

TEST(ClientSim, GetAndNotFound) {
  SimFixture f;
  auto client = f.client();
  auto ns = client->get({"", "v1", "namespaces", "", "default", ""});
  ASSERT_TRUE(ns.ok()) << ns.error().message;
  EXPECT_EQ((*ns)["metadata"]["name"], "default");
  auto missing = client->get(cm("nope"));
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().is_not_found());
  EXPECT_EQ(missing.error().kind, util::ErrorKind::not_found);
  EXPECT_EQ(missing.error().reason, "NotFound");
  EXPECT_NE(missing.error().message.find("configmaps \"nope\" not found"), std::string::npos) << missing.error().message;
}

TEST(ClientSim, ListWithSelectorsFollowsPages) {
  SimFixture f;
  auto client = f.client();
  for (int i = 0; i < 5; ++i) {
    std::string tier = i % 2 == 0 ? "even" : "odd";
    ASSERT_TRUE(client->create(k_cms, config_map("cm-" + std::to_string(i), {{"app", "t"}, {"tier", tier}})).ok());
  }
  auto all = client->list(k_cms, {"app=t", "", 2});
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ((*all)["items"].size(), 5u);
  EXPECT_FALSE((*all)["metadata"].contains("continue"));
  size_t pages = 0;
  for (const auto& r : f.last_transport->requests()) {
    pages += r.rfind("GET /api/v1/namespaces/default/configmaps?", 0) == 0 ? 1u : 0u;
  }
  EXPECT_EQ(pages, 3u);
  auto even = client->list(k_cms, {"app=t,tier in (even)", "", 0});
  ASSERT_TRUE(even.ok()) << even.error().message;
  EXPECT_EQ((*even)["items"].size(), 3u);
  auto one = client->list(k_cms, {"", "metadata.name=cm-3", 0});
  ASSERT_TRUE(one.ok()) << one.error().message;
  ASSERT_EQ((*one)["items"].size(), 1u);
  EXPECT_EQ((*one)["items"][0]["metadata"]["name"], "cm-3");
}

TEST(ClientSim, CreateDryRunAlreadyExistsAndStaleUpdate) {
  SimFixture f;
  auto client = f.client();
  WriteOptions dry;
  dry.dry_run = DryRun::yes;
  ASSERT_TRUE(client->create(k_cms, config_map("x"), dry).ok());
  EXPECT_TRUE(client->get(cm("x")).error().is_not_found());

  auto created = client->create(k_cms, config_map("x", {}, {{"k", "1"}}));
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto again = client->create(k_cms, config_map("x"));
  ASSERT_FALSE(again.ok());
  EXPECT_TRUE(again.error().is_already_exists());

  json first = *created;
  first["data"]["k"] = "2";
  auto updated = client->update(cm("x"), first);
  ASSERT_TRUE(updated.ok()) << updated.error().message;
  first["data"]["k"] = "3";  // still the old resourceVersion
  auto stale = client->update(cm("x"), first);
  ASSERT_FALSE(stale.ok());
  EXPECT_TRUE(stale.error().is_conflict());
  EXPECT_EQ(stale.error().kind, util::ErrorKind::conflict);
  EXPECT_NE(stale.error().message.find("the object has been modified"), std::string::npos) << stale.error().message;

  auto rmw = retry_on_conflict(3, [&]() -> KubeResult<json> {
    auto cur = client->get(cm("x"));
    if (!cur) {
      return cur;
    }
    (*cur)["data"]["k"] = "4";
    return client->update(k_cms, *cur);  // the name comes from the object
  });
  ASSERT_TRUE(rmw.ok()) << rmw.error().message;
  EXPECT_EQ((*rmw)["data"]["k"], "4");
}

TEST(ClientSim, MergeAndJsonPatch) {
  SimFixture f;
  auto client = f.client();
  ASSERT_TRUE(client->create(k_cms, config_map("p", {}, {{"a", "1"}, {"b", "2"}})).ok());
  auto merged = client->patch(cm("p"), PatchType::merge, R"({"data":{"a":null,"c":"3"}})");
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  EXPECT_EQ((*merged)["data"], json({{"b", "2"}, {"c", "3"}}));
  auto patched = client->patch(cm("p"), PatchType::json_patch, R"([{"op":"replace","path":"/data/b","value":"9"}])");
  ASSERT_TRUE(patched.ok()) << patched.error().message;
  EXPECT_EQ((*patched)["data"]["b"], "9");
  auto failed = client->patch(cm("p"), PatchType::json_patch, R"([{"op":"test","path":"/data/b","value":"0"}])");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, 422);
}

TEST(ClientSim, ApplyConflictThenForce) {
  SimFixture f;
  auto client = f.client();
  std::string mine = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ap"},"data":{"k":"mine"}})";
  std::string theirs = R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ap"},"data":{"k":"theirs"}})";
  auto created = client->patch(cm("ap"), PatchType::apply, mine);
  ASSERT_TRUE(created.ok()) << created.error().message;
  PatchOptions other;
  other.field_manager = "someone-else";
  auto conflict = client->patch(cm("ap"), PatchType::apply, theirs, other);
  ASSERT_FALSE(conflict.ok());
  EXPECT_TRUE(conflict.error().is_conflict());
  ASSERT_FALSE(conflict.error().causes.empty());
  EXPECT_EQ(conflict.error().causes[0].reason, "FieldManagerConflict");
  other.force = Force::yes;
  auto forced = client->patch(cm("ap"), PatchType::apply, theirs, other);
  ASSERT_TRUE(forced.ok()) << forced.error().message;
  EXPECT_EQ((*forced)["data"]["k"], "theirs");
}

TEST(ClientSim, DeleteThenGone) {
  SimFixture f;
  auto client = f.client();
  ASSERT_TRUE(client->create(k_cms, config_map("d")).ok());
  DeleteOptions o;
  o.propagation = Propagation::foreground;
  auto removed = client->remove(cm("d"), o);
  ASSERT_TRUE(removed.ok()) << removed.error().message;
  EXPECT_TRUE(client->get(cm("d")).error().is_not_found());
  EXPECT_TRUE(client->remove(cm("d")).error().is_not_found());
}

TEST(ClientSim, BadTokenIsRefusedWithoutLeakingIt) {
  SimFixture f;
  ClientConfig cfg = f.config();
  cfg.token = "wrong-token-0123456789";
  auto client = f.client(cfg);
  auto r = client->get({"", "v1", "namespaces", "", "default", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 401);
  EXPECT_EQ(r.error().kind, util::ErrorKind::unauthorized);
  EXPECT_EQ(r.error().message, "the API server refused the token (401) for " + f.server.server_url() + ": Unauthorized");
  EXPECT_EQ(r.error().message.find(cfg.token), std::string::npos);
  EXPECT_EQ(f.last_transport->requests().size(), 1u);  // not retried
}

TEST(ClientSim, TooManyRequestsHonoursRetryAfter) {
  SimFixture f({"GET:/api/v1/namespaces:429:2:1"});
  auto client = f.client();
  auto r = client->get({"", "v1", "namespaces", "", "default", ""});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(f.sleeps, (std::vector<milliseconds>{milliseconds(1000), milliseconds(1000)}));
  EXPECT_EQ(f.last_transport->requests().size(), 3u);
}

TEST(ClientSim, ServerErrorsRetriedForReadsNamedCreatesAndPostsThatStoreNothing) {
  SimFixture f({"GET:/api/v1/namespaces/default/configmaps:500:2", "POST:/api/v1/namespaces/default/configmaps:500:2",
                "POST:/api/v1/namespaces/default/secrets:500:1"});
  auto client = f.client();
  auto listed = client->list(k_cms);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  EXPECT_EQ(f.sleeps.size(), 2u);
  json generated = config_map("");
  generated["metadata"].erase("name");
  generated["metadata"]["generateName"] = "gen-";
  auto made = client->create(k_cms, generated);  // a resend could make a second object: not retried
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.error().code, 500);
  EXPECT_EQ(f.sleeps.size(), 2u);
  auto created = client->create(k_cms, config_map("once"));  // named: no duplicate possible, resent
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(f.sleeps.size(), 3u);
  WriteOptions answered_not_stored;  // the caller's word, as for an access review
  answered_not_stored.stores_nothing = true;
  json secret = {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"generateName", "gen-"}}}};
  auto reviewed = client->create({"", "v1", "secrets", "default", "", ""}, secret, answered_not_stored);
  ASSERT_TRUE(reviewed.ok()) << reviewed.error().message;
  EXPECT_EQ(f.sleeps.size(), 4u);
}

TEST(ClientSim, PermanentUnavailableGivesUp) {
  SimFixture f({"GET:/api/v1/namespaces:503:-1:0"});
  auto client = f.client();
  auto r = client->get({"", "v1", "namespaces", "", "default", ""});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 503);
  EXPECT_EQ(f.last_transport->requests().size(), 8u);
  EXPECT_NE(r.error().message.find("gave up after 8 attempt(s)"), std::string::npos) << r.error().message;
  EXPECT_EQ(r.error().message.find(f.server.admin_token()), std::string::npos);
}

}  // namespace
}  // namespace dl::kube

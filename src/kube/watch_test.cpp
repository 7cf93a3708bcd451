// Watch streams and the informer against the simulator: events, bookmarks, resume after a
// dropped watch, relist after 410 (compacted history), reconnect after 429/500 on the watch,
// cancellation, timeouts that name what was awaited; plus pod logs, TokenRequest and
// delete-and-wait.
#include "kube/informer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "kube/test_support.h"
#include "kube/watch.h"

namespace dl::kube {
namespace {

using testing::SimFixture;
using std::chrono::milliseconds;

const ResourceRef k_cms{"", "v1", "configmaps", "default", "", ""};

/// A fault rule in the simulator's "METHOD:PATH:STATUS[:COUNT]" syntax.
sim::api::FaultRule api_fault(const std::string& text) {
  auto r = sim::api::Faults::parse(text);
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? *r : sim::api::FaultRule{};
}

/// Whether `items` holds an object called `name`.
bool has_name(const std::vector<json>& items, const std::string& name) {
  return std::any_of(items.begin(), items.end(), [&](const json& i) { return i["metadata"]["name"] == name; });
}

json config_map(const std::string& name, const std::string& value = "v") {
  return {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", {{"k", value}}}};
}

TEST(WatchDecoder, SplitsEventsAcrossChunksAndKeepsErrorBodies) {
  WatchDecoder d;
  std::vector<std::string> types;
  auto on = [&](WatchEvent e) {
    types.push_back(e.type + ":" + e.object.value("x", ""));
    return true;
  };
  EXPECT_TRUE(d.feed("{\"type\":\"ADDED\",\"object\":{\"x\":\"1\"}}\n{\"type\":\"MOD", on));
  EXPECT_TRUE(d.feed("IFIED\",\"object\":{\"x\":\"2\"}}\n\nnot json\n{\"kind\":\"Status\"}", on));
  EXPECT_EQ(types, (std::vector<std::string>{"ADDED:1", "MODIFIED:2"}));
  EXPECT_EQ(d.malformed(), 1);
  EXPECT_EQ(d.rest(), "{\"kind\":\"Status\"}");
}

TEST(Watch, DeliversEventsFromAResourceVersionAndStops) {
  SimFixture f;
  auto client = f.client();
  auto list = client->list(k_cms);
  ASSERT_TRUE(list.ok());
  std::string rv = (*list)["metadata"]["resourceVersion"];
  std::thread writer([&] {
    auto c2 = f.client();
    (void)c2->create(k_cms, config_map("a"));
    (void)c2->patch(with_name(k_cms, "a"), PatchType::merge, R"({"data":{"k":"w"}})");
    (void)c2->remove(with_name(k_cms, "a"));
  });
  std::vector<std::string> seen;
  WatchOptions o;
  o.resource_version = rv;
  auto out = watch_once(*client, k_cms, o, [&](const WatchEvent& e) {
    if (e.type != "BOOKMARK") {
      seen.push_back(e.type);
    }
    return seen.size() < 3;
  });
  writer.join();
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->end, WatchEnd::stopped);
  EXPECT_EQ(seen, (std::vector<std::string>{"ADDED", "MODIFIED", "DELETED"}));
  EXPECT_GT(std::stoull(out->last_resource_version), std::stoull(rv));
}

TEST(Watch, ExpiredResourceVersionEndsAsExpired) {
  SimFixture f;
  auto client = f.client();
  ASSERT_TRUE(client->create(k_cms, config_map("old")).ok());
  f.server.api().store().compact();
  WatchOptions o;
  o.resource_version = "1";
  auto out = watch_once(*client, k_cms, o, [](const WatchEvent&) { return true; });
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->end, WatchEnd::expired);
}

TEST(Watch, CancellationEndsAnIdleWatchPromptly) {
  SimFixture f;
  auto client = f.client();
  std::atomic<bool> cancel{false};
  WatchOptions o;
  o.cancel = &cancel;
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(300));
    cancel = true;
  });
  auto started = std::chrono::steady_clock::now();
  auto out = watch_once(*client, k_cms, o, [](const WatchEvent&) { return true; });
  stopper.join();
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(out->end, WatchEnd::cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(Informer, FollowsChangesAndWaitsForAState) {
  SimFixture f;
  auto client = f.client();
  ASSERT_TRUE(client->create(k_cms, config_map("before")).ok());
  Informer inf(*client, k_cms);
  std::vector<std::string> events;
  std::mutex mu;
  inf.on_event([&](const std::string& type, const json& o) {
    std::lock_guard<std::mutex> lock(mu);
    events.push_back(type + " " + o["metadata"].value("name", ""));
  });
  inf.start();
  ASSERT_TRUE(inf.wait_synced(milliseconds(5000)).ok());
  ASSERT_TRUE(inf.get("default", "before").has_value());
  ASSERT_TRUE(client->create(k_cms, config_map("after")).ok());
  auto has_after = [](const std::vector<json>& items) { return has_name(items, "after"); };
  ASSERT_TRUE(inf.wait_until(has_after, milliseconds(5000), "configmap after").ok());
  auto never = inf.wait_until([](const std::vector<json>&) { return false; }, milliseconds(200), "the impossible");
  ASSERT_FALSE(never.ok());
  EXPECT_EQ(never.error().kind, util::ErrorKind::timeout);
  EXPECT_NE(never.error().message.find("waiting for the impossible"), std::string::npos) << never.error().message;
  inf.stop();
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_NE(std::find(events.begin(), events.end(), "ADDED after"), events.end());
}

TEST(Informer, ResumesAfterDroppedWatchAndRelistsAfter410) {
  SimFixture f;
  auto client = f.client();
  InformerOptions io;
  io.backoff_base = milliseconds(20);
  Informer inf(*client, k_cms, io);
  inf.start();
  ASSERT_TRUE(inf.wait_synced(milliseconds(5000)).ok());
  auto count_is = [](size_t n) { return [n](const std::vector<json>& items) { return items.size() == n; }; };
  size_t base = inf.items().size();
  ASSERT_TRUE(client->create(k_cms, config_map("one")).ok());
  ASSERT_TRUE(inf.wait_until(count_is(base + 1), milliseconds(5000), "one").ok());

  f.server.api().drop_watches();  // the open watch ends; the informer resumes from its RV
  ASSERT_TRUE(client->create(k_cms, config_map("two")).ok());
  ASSERT_TRUE(inf.wait_until(count_is(base + 2), milliseconds(5000), "two after a dropped watch").ok());

  // The next watch is refused with 410 Gone: the informer lists again and carries on.
  f.server.api().faults().add(api_fault("WATCH:/api/v1/namespaces/default/configmaps:410:1"));
  f.server.api().drop_watches();
  for (int i = 0; i < 500 && inf.stats().expired < 1; ++i) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  ASSERT_GE(inf.stats().expired, 1);
  ASSERT_TRUE(client->remove(with_name(k_cms, "one")).ok());
  ASSERT_TRUE(client->create(k_cms, config_map("three")).ok());
  auto after_relist = [&](const std::vector<json>& items) {
    return items.size() == base + 2 && !has_name(items, "one") && has_name(items, "three");
  };
  EXPECT_TRUE(inf.wait_until(after_relist, milliseconds(5000), "state after the relist").ok());
  inf.stop();
  EXPECT_GE(inf.stats().lists, 2);
  EXPECT_GE(inf.stats().watches, 3);
}

TEST(Informer, RelistEmitsWhatChangedWhileNotWatching) {
  SimFixture f;
  auto client = f.client();
  ASSERT_TRUE(client->create(k_cms, config_map("kept")).ok());
  ASSERT_TRUE(client->create(k_cms, config_map("dropped")).ok());
  InformerOptions io;
  io.backoff_base = milliseconds(20);
  Informer inf(*client, k_cms, io);
  std::vector<std::string> events;
  std::mutex mu;
  inf.on_event([&](const std::string& type, const json& o) {
    std::lock_guard<std::mutex> lock(mu);
    events.push_back(type + " " + o["metadata"].value("name", ""));
  });
  // Every watch fails until the changes below are made, then one 410 forces a relist.
  f.server.api().faults().add(api_fault("WATCH:/api/v1/namespaces/default/configmaps:503:1000"));
  inf.start();
  ASSERT_TRUE(inf.wait_synced(milliseconds(5000)).ok());
  ASSERT_TRUE(client->remove(with_name(k_cms, "dropped")).ok());
  ASSERT_TRUE(client->patch(with_name(k_cms, "kept"), PatchType::merge, R"({"data":{"k":"changed"}})").ok());
  f.server.api().faults().clear();
  f.server.api().faults().add(api_fault("WATCH:/api/v1/namespaces/default/configmaps:410:1"));
  auto without_dropped = [](const std::vector<json>& items) { return !has_name(items, "dropped"); };
  ASSERT_TRUE(inf.wait_until(without_dropped, milliseconds(10000), "the relist").ok());
  inf.stop();
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_NE(std::find(events.begin(), events.end(), "DELETED dropped"), events.end());
  EXPECT_NE(std::find(events.begin(), events.end(), "MODIFIED kept"), events.end());
  EXPECT_EQ((*inf.get("default", "kept"))["data"]["k"], "changed");
}

TEST(Informer, ReconnectsAfterThrottledAndFailingWatches) {
  SimFixture f({"WATCH:/api/v1/namespaces/default/configmaps:429:2:0", "WATCH:/api/v1/namespaces/default/configmaps:500:1"});
  auto client = f.client();
  InformerOptions io;
  io.backoff_base = milliseconds(20);
  Informer inf(*client, k_cms, io);
  inf.start();
  ASSERT_TRUE(inf.wait_synced(milliseconds(5000)).ok());
  ASSERT_TRUE(client->create(k_cms, config_map("late")).ok());
  ASSERT_TRUE(inf.wait_until([](const std::vector<json>& items) { return has_name(items, "late"); },
                             milliseconds(10000), "late")
                  .ok());
  inf.stop();
  EXPECT_GE(inf.stats().errors, 1);
}

TEST(Subresources, TokenRequestLogsAndDeleteAndWait) {
  SimFixture f;
  auto client = f.client();
  json tr = {{"apiVersion", "authentication.k8s.io/v1"}, {"kind", "TokenRequest"},
             {"spec", {{"expirationSeconds", 3600}}}};
  auto token = client->create_subresource({"", "v1", "serviceaccounts", "openshift-machine-config-operator",
                                           "builder", "token"}, tr);
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_FALSE((*token)["status"].value("token", "").empty());

  std::string text;
  auto st = client->logs({"", "v1", "pods", "openshift-image-registry", "cluster-image-registry-operator-6bcb795b48-jgzw9", ""},
                         LogOptions{}, [&](std::string_view chunk) {
                           text.append(chunk);
                           return true;
                         });
  ASSERT_TRUE(st.ok()) << st.error().message;
  EXPECT_FALSE(text.empty());
  auto missing = client->logs({"", "v1", "pods", "default", "no-such-pod", ""}, LogOptions{},
                              [](std::string_view) { return true; });
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().is_not_found()) << missing.error().message;

  ASSERT_TRUE(client->create(k_cms, config_map("gone")).ok());
  auto del = client->remove_and_wait(with_name(k_cms, "gone"), milliseconds(5000));
  ASSERT_TRUE(del.ok()) << del.error().message;
  EXPECT_TRUE(client->get(with_name(k_cms, "gone")).error().is_not_found());
  json held = config_map("held");
  held["metadata"]["finalizers"] = {"example.com/hold"};
  ASSERT_TRUE(client->create(k_cms, held).ok());
  auto stuck = client->remove_and_wait(with_name(k_cms, "held"), milliseconds(300));
  ASSERT_FALSE(stuck.ok());
  EXPECT_EQ(stuck.error().kind, util::ErrorKind::timeout);
  EXPECT_NE(stuck.error().message.find("example.com/hold"), std::string::npos) << stuck.error().message;
}

}  // namespace
}  // namespace dl::kube

#include "sim/controllers/manager.h"

#include <gtest/gtest.h>

#include <set>

namespace dl::sim::controllers {
namespace {

using api::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

const api::ResourceType& cm() {
  return *api::find_resource("", "v1", "configmaps");
}
const api::ResourceType& ns_type() {
  return *api::find_resource("", "v1", "namespaces");
}
constexpr milliseconds k_wait{5000};

// Records what it is told, keeps a view of the ConfigMaps built from events only, and on the
// first reconcile of a key asks to be called again after 10 simulated seconds.
class Recorder final : public Controller {
 public:
  std::string name() const override { return "recorder"; }
  std::vector<const api::ResourceType*> kinds() const override { return {&cm()}; }
  std::vector<std::string> keys_for(Context&, const api::WatchEvent& e) override {
    if (e.type == "DELETED")
      view.erase(object_key(e.object));
    else
      view.insert(object_key(e.object));
    return {object_key(e.object)};
  }
  void reconcile(Context& ctx, const std::string& key) override {
    ++reconciles[key];
    times[key].push_back(ctx.now());
    if (reconciles[key] == 1) ctx.requeue_after(seconds(10), key);
  }
  std::set<std::string> view;
  std::map<std::string, int> reconciles;
  std::map<std::string, std::vector<Duration>> times;
};

class ManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(store.create(ns_type(), "", {{"metadata", {{"name", "default"}}}}).ok());
    auto r = std::make_unique<Recorder>();
    recorder = r.get();
    manager.add(std::move(r));
  }
  void create_cm(const std::string& name) {
    ASSERT_TRUE(store.create(cm(), "default", {{"metadata", {{"name", name}}}, {"data", {{"a", "1"}}}}).ok());
  }
  api::Store store{1000};
  api::LogStore logs;
  std::shared_ptr<SimClock> clock = SimClock::manual();
  ControllerManager manager{store, logs, Timing::test(), clock};
  Recorder* recorder = nullptr;
};

TEST_F(ManagerTest, InitialListThenLiveEventsThenRequeueAfterSimulatedTime) {
  create_cm("before");
  manager.start();
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_EQ(recorder->reconciles["default/before"], 1);
  EXPECT_EQ(manager.relists(), 1u);
  create_cm("after");
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_EQ(recorder->reconciles["default/after"], 1);
  clock->advance(seconds(9));
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_EQ(recorder->reconciles["default/before"], 1);  // not yet due
  clock->advance(seconds(1));
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_EQ(recorder->reconciles["default/before"], 2);
  EXPECT_EQ(recorder->reconciles["default/after"], 2);
  EXPECT_EQ(recorder->times["default/before"].back(), seconds(10));
  clock->advance(seconds(60));
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_EQ(recorder->reconciles["default/before"], 2);  // requeued once only
}

TEST_F(ManagerTest, AfterRunsATaskOnceItsTimeComes) {
  manager.start();
  ASSERT_TRUE(manager.wait_idle(k_wait));
  std::vector<int> ran;
  Context ctx(manager, 0);
  ctx.after(milliseconds(500), [&](Context&) { ran.push_back(2); });
  ctx.after(milliseconds(100), [&](Context&) { ran.push_back(1); });
  clock->advance(milliseconds(99));
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_TRUE(ran.empty());
  clock->advance(milliseconds(401));
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_EQ(ran, (std::vector<int>{1, 2}));
}

TEST_F(ManagerTest, StopJoinsWithWorkPendingAndIsIdempotent) {
  create_cm("a");
  manager.start();
  ASSERT_TRUE(manager.wait_idle(k_wait));
  Context(manager, 0).after(seconds(3600), [](Context&) { FAIL() << "ran after stop"; });
  manager.stop();
  manager.stop();
  clock->advance(seconds(7200));  // no listener any more, no thread to run it
  create_cm("b");
  EXPECT_EQ(recorder->reconciles.count("default/b"), 0u);
}

TEST_F(ManagerTest, RealClockRunsRequeuesWithoutHelp) {
  api::Store s2;
  ASSERT_TRUE(s2.create(ns_type(), "", {{"metadata", {{"name", "default"}}}}).ok());
  ControllerManager real(s2, logs, Timing::test());
  auto r = std::make_unique<Recorder>();
  Recorder* rec = r.get();
  real.add(std::move(r));
  ASSERT_TRUE(s2.create(cm(), "default", {{"metadata", {{"name", "x"}}}}).ok());
  real.start();
  // the requeue is 10 s of real time away: the manager is idle meanwhile, and stop() does not wait for it
  ASSERT_TRUE(real.wait_idle(k_wait));
  EXPECT_EQ(rec->reconciles["default/x"], 1);
  auto t0 = std::chrono::steady_clock::now();
  real.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, seconds(2));
}

// After the history is compacted under the watch (410 Expired), the manager relists: objects
// created in the gap arrive as ADDED, objects deleted in the gap as DELETED.
TEST_F(ManagerTest, RelistsAfterExpiredWatchAndReportsDeletionsMissedInTheGap) {
  create_cm("gone");
  create_cm("kept");
  manager.start();
  ASSERT_TRUE(manager.wait_idle(k_wait));
  ASSERT_EQ(recorder->view, (std::set<std::string>{"default/gone", "default/kept"}));
  manager.pause_watch_for_testing(true);
  ASSERT_TRUE(store.remove(cm(), "default", "gone").ok());
  create_cm("born");
  store.compact();
  manager.pause_watch_for_testing(false);
  ASSERT_TRUE(manager.wait_idle(k_wait));
  EXPECT_EQ(manager.relists(), 2u);
  EXPECT_EQ(recorder->view, (std::set<std::string>{"default/born", "default/kept"}));
  EXPECT_EQ(recorder->reconciles["default/gone"], 2);  // told about the deletion
  EXPECT_EQ(recorder->reconciles["default/born"], 1);
}

TEST(DeadlinesTest, ReachedOnceTheDurationPassedAndAgainAfterClear) {
  api::Store store;
  api::LogStore logs;
  auto clock = SimClock::manual();
  ControllerManager m(store, logs, Timing::test(), clock);
  Context ctx(m, 0);
  Deadlines d;
  EXPECT_FALSE(d.reached(ctx, "x", milliseconds(50), "k"));
  clock->advance(milliseconds(49));
  EXPECT_FALSE(d.reached(ctx, "x", milliseconds(50), "k"));
  clock->advance(milliseconds(1));
  EXPECT_TRUE(d.reached(ctx, "x", milliseconds(50), "k"));
  d.clear("x");
  EXPECT_FALSE(d.reached(ctx, "x", milliseconds(50), "k"));
}

TEST(TimingTest, ProfilesKeepTheirOrdersOfMagnitude) {
  Timing fast = Timing::fast(), real = Timing::realistic(), test = Timing::test();
  EXPECT_LT(fast.pv_binding + fast.registry_start + fast.build_prepare + 20 * fast.build_step + fast.image_push +
                fast.drain + fast.reboot + fast.node_settle,
            seconds(5));
  EXPECT_GE(real.reboot, std::chrono::minutes(1));
  EXPECT_LE(test.reboot, milliseconds(50));
}

}  // namespace
}  // namespace dl::sim::controllers

namespace dl::sim::controllers {
namespace {

TEST(TimingTest, ScaledMultipliesEveryDuration) {
  Timing fast = Timing::fast(), slow = Timing::fast().scaled(8);
  EXPECT_EQ(slow.drain, 8 * fast.drain);
  EXPECT_EQ(slow.reboot, 8 * fast.reboot);
  EXPECT_EQ(slow.node_settle, 8 * fast.node_settle);
  EXPECT_EQ(slow.pv_binding, 8 * fast.pv_binding);
  EXPECT_EQ(slow.upgrade_operators, 8 * fast.upgrade_operators);
  EXPECT_EQ(Timing::test().scaled(0.5).reboot, milliseconds(10));
}

}  // namespace
}  // namespace dl::sim::controllers

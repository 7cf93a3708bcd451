// status against the simulated cluster: gather_status before and after apply, and status -w
// (watch_status) printing again only when the layer's objects change.
#include "workflow/status.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>

#include "workflow/apply.h"
#include "workflow/test_support.h"

namespace dl::workflow {
namespace {

using testing::Cluster;

long long wall() { return static_cast<long long>(std::time(nullptr)); }

TEST(Status, BeforeAndAfterApply) {
  Cluster c;
  auto spec = testing::starter();
  auto before = gather_status(c.client(), spec, wall());
  ASSERT_TRUE(before.ok()) << before.error().message;
  EXPECT_FALSE(before->mosc);
  ASSERT_EQ(before->nodes.size(), 1u);
  EXPECT_FALSE(before->nodes[0].on_layer);
  ApplyOptions o;
  o.timeout = std::chrono::seconds(60);
  auto r = apply(c.client(), spec, o, nullptr);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto after = gather_status(c.client(), spec, wall());
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_TRUE(after->mosc);
  EXPECT_EQ(after->image, r->image);
  ASSERT_FALSE(after->builds.empty());
  EXPECT_EQ(after->builds[0].state, "Succeeded");
  EXPECT_TRUE(after->nodes[0].on_layer);
  EXPECT_EQ(after->pool_condition, "Updated");
}

TEST(Status, WatchShowsAgainOnlyWhenTheLayerChanges) {
  Cluster c;
  auto spec = testing::starter();
  std::mutex mu;
  std::condition_variable cv;
  std::vector<StatusReport> shown;
  std::atomic<bool> stop{false};
  util::Status ended = util::ok_status();
  std::thread watcher([&] {
    ended = watch_status(c.client(), spec, std::chrono::milliseconds(100), wall, [&](const StatusReport& s) {
      std::lock_guard<std::mutex> lock(mu);
      shown.push_back(s);
      cv.notify_all();
      return !stop.load() && !(s.pool_condition == "Updated" && !s.nodes.empty() && s.nodes[0].on_layer);
    });
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return !shown.empty(); }));
  }
  // Nothing changes: nothing more is shown.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  {
    std::lock_guard<std::mutex> lock(mu);
    EXPECT_EQ(shown.size(), 1u);
  }
  ApplyOptions o;
  o.timeout = std::chrono::seconds(60);
  auto r = apply(c.client(), spec, o, nullptr);
  ASSERT_TRUE(r.ok()) << r.error().message;
  std::unique_lock<std::mutex> lock(mu);
  bool finished = cv.wait_for(lock, std::chrono::seconds(20), [&] {
    return !shown.empty() && shown.back().nodes.size() == 1 && shown.back().nodes[0].on_layer &&
           shown.back().pool_condition == "Updated";
  });
  stop = true;
  lock.unlock();
  if (!finished) {
    c.client().remove(kube::with_name(refs::mosc(), spec.pool));  // wake the watcher so it can end
  }
  watcher.join();
  ASSERT_TRUE(finished) << "status -w never showed the rolled-out layer";
  EXPECT_TRUE(ended.ok()) << ended.error().message;
  EXPECT_GE(shown.size(), 3u) << "the MachineOSConfig, the build and the rollout each change the report";
  for (size_t i = 1; i < shown.size(); ++i)
    EXPECT_NE(to_json(shown[i]).dump(), to_json(shown[i - 1]).dump()) << "report " << i << " repeats the one before";
}

}  // namespace
}  // namespace dl::workflow

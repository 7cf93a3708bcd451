// timeline: rows, order, phases and the slowest node from fixture MachineConfigNodes, and
// gather_timeline against the simulated cluster after a real apply.
#include "workflow/timeline.h"

#include <gtest/gtest.h>

#include <ctime>

#include "workflow/apply.h"
#include "workflow/test_support.h"

namespace dl::workflow {
namespace {

const long long k_t0 = *parse_time("2026-11-26T10:00:00Z");

json cond(const std::string& type, const std::string& status, long long at) {
  return {{"type", type}, {"status", status}, {"reason", type}, {"message", ""},
          {"lastTransitionTime", format_time(at)}};
}

json mcn(const std::string& name, const std::string& pool, json conditions) {
  return {{"apiVersion", "machineconfiguration.openshift.io/v1"},
          {"kind", "MachineConfigNode"},
          {"metadata", {{"name", name}}},
          {"spec", {{"node", {{"name", name}}}, {"pool", {{"name", pool}}}}},
          {"status", {{"conditions", conditions}}}};
}

// A finished update: prepared+cordoned at `s`, drained, rebooted, updated at the offsets.
json done(const std::string& name, long long s, long long drained, long long rebooted, long long end) {
  return mcn(name, "worker",
             {cond("UpdatePrepared", "True", s), cond("Cordoned", "True", s + 1), cond("Drained", "True", drained),
              cond("RebootedNode", "True", rebooted), cond("Uncordoned", "True", end),
              cond("UpdateComplete", "True", end), cond("Updated", "True", end)});
}

json fixture() {
  json master = done("master-0", k_t0, k_t0 + 1, k_t0 + 2, k_t0 + 3);
  master["spec"]["pool"]["name"] = "master";
  return json::array({
      done("worker-b", k_t0 + 131, k_t0 + 140, k_t0 + 400, k_t0 + 410),
      done("worker-a", k_t0, k_t0 + 31, k_t0 + 121, k_t0 + 131),
      // running: drained, the RebootedNode=True is left over from an earlier update
      mcn("worker-c", "worker",
          {cond("Updated", "False", k_t0 + 410), cond("UpdatePrepared", "True", k_t0 + 410),
           cond("Cordoned", "True", k_t0 + 410), cond("Drained", "True", k_t0 + 430),
           cond("RebootedNode", "True", k_t0 - 1000)}),
      mcn("worker-d", "worker", {cond("Updated", "True", k_t0 - 5000)}),  // never updated: waiting
      master,
  });
}

long long phase_seconds(const TimelinePhase& p, long long now) { return (p.end ? *p.end : now) - p.start; }

TEST(Timeline, RowsInUpdateOrderWithPhasesAndTheSlowestNode) {
  Timeline t = build_timeline("worker", fixture(), json::array(), json(), k_t0 + 450);
  ASSERT_EQ(t.rows.size(), 4u);  // master-0 belongs to another pool
  EXPECT_EQ(t.rows[0].node, "worker-a");
  EXPECT_EQ(t.rows[1].node, "worker-b");
  EXPECT_EQ(t.rows[2].node, "worker-c");
  EXPECT_EQ(t.rows[3].node, "worker-d");
  const TimelineRow& a = t.rows[0];
  EXPECT_EQ(a.state, "done");
  ASSERT_EQ(a.phases.size(), 4u);
  std::vector<long long> want = {1, 30, 90, 10};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(a.phases[i].name, timeline_phases()[i]);
    EXPECT_EQ(phase_seconds(a.phases[i], t.now), want[i]) << a.phases[i].name;
  }
  EXPECT_EQ(a.seconds, 131);
  EXPECT_EQ(t.rows[1].seconds, 279);
  EXPECT_TRUE(t.rows[1].slowest);
  EXPECT_FALSE(a.slowest);
  EXPECT_EQ(t.slowest, "worker-b");
  EXPECT_EQ(t.start, k_t0);
  EXPECT_EQ(t.end, k_t0 + 450);  // worker-c still runs
}

TEST(Timeline, RunningPhaseHasNoEndAndStaleConditionsDoNotCount) {
  Timeline t = build_timeline("worker", fixture(), json::array(), json(), k_t0 + 450);
  const TimelineRow& c = t.rows[2];
  EXPECT_EQ(c.state, "running");
  EXPECT_FALSE(c.end.has_value());
  ASSERT_EQ(c.phases.size(), 3u);  // cordon, drain, reboot (running)
  EXPECT_EQ(c.phases[2].name, "reboot");
  EXPECT_EQ(c.phases[2].start, k_t0 + 430);
  EXPECT_FALSE(c.phases[2].end.has_value());
  EXPECT_EQ(c.seconds, 40);
}

TEST(Timeline, WaitingNodeHasNoPhases) {
  Timeline t = build_timeline("worker", fixture(), json::array(), json(), k_t0 + 450);
  const TimelineRow& d = t.rows[3];
  EXPECT_EQ(d.state, "waiting");
  EXPECT_TRUE(d.phases.empty());
  EXPECT_FALSE(d.start.has_value());
}

TEST(Timeline, NodesFinishedBeforeThePoolStartedUpdatingWaitForThisRollout) {
  json pool = {{"metadata", {{"name", "worker"}}},
               {"status", {{"conditions", {cond("Updating", "True", k_t0 + 200)}}}}};
  Timeline t = build_timeline("worker", fixture(), json::array(), pool, k_t0 + 450);
  EXPECT_EQ(t.rows[0].node, "worker-b");  // ended at +410, after Updating turned True
  EXPECT_EQ(t.rows[0].state, "done");
  auto a = std::find_if(t.rows.begin(), t.rows.end(), [](const TimelineRow& r) { return r.node == "worker-a"; });
  ASSERT_NE(a, t.rows.end());
  EXPECT_EQ(a->state, "waiting");
  EXPECT_TRUE(a->phases.empty());
}

TEST(Timeline, SameStartOrdersByNameAndSkippedBoundaryDropsItsPhase) {
  json no_reboot = mcn("n-2", "worker",
                       {cond("UpdatePrepared", "True", k_t0), cond("Cordoned", "True", k_t0),
                        cond("Drained", "True", k_t0 + 5), cond("Updated", "True", k_t0 + 9)});
  Timeline t = build_timeline("worker", json::array({no_reboot, done("n-1", k_t0, k_t0 + 2, k_t0 + 3, k_t0 + 4)}),
                              json::array(), json(), k_t0 + 20);
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].node, "n-1");
  const TimelineRow& n2 = t.rows[1];
  ASSERT_EQ(n2.phases.size(), 3u);  // cordon, drain, reboot; no ready: RebootedNode never came
  EXPECT_EQ(n2.phases[2].name, "reboot");
  EXPECT_EQ(phase_seconds(n2.phases[2], t.now), 4);
  EXPECT_EQ(n2.state, "done");
  EXPECT_EQ(t.slowest, "n-2");
}

TEST(Timeline, DegradedNodeFromItsAnnotation) {
  json items = json::array({mcn("n-1", "worker", {cond("UpdatePrepared", "True", k_t0), cond("Updated", "False", k_t0)})});
  json nodes = {{"items", {{{"metadata", {{"name", "n-1"}, {"annotations", {{mco_key("state"), "Degraded"},
                                                                           {mco_key("reason"), "boot failed"}}}}}}}}};
  Timeline t = build_timeline("worker", items, nodes, json(), k_t0 + 7);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].state, "degraded");
  EXPECT_EQ(t.rows[0].reason, "boot failed");
  EXPECT_EQ(t.rows[0].seconds, 7);
}

TEST(Timeline, Json) {
  json j = to_json(build_timeline("worker", fixture(), json::array(), json(), k_t0 + 450));
  EXPECT_EQ(j["pool"], "worker");
  EXPECT_EQ(j["slowest"], "worker-b");
  ASSERT_EQ(j["rows"].size(), 4u);
  EXPECT_EQ(j["rows"][0]["startTime"], "2026-11-26T10:00:00Z");
  EXPECT_EQ(j["rows"][0]["phases"][1]["phase"], "drain");
  EXPECT_EQ(j["rows"][0]["phases"][1]["seconds"], 30);
  EXPECT_EQ(j["rows"][2]["phases"][2]["running"], true);
  EXPECT_TRUE(j["rows"][2]["end"].is_null());
  EXPECT_EQ(j["rows"][3]["state"], "waiting");
}

TEST(Timeline, GatherAfterApply) {
  testing::Cluster c;
  auto spec = testing::starter();
  auto now = [] { return static_cast<long long>(std::time(nullptr)); };
  auto before = gather_timeline(c.client(), spec.pool, now());
  ASSERT_TRUE(before.ok()) << before.error().message;
  ASSERT_EQ(before->rows.size(), 1u);
  EXPECT_EQ(before->rows[0].state, "waiting");
  ApplyOptions o;
  o.timeout = std::chrono::seconds(60);
  auto r = apply(c.client(), spec, o, nullptr);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto after = gather_timeline(c.client(), spec.pool, now());
  ASSERT_TRUE(after.ok()) << after.error().message;
  ASSERT_EQ(after->rows.size(), 1u);
  EXPECT_EQ(after->rows[0].state, "done");
  ASSERT_EQ(after->rows[0].phases.size(), 4u);
  EXPECT_EQ(after->slowest, after->rows[0].node);
  EXPECT_FALSE(gather_timeline(c.client(), "no-such-pool", now()).ok());
}

}  // namespace
}  // namespace dl::workflow

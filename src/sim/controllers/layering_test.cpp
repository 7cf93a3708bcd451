// On-cluster layering end to end inside the controllers: MachineOsBuilder + NodeRollout on a
// seeded cluster, a manual clock and the node Fleet.
#include <gtest/gtest.h>

#include "sim/cluster/seed.h"
#include "sim/controllers/layering_objects.h"
#include "sim/controllers/layering_state.h"
#include "sim/controllers/machine_os_builder.h"
#include "sim/controllers/manager.h"
#include "sim/controllers/node_rollout.h"
#include "util/base64.h"

namespace dl::sim::controllers {
namespace {

using namespace layering;
using std::chrono::milliseconds;
constexpr milliseconds k_wait{10000};
constexpr const char* k_push = "image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest";
constexpr const char* k_containerfile =
    "FROM configs AS final\nRUN dnf install -y libunwind jsoncpp && \\\n  rpm-ostree override remove openvswitch3.5 && \\\n"
    "  dnf install doca-all -y && \\\n  dnf clean all -y && \\\n  bootc container lint\n";

class LayeringTest : public ::testing::Test {
 protected:
  void start(cluster::SeedOptions seed, node::Backend backend) {
    ASSERT_TRUE(cluster::seed_cluster(store, logs, seed).ok());
    fleet = std::make_unique<node::Fleet>(backend);
    auto plan = cluster::plan_nodes(seed);
    ASSERT_TRUE(plan.ok());
    for (const auto& n : *plan) ASSERT_TRUE(fleet->add(n.name, node::stock_rhcos_image("4.20")).ok());
    manager = std::make_unique<ControllerManager>(store, logs, Timing::test(), clock);
    manager->add(std::make_unique<MachineOsBuilder>("4.20"));
    manager->add(std::make_unique<NodeRollout>(fleet.get(), "4.20"));
    manager->start();
    settle();
    start_rv = store.current_rv();
  }
  void TearDown() override {
    if (manager) manager->stop();
  }
  void settle() {
    ASSERT_TRUE(manager->wait_idle(k_wait)) << "reconciles " << manager->reconciles() << " rv " << store.current_rv();
  }
  // Advances the clock in small steps until `done` holds (at most `limit` of simulated time).
  bool run_until(const std::function<bool()>& done, milliseconds limit = milliseconds(20000)) {
    for (milliseconds t{0}; t < limit; t += milliseconds(5)) {
      if (done()) return true;
      clock->advance(milliseconds(5));
      if (!manager->wait_idle(k_wait)) {
        ADD_FAILURE() << "not idle: reconciles " << manager->reconciles() << " rv " << store.current_rv();
        return false;
      }
    }
    return done();
  }
  void push_secret(const std::string& name, const std::string& host, const std::string& type) {
    json cfg = {{"auths", {{host, {{"auth", util::base64_encode("u:token")}}}}}};
    json s = {{"metadata", {{"name", name}}}, {"type", type},
              {"data", {{".dockerconfigjson", util::base64_encode(cfg.dump())}}}};
    ASSERT_TRUE(store.create(secret_type(), k_mco_namespace, s).ok());
  }
  void create_mosc(const std::string& pool, const std::string& fault = "") {
    json m = {{"apiVersion", "machineconfiguration.openshift.io/v1"}, {"kind", "MachineOSConfig"},
              {"metadata", {{"name", pool}}},
              {"spec", {{"machineConfigPool", {{"name", pool}}}, {"imageBuilder", {{"imageBuilderType", "Job"}}},
                        {"renderedImagePushSecret", {{"name", "push-secret"}}}, {"renderedImagePushSpec", k_push},
                        {"containerFile", {{{"containerfileArch", "NoArch"}, {"content", k_containerfile}}}}}}};
    if (!fault.empty()) m["metadata"]["annotations"] = {{k_fault_annotation, fault}};
    ASSERT_TRUE(store.create(mosc_type(), "", m).ok());
    settle();
  }
  json obj(const api::ResourceType& r, const std::string& name, const std::string& ns = "") {
    auto o = get(store, r, ns, name);
    return o ? *o : json();
  }
  std::vector<json> builds() { return builds_of(store, "master").empty() ? builds_of(store, "worker") : builds_of(store, "master"); }
  std::string mosb_state(const json& b) {
    for (const char* t : {"Succeeded", "Failed", "Interrupted", "Building", "Prepared"})
      if (condition_status(b, t) == "True") return t;
    return "";
  }
  std::string pool_cond(const std::string& pool, const std::string& type, const char* field = "status") {
    for (const auto& c : obj(pool_type(), pool)["status"].value("conditions", json::array()))
      if (c.value("type", "") == type) return c.value(field, "");
    return "";
  }
  std::vector<json> pods(const std::string& prefix) {
    auto l = store.list(pod_type(), k_mco_namespace, [&](const json& p) {
      return p["metadata"].value("name", "").rfind(prefix, 0) == 0;
    }, 0, "");
    return l->items;
  }
  std::string annotation(const std::string& node, const char* key) {
    return obj(node_type(), node)["metadata"].value("annotations", json::object()).value(label(key), "");
  }

  api::Store store;
  api::LogStore logs;
  std::shared_ptr<SimClock> clock = SimClock::manual();
  std::unique_ptr<node::Fleet> fleet;
  std::unique_ptr<ControllerManager> manager;
  uint64_t start_rv = 0;
};

TEST_F(LayeringTest, SnoBuildsTheLayerAndRebootsTheNodeIntoOvsDoca) {
  start({}, node::Backend::ovsdb_server);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  create_mosc("master");
  auto b = builds();
  ASSERT_EQ(b.size(), 1u);
  std::string mosb = b[0]["metadata"].value("name", "");
  EXPECT_EQ(mosb.size(), std::string("master-").size() + 32);
  EXPECT_EQ(mosb_state(b[0]), "Prepared");
  EXPECT_EQ(b[0]["spec"].value("renderedImagePushSpec", ""), retag(k_push, mosb));
  EXPECT_EQ(obj(mosc_type(), "master")["metadata"]["annotations"].value(label("current-machine-os-build"), ""), mosb);
  EXPECT_EQ(pods("machine-os-builder-").size(), 1u);
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), mosb)) == "Building"; }));
  ASSERT_EQ(pods("build-" + mosb + "-").size(), 1u);
  EXPECT_EQ(obj(job_type(), "build-" + mosb, k_mco_namespace)["spec"].value("backoffLimit", 0), 3);
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), mosb)) == "Succeeded"; }));
  json pod = pods("build-" + mosb + "-")[0];
  EXPECT_EQ(pod["status"].value("phase", ""), "Succeeded");
  EXPECT_EQ(pod["spec"]["initContainers"][0].value("name", ""), "image-build");
  std::string log = logs.read(k_mco_namespace, pod["metadata"].value("name", ""), "image-build", 0, milliseconds(0)).text;
  EXPECT_NE(log.find("STEP 5/6: RUN dnf install -y libunwind jsoncpp"), std::string::npos) << log;
  EXPECT_NE(log.find("Writing manifest to image destination\n"), std::string::npos);
  json status = obj(mosb_type(), mosb)["status"];
  std::string digested = status.value("digestedImagePushSpec", "");
  EXPECT_EQ(digested.rfind(repository(k_push) + "@sha256:", 0), 0u) << digested;
  EXPECT_TRUE(status.contains("buildEnd"));
  EXPECT_EQ(obj(mosc_type(), "master")["status"].value("currentImagePullSpec", ""), digested);
  EXPECT_EQ(pool_cond("master", "ImageBuildDegraded", "reason"), "BuildSuccess");
  ASSERT_TRUE(run_until([&] { return pool_cond("master", "Updating") == "True"; }));
  ASSERT_TRUE(run_until([&] { return pool_cond("master", "Updated") == "True"; }));
  EXPECT_EQ(annotation("master-0", "state"), "Done");
  EXPECT_EQ(annotation("master-0", "currentImage"), digested);
  auto host = fleet->find("master-0");
  EXPECT_TRUE(host->image().is_doca());
  EXPECT_EQ(host->boot_count(), 2);
  auto dp = host->exec({"chroot", "/host", "ovs-vsctl", "get", "Open_vSwitch", ".", "datapath_types"});
  EXPECT_NE(dp.out.find("doca"), std::string::npos) << dp.out << dp.err;
  json pool = obj(pool_type(), "master");
  EXPECT_EQ(pool["status"].value("updatedMachineCount", -1), 1);
  EXPECT_EQ(pool["status"].value("readyMachineCount", -1), 1);
  json mcn = obj(mcn_type(), "master-0");
  EXPECT_EQ(mcn["status"]["configImage"].value("currentImage", ""), digested);
  EXPECT_FALSE(obj(node_type(), "master-0")["spec"].value("unschedulable", false));
  uint64_t rv = store.current_rv();
  clock->advance(milliseconds(1000));
  settle();
  EXPECT_EQ(store.current_rv(), rv);  // steady state is silent
}


TEST_F(LayeringTest, StandardWorkerPoolRollsOutOneNodeAtATimeAndLeavesMastersAlone) {
  cluster::SeedOptions seed;
  seed.topology = cluster::Topology::standard;
  start(seed, node::Backend::memory);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  create_mosc("worker");
  ASSERT_TRUE(run_until([&] { return pool_cond("worker", "Updated") == "True"; }));
  for (const char* w : {"worker-0", "worker-1", "worker-2"}) {
    EXPECT_TRUE(fleet->find(w)->image().is_doca()) << w;
    EXPECT_EQ(annotation(w, "state"), "Done");
  }
  for (const char* m : {"master-0", "master-1", "master-2"}) {
    EXPECT_FALSE(fleet->find(m)->image().is_doca()) << m;
    EXPECT_EQ(fleet->find(m)->boot_count(), 1);
    EXPECT_EQ(annotation(m, "desiredImage"), "");
  }
  EXPECT_EQ(pool_cond("master", "Updated"), "True");
  // Replay every Node event since the start: at most one worker was unavailable at any time.
  auto w = store.watch(&node_type(), "", nullptr, start_rv);
  std::map<std::string, bool> down;
  size_t worst = 0, events = 0;
  while (auto e = w->next(milliseconds(0))) {
    if (e->type == "ERROR") FAIL() << "history compacted";
    std::string name = e->object["metadata"].value("name", "");
    bool unavailable = e->object["spec"].value("unschedulable", false) || condition_status(e->object, "Ready") != "True";
    down[name] = unavailable;
    size_t now_down = 0;
    for (const auto& [n, d] : down) now_down += d ? 1u : 0u;
    worst = std::max(worst, now_down);
    ++events;
    EXPECT_EQ(name.rfind("worker-", 0), 0u) << name << " changed";
  }
  EXPECT_GT(events, 6u);
  EXPECT_EQ(worst, 1u);
}

TEST_F(LayeringTest, FailedBuildRetriesThenFailsAndDegradesThePool) {
  start({}, node::Backend::memory);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  create_mosc("master", "doca-all");
  std::string mosb = builds()[0]["metadata"].value("name", "");
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), mosb)) == "Failed"; }));
  auto attempts = pods("build-" + mosb + "-");
  EXPECT_EQ(attempts.size(), 4u);
  for (const auto& p : attempts) {
    EXPECT_EQ(p["status"].value("phase", ""), "Failed");
    std::string log = logs.read(k_mco_namespace, p["metadata"].value("name", ""), "image-build", 0, milliseconds(0)).text;
    EXPECT_NE(log.find("No match for argument: doca-all\nError: Unable to find a match: doca-all"), std::string::npos);
    EXPECT_EQ(log.find("Writing manifest to image destination\n", log.size() - 40), std::string::npos);
  }
  json job = obj(job_type(), "build-" + mosb, k_mco_namespace);
  EXPECT_EQ(job["status"].value("failed", 0), 4);
  EXPECT_EQ(condition_status(job, "Failed"), "True");
  EXPECT_EQ(pool_cond("master", "ImageBuildDegraded"), "True");
  EXPECT_EQ(pool_cond("master", "ImageBuildDegraded", "reason"), "BuildFailed");
  EXPECT_EQ(pool_cond("master", "Updating"), "False");
  EXPECT_EQ(pool_cond("master", "Updated"), "False");
  EXPECT_FALSE(fleet->find("master-0")->image().is_doca());
  EXPECT_EQ(annotation("master-0", "state"), "Done");
}

TEST_F(LayeringTest, PushWithoutCredentialsForTheRegistryFails) {
  start({}, node::Backend::memory);
  push_secret("push-secret", "quay.io", "kubernetes.io/dockerconfigjson");
  create_mosc("master");
  std::string mosb = builds()[0]["metadata"].value("name", "");
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), mosb)) == "Failed"; }));
  std::string pod = pods("build-" + mosb + "-")[0]["metadata"].value("name", "");
  EXPECT_NE(logs.read(k_mco_namespace, pod, "image-build", 0, milliseconds(0)).text.find("authentication required"),
            std::string::npos);
}

TEST_F(LayeringTest, InvalidSecretsBuildNothingAndSayWhy) {
  start({}, node::Backend::memory);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "Opaque");
  create_mosc("master");
  EXPECT_TRUE(builds().empty());
  auto events = store.list(type_of("v1", "Event"), "default", nullptr, 0, "");
  bool found = false;
  for (const auto& e : events->items)
    found |= e.value("reason", "") == "ValidationFailed" &&
             e.value("message", "").find("expected \"kubernetes.io/dockerconfigjson\"") != std::string::npos;
  EXPECT_TRUE(found);
  // Fixing the secret starts the build.
  ASSERT_TRUE(store.remove(secret_type(), k_mco_namespace, "push-secret").ok());
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  settle();
  EXPECT_EQ(builds().size(), 1u);
}

TEST_F(LayeringTest, DeletingTheMachineOsConfigRevertsNodesToStock) {
  start({}, node::Backend::memory);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  create_mosc("master");
  ASSERT_TRUE(run_until([&] { return fleet->find("master-0")->image().is_doca() && pool_cond("master", "Updated") == "True"; }));
  std::string mosb = builds()[0]["metadata"].value("name", "");
  ASSERT_TRUE(store.remove(mosc_type(), "", "master").ok());
  settle();
  EXPECT_FALSE(get(store, mosb_type(), "", mosb));
  EXPECT_FALSE(get(store, job_type(), k_mco_namespace, "build-" + mosb));
  EXPECT_TRUE(pods("build-").empty());
  EXPECT_FALSE(get(store, deploy_type(), k_mco_namespace, "machine-os-builder"));
  ASSERT_TRUE(run_until([&] { return pool_cond("master", "Updated") == "True" && annotation("master-0", "state") == "Done"; }));
  EXPECT_FALSE(fleet->find("master-0")->image().is_doca());
  EXPECT_EQ(fleet->find("master-0")->boot_count(), 3);
  EXPECT_EQ(annotation("master-0", "currentImage"), base_image(store, obj(pool_type(), "master")["spec"]["configuration"].value("name", "")));
}

TEST_F(LayeringTest, ANewUpdateResetsTheLastUpdatesProgressConditions) {
  start({}, node::Backend::memory);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  create_mosc("master");
  ASSERT_TRUE(run_until([&] { return pool_cond("master", "Updated") == "True"; }));
  auto status_of = [&](const char* type) { return condition_status(obj(mcn_type(), "master-0"), type); };
  for (const char* type : {"UpdatePrepared", "Cordoned", "Drained", "RebootedNode", "Uncordoned", "UpdateComplete", "Updated"})
    EXPECT_EQ(status_of(type), "True") << type;
  ASSERT_TRUE(store.remove(mosc_type(), "", "master").ok());  // the revert is the next update
  settle();
  ASSERT_EQ(annotation("master-0", "state"), "Working");
  for (const char* type : {"Drained", "RebootedNode", "AppliedFilesAndOS", "Uncordoned", "UpdateComplete", "Updated"})
    EXPECT_EQ(status_of(type), "False") << type;
  EXPECT_EQ(status_of("UpdatePrepared"), "True");
  EXPECT_EQ(status_of("Cordoned"), "True");
}

TEST_F(LayeringTest, DeletingTheMachineOsConfigMidBuildStopsTheBuildAndLeavesTheNodesAlone) {
  start({}, node::Backend::memory);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  create_mosc("master");
  std::string mosb = builds()[0]["metadata"].value("name", "");
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), mosb)) == "Building"; }));
  std::string image = annotation("master-0", "currentImage");
  int boots = fleet->find("master-0")->boot_count();
  ASSERT_TRUE(store.remove(mosc_type(), "", "master").ok());
  settle();
  EXPECT_FALSE(get(store, mosb_type(), "", mosb));
  EXPECT_FALSE(get(store, job_type(), k_mco_namespace, "build-" + mosb));
  EXPECT_TRUE(pods("build-").empty());
  ASSERT_TRUE(run_until([&] { return pool_cond("master", "Updated") == "True"; }));
  EXPECT_FALSE(fleet->find("master-0")->image().is_doca());
  EXPECT_EQ(fleet->find("master-0")->boot_count(), boots) << "a build that never finished must not reboot a node";
  EXPECT_EQ(annotation("master-0", "currentImage"), image);
}

TEST_F(LayeringTest, SpecChangeInterruptsTheBuildAndRebuildAnnotationRebuilds) {
  start({}, node::Backend::memory);
  push_secret("push-secret", "image-registry.openshift-image-registry.svc:5000", "kubernetes.io/dockerconfigjson");
  create_mosc("master");
  std::string first = builds()[0]["metadata"].value("name", "");
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), first)) == "Building"; }));
  ASSERT_TRUE(modify(store, mosc_type(), "", "master", api::WritePart::main, [](json& m) {
    m["spec"]["containerFile"][0]["content"] = "FROM configs AS final\nRUN dnf install -y tree\n";
  }));
  settle();
  EXPECT_EQ(mosb_state(obj(mosb_type(), first)), "Interrupted");
  EXPECT_FALSE(get(store, job_type(), k_mco_namespace, "build-" + first));
  std::string second = obj(mosc_type(), "master")["metadata"]["annotations"].value(label("current-machine-os-build"), "");
  EXPECT_NE(second, first);
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), second)) == "Succeeded"; }));
  std::string uid = obj(mosb_type(), second)["metadata"].value("uid", "");
  ASSERT_TRUE(modify(store, mosc_type(), "", "master", api::WritePart::main,
                     [](json& m) { m["metadata"]["annotations"][label("rebuild")] = ""; }));
  settle();
  json again = obj(mosb_type(), second);
  EXPECT_NE(again["metadata"].value("uid", ""), uid);
  EXPECT_EQ(mosb_state(again), "Prepared");
  EXPECT_FALSE(obj(mosc_type(), "master")["metadata"]["annotations"].contains(label("rebuild")));
  ASSERT_TRUE(run_until([&] { return mosb_state(obj(mosb_type(), second)) == "Succeeded"; }));
}

}  // namespace
}  // namespace dl::sim::controllers

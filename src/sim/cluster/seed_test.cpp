#include "sim/cluster/seed.h"

#include <gtest/gtest.h>

#include "sim/cluster/release.h"

namespace dl::sim::cluster {
namespace {

using api::json;

struct Seeded {
  api::Store store;
  api::LogStore logs;
  std::vector<json> list(const char* api_version, const char* kind) {
    return store.list(*api::find_kind(api_version, kind), "", nullptr, 0, "")->items;
  }
  json pool(const std::string& name) {
    return *store.get(*api::find_kind("machineconfiguration.openshift.io/v1", "MachineConfigPool"), "", name);
  }
};

std::vector<std::string> names(const std::vector<json>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i["metadata"]["name"]);
  return out;
}

TEST(SeedTest, SnoIsOneNodeInPoolMaster) {
  Seeded s;
  ASSERT_TRUE(seed_cluster(s.store, s.logs, {}).ok());
  auto nodes = s.list("v1", "Node");
  ASSERT_EQ(names(nodes), (std::vector<std::string>{"master-0"}));
  const json& labels = nodes[0]["metadata"]["labels"];
  EXPECT_TRUE(labels.contains("node-role.kubernetes.io/worker"));
  EXPECT_EQ(labels.value("kubernetes.io/arch", ""), "amd64");
  EXPECT_EQ(labels.value("feature.node.kubernetes.io/pci-15b3.present", ""), "true");
  EXPECT_EQ(nodes[0]["status"]["nodeInfo"].value("kubeletVersion", ""), "v1.33.6");
  EXPECT_EQ(s.pool("master")["status"].value("machineCount", -1), 1);
  EXPECT_EQ(s.pool("worker")["status"].value("machineCount", -1), 0);
  const json& a = nodes[0]["metadata"]["annotations"];
  EXPECT_EQ(a.value("machineconfiguration.openshift.io/state", ""), "Done");
  EXPECT_EQ(a.value("machineconfiguration.openshift.io/currentConfig", ""),
            s.pool("master")["status"]["configuration"].value("name", "x"));
}

TEST(SeedTest, StandardHasMastersAndWorkersWithTheirPools) {
  Seeded s;
  SeedOptions o;
  o.topology = Topology::standard;
  o.workers = 3;
  ASSERT_TRUE(seed_cluster(s.store, s.logs, o).ok());
  EXPECT_EQ(names(s.list("v1", "Node")),
            (std::vector<std::string>{"master-0", "master-1", "master-2", "worker-0", "worker-1", "worker-2"}));
  EXPECT_EQ(s.list("machineconfiguration.openshift.io/v1", "MachineConfigNode").size(), 6u);
  for (const char* pool : {"master", "worker"}) {
    EXPECT_EQ(s.pool(pool)["status"].value("machineCount", -1), 3) << pool;
    EXPECT_EQ(s.pool(pool)["status"].value("updatedMachineCount", -1), 3) << pool;
  }
  json master = *s.store.get(*api::find_kind("v1", "Node"), "", "master-1");
  EXPECT_FALSE(master["metadata"]["labels"].contains("node-role.kubernetes.io/worker"));
  EXPECT_EQ(master["spec"]["taints"][0].value("effect", ""), "NoSchedule");
  json mcn = *s.store.get(*api::find_kind("machineconfiguration.openshift.io/v1", "MachineConfigNode"), "", "worker-2");
  EXPECT_EQ(mcn["spec"]["pool"].value("name", ""), "worker");
}

TEST(SeedTest, CompactMastersAreWorkersButPoolWorkerStaysEmpty) {
  Seeded s;
  SeedOptions o;
  o.topology = Topology::compact;
  o.arch = "aarch64";
  o.nvidia_nics = false;
  o.openshift_version = "4.18.30";
  ASSERT_TRUE(seed_cluster(s.store, s.logs, o).ok());
  auto nodes = s.list("v1", "Node");
  ASSERT_EQ(nodes.size(), 3u);
  for (const auto& n : nodes) {
    EXPECT_TRUE(n["metadata"]["labels"].contains("node-role.kubernetes.io/worker"));
    EXPECT_FALSE(n["metadata"]["labels"].contains("feature.node.kubernetes.io/pci-15b3.present"));
    EXPECT_EQ(n["metadata"]["labels"].value("kubernetes.io/arch", ""), "arm64");
    EXPECT_EQ(n["status"]["nodeInfo"].value("kernelVersion", ""), "5.14.0-427.50.1.el9_4.aarch64");
    EXPECT_EQ(n["status"]["nodeInfo"].value("kubeletVersion", ""), "v1.31.5");
  }
  EXPECT_EQ(s.pool("master")["status"].value("machineCount", -1), 3);
  EXPECT_EQ(s.pool("worker")["status"].value("machineCount", -1), 0);
  json cv = *s.store.get(*api::find_kind("config.openshift.io/v1", "ClusterVersion"), "", "version");
  EXPECT_EQ(cv["status"]["desired"].value("version", ""), "4.18.30");
  EXPECT_EQ(cv["spec"].value("channel", ""), "stable-4.18");
}

TEST(SeedTest, RenderedConfigsFollowTheVersion) {
  Seeded a, b;
  SeedOptions o;
  ASSERT_TRUE(seed_cluster(a.store, a.logs, o).ok());
  o.openshift_version = "4.21.11";
  ASSERT_TRUE(seed_cluster(b.store, b.logs, o).ok());
  std::string ra = a.pool("master")["spec"]["configuration"]["name"],
              rb = b.pool("master")["spec"]["configuration"]["name"];
  EXPECT_NE(ra, rb);
  EXPECT_EQ(ra.size(), std::string("rendered-master-").size() + 32);
}

TEST(SeedTest, RejectsWhatItCannotSimulate) {
  SeedOptions o;
  o.workers = 2;
  EXPECT_EQ(plan_nodes(o).error().message, "--workers needs --topology standard");
  o = {};
  o.openshift_version = "4.12.1";
  EXPECT_FALSE(plan_nodes(o).ok());
  o = {};
  o.arch = "ppc64le";
  EXPECT_FALSE(plan_nodes(o).ok());
  o = {};
  o.topology = Topology::standard;
  o.workers = 0;
  EXPECT_FALSE(plan_nodes(o).ok());
  EXPECT_FALSE(parse_topology("big").ok());
  EXPECT_EQ(*parse_topology("compact"), Topology::compact);
}

TEST(ReleaseTest, TableMatchesTheFacts) {
  EXPECT_EQ(find_release("4.16")->stock_ovs, "openvswitch3.3");
  EXPECT_EQ(find_release("4.20.15")->rhcos(), "9.6.20260101-0");
  EXPECT_EQ(find_release("4.18.2")->rhcos(), "418.94.202601010000-0");
  EXPECT_EQ(find_release("4.22.0")->rhel_minor, 8);
  EXPECT_FALSE(find_release("5.0").has_value());
}

}  // namespace
}  // namespace dl::sim::cluster

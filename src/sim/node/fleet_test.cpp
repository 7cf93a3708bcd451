#include "sim/node/fleet.h"

#include <gtest/gtest.h>

#include <thread>

#include "sim/node/test_images.h"

namespace dl::sim::node {
namespace {

using testing::doca_image;
using testing::stock_image;

TEST(Fleet, AddsFindsAndRemovesNodesByName) {
  Fleet fleet(Backend::memory);
  auto a = fleet.add("worker-0", stock_image());
  ASSERT_TRUE(a.ok());
  EXPECT_EQ((*a)->name(), "worker-0");
  EXPECT_EQ((*a)->boot_count(), 1);
  auto again = fleet.add("worker-0", stock_image());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, util::ErrorKind::conflict);
  ASSERT_TRUE(fleet.add("master-0", doca_image()).ok());
  EXPECT_EQ(fleet.names(), (std::vector<std::string>{"master-0", "worker-0"}));
  EXPECT_TRUE(fleet.find("master-0")->image().is_doca());
  EXPECT_EQ(fleet.find("nope"), nullptr);
  EXPECT_TRUE(fleet.remove("worker-0"));
  EXPECT_FALSE(fleet.remove("worker-0"));
  EXPECT_EQ(fleet.size(), 1u);
  EXPECT_EQ((*a)->exec({"hostname"}).out, "worker-0\n");  // a caller's reference stays usable
}

TEST(Fleet, HundredsOfMemoryNodesBootIndependently) {
  Fleet fleet(Backend::memory);
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(fleet.add("worker-" + std::to_string(i), stock_image()).ok());
  ASSERT_TRUE(fleet.find("worker-7")->boot(doca_image()).ok());
  auto q = std::vector<std::string>{"ovs-vsctl", "get", "Open_vSwitch", ".", "datapath_types"};
  EXPECT_EQ(fleet.find("worker-7")->exec(q).out, "[doca, netdev, system]\n");
  EXPECT_EQ(fleet.find("worker-8")->exec(q).out, "[netdev, system]\n");
}

TEST(Fleet, OvsdbNodesCanBeAddedFromSeveralThreads) {
  Fleet fleet(Backend::ovsdb_server);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i) {
    threads.emplace_back([&fleet, i] { EXPECT_TRUE(fleet.add("node-" + std::to_string(i), stock_image()).ok()); });
  }
  for (auto& t : threads) t.join();  // the threads are gone; their nodes' servers must not be
  ASSERT_EQ(fleet.size(), 3u);
  for (const auto& name : fleet.names()) {
    auto r = fleet.find(name)->exec({"ovs-vsctl", "set", "Open_vSwitch", ".", "other_config:k=" + name});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(fleet.find(name)->exec({"ovs-vsctl", "get", "Open_vSwitch", ".", "other_config:k"}).out, name + "\n");
  }
}

}  // namespace
}  // namespace dl::sim::node

// The real-ovsdb-server backend: processes, run directories, schema conversion, the switch.
#include "sim/node/ovsdb_node.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "sim/node/ovsdb_schema.h"
#include "sim/node/switch_emulator.h"
#include "sim/node/test_images.h"

namespace dl::sim::node {
namespace {

using testing::doca_image;
using testing::stock_image;
using namespace std::chrono_literals;

std::unique_ptr<OvsdbNode> make(const std::string& name, const OsImage& image) {
  auto node = OvsdbNode::create(name, image);
  EXPECT_TRUE(node.ok()) << node.error().message;
  return node.ok() ? std::move(*node) : nullptr;
}

std::string get(NodeHost& node, const std::string& column) {
  return node.exec({"ovs-vsctl", "get", "Open_vSwitch", ".", column}).out;
}

TEST(OvsdbNode, DestructionLeavesNoProcessAndNoFiles) {
  auto node = make("worker-0", stock_image());
  ASSERT_TRUE(node);
  pid_t pid = node->server_pid();
  std::string dir = node->run_dir();
  ASSERT_TRUE(process_exists(pid));
  EXPECT_TRUE(std::filesystem::exists(dir + "/db.sock"));
  EXPECT_TRUE(std::filesystem::exists(dir + "/ovsdb-server.pid"));
  node.reset();
  EXPECT_FALSE(process_exists(pid));
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(OvsdbNode, ThreeNodesSideBySideAreIndependent) {
  auto a = make("worker-0", stock_image());
  auto b = make("worker-1", doca_image());
  auto c = make("worker-2", stock_image());
  ASSERT_TRUE(a && b && c);
  EXPECT_NE(a->run_dir(), b->run_dir());
  ASSERT_EQ(b->exec({"ovs-vsctl", "--no-wait", "set", "Open_vSwitch", ".", "other_config:doca-init=true"}).exit_code,
            0);
  ASSERT_EQ(c->exec({"ovs-vsctl", "set", "Open_vSwitch", ".", "other_config:max-idle=20000"}).exit_code, 0);
  ASSERT_TRUE(b->restart_switch().ok());
  EXPECT_EQ(get(*a, "other_config"), "{}\n");
  EXPECT_EQ(get(*b, "doca_initialized"), "true\n");
  EXPECT_EQ(get(*c, "other_config"), "{max-idle=\"20000\"}\n");
  EXPECT_EQ(get(*a, "datapath_types"), "[netdev, system]\n");
  EXPECT_EQ(get(*a, "external_ids:hostname"), "worker-0\n");
  EXPECT_EQ(get(*c, "external_ids:hostname"), "worker-2\n");
  pid_t b_pid = b->server_pid();
  b.reset();
  EXPECT_FALSE(process_exists(b_pid));
  EXPECT_EQ(get(*a, "cur_cfg"), "0\n");  // the others keep running
  EXPECT_EQ(get(*c, "cur_cfg"), "1\n");
}

TEST(OvsdbNode, RebootConvertsTheDatabaseBothWays) {
  auto node = make("worker-0", stock_image());
  ASSERT_TRUE(node);
  std::string system_id = get(*node, "external_ids:system-id");
  ASSERT_TRUE(node->boot(doca_image()).ok());
  EXPECT_EQ(get(*node, "db_version"), "\"8.4.0\"\n");
  EXPECT_EQ(get(*node, "doca_version"), "\"3.3.0109\"\n");
  EXPECT_EQ(get(*node, "external_ids:system-id"), system_id);  // same database, converted
  ASSERT_TRUE(node->boot(stock_image()).ok());
  EXPECT_EQ(get(*node, "db_version"), "\"8.3.1\"\n");
  auto gone = node->exec({"ovs-vsctl", "get", "Open_vSwitch", ".", "doca_version"});
  EXPECT_EQ(gone.err, "ovs-vsctl: Open_vSwitch does not contain a column whose name matches \"doca_version\"\n");
  EXPECT_EQ(get(*node, "external_ids:system-id"), system_id);
}

TEST(OvsdbNode, StockSchemaIsDebiansAndTheDocaSchemaAddsTwoColumns) {
  auto stock = stock_schema();
  ASSERT_TRUE(stock.ok()) << stock.error().message;
  EXPECT_FALSE(has_column(*stock, "doca_initialized"));
  auto doca = doca_schema(*stock);
  EXPECT_TRUE(has_column(doca, "doca_initialized"));
  EXPECT_TRUE(has_column(doca, "doca_version"));
  EXPECT_TRUE(has_column(doca, "dpdk_initialized"));
  EXPECT_EQ(doca["tables"].size(), (*stock)["tables"].size());
}

// Without the switch nothing answers next_cfg, so `set` without --no-wait blocks like on a node
// whose ovs-vswitchd is down; with it, the same command returns.
TEST(SwitchEmulator, IsWhatMakesSetWithoutNoWaitReturn) {
  auto schema = stock_schema();
  ASSERT_TRUE(schema.ok());
  auto server = OvsdbServer::start(*schema);
  ASSERT_TRUE(server.ok()) << server.error().message;
  auto init = (*server)->vsctl({"--no-wait", "init"}, 10s);
  ASSERT_TRUE(init.ok());
  auto blocked = (*server)->vsctl({"--timeout=1", "set", "Open_vSwitch", ".", "other_config:a=b"}, 10s);
  ASSERT_TRUE(blocked.ok());
  EXPECT_EQ(blocked->exit_code, 142);  // SIGALRM from --timeout
  SwitchEmulator sw(**server, "worker-0");
  ASSERT_TRUE(sw.start(stock_image(), "8.3.1").ok());
  EXPECT_TRUE(sw.running());
  auto answered = (*server)->vsctl({"--timeout=5", "set", "Open_vSwitch", ".", "other_config:a=c"}, 10s);
  ASSERT_TRUE(answered.ok());
  EXPECT_EQ(answered->exit_code, 0) << answered->err;
  sw.stop();
  EXPECT_FALSE(sw.running());
}

TEST(OvsdbServer, ConvertKeepsDataAndRejectsABadSchema) {
  auto schema = stock_schema();
  ASSERT_TRUE(schema.ok());
  auto server = OvsdbServer::start(*schema);
  ASSERT_TRUE(server.ok());
  ASSERT_EQ((*server)->vsctl({"--no-wait", "set", "Open_vSwitch", ".", "other_config:k=v"}, 10s)->exit_code, 0);
  ASSERT_TRUE((*server)->convert(doca_schema(*schema)).ok());
  auto row = (*server)->select_row();
  ASSERT_TRUE(row.ok());
  EXPECT_EQ((*row)["other_config"], nlohmann::json::parse(R"(["map",[["k","v"]]])"));
  EXPECT_EQ((*row)["doca_initialized"], false);  // the new column's default
  // Debian's ovs-vsctl keeps working on the converted database, blind to the new columns.
  EXPECT_EQ((*server)->vsctl({"get", "Open_vSwitch", ".", "other_config:k"}, 10s)->out, "v\n");
  nlohmann::json bad = *schema;
  bad["tables"]["Open_vSwitch"]["columns"]["next_cfg"]["type"] = "no-such-type";
  EXPECT_FALSE((*server)->convert(bad).ok());
}

}  // namespace
}  // namespace dl::sim::node

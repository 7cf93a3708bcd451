// One suite, both backends: what the workflow and the admin of the write-up see on a node must be
// the same whether the node is a real ovsdb-server (OvsdbNode) or memory (MemoryNode).
#include <gtest/gtest.h>

#include <regex>

#include "sim/node/fleet.h"
#include "sim/node/test_images.h"

namespace dl::sim::node {
namespace {

using testing::doca_image;
using testing::stock_image;
using Argv = std::vector<std::string>;

class NodeConformance : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto made = make_node(GetParam(), "worker-0", stock_image());
    ASSERT_TRUE(made.ok()) << made.error().message;
    node = std::move(*made);
  }
  ExecResult vsctl(Argv args) {
    args.insert(args.begin(), {"chroot", "/host", "ovs-vsctl"});
    return node->exec(args);
  }
  std::string get(const std::string& column) {
    auto r = vsctl({"get", "Open_vSwitch", ".", column});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }
  std::unique_ptr<NodeHost> node;
};

TEST_P(NodeConformance, StockNodeHasStockOpenvswitchAndNoDocaColumns) {
  auto rpm = node->exec({"rpm", "-q", "openvswitch3.5"});
  EXPECT_EQ(rpm.exit_code, 0);
  EXPECT_EQ(rpm.out, "openvswitch3.5-3.5.0-51.el9fdp.x86_64\n");
  auto missing = node->exec({"rpm", "-q", "doca-openvswitch"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.out, "package doca-openvswitch is not installed\n");
  EXPECT_EQ(get("datapath_types"), "[netdev, system]\n");
  EXPECT_EQ(get("ovs_version"), "\"3.5.0\"\n");
  EXPECT_EQ(get("db_version"), "\"8.3.1\"\n");
  auto doca = vsctl({"get", "Open_vSwitch", ".", "doca_initialized"});
  EXPECT_EQ(doca.exit_code, 1);
  EXPECT_EQ(doca.err, "ovs-vsctl: Open_vSwitch does not contain a column whose name matches \"doca_initialized\"\n");
  EXPECT_EQ(get("external_ids:hostname"), "worker-0\n");
}

TEST_P(NodeConformance, DocaInitFollowsOtherConfigOnlyAfterRestart) {
  ASSERT_TRUE(node->boot(doca_image()).ok());
  EXPECT_EQ(node->exec({"rpm", "-q", "doca-openvswitch"}).out, "doca-openvswitch-3.3.0040-1.el9.x86_64\n");
  EXPECT_EQ(node->exec({"rpm", "-q", "openvswitch3.5"}).exit_code, 1);
  EXPECT_EQ(get("datapath_types"), "[doca, netdev, system]\n");
  EXPECT_EQ(get("doca_initialized"), "false\n");
  EXPECT_EQ(get("iface_types").find("doca"), std::string::npos);

  // Without --no-wait: waits for cur_cfg; --timeout=5 would end it with SIGALRM (142) otherwise.
  auto set = vsctl({"--timeout=5", "set", "Open_vSwitch", ".", "other_config:doca-init=true"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(get("next_cfg"), "1\n");
  EXPECT_EQ(get("cur_cfg"), "1\n");
  EXPECT_EQ(get("doca_initialized"), "false\n");

  auto restart = node->exec({"chroot", "/host", "systemctl", "restart", "openvswitch"});
  ASSERT_EQ(restart.exit_code, 0) << restart.err;
  EXPECT_EQ(get("doca_initialized"), "true\n");
  EXPECT_EQ(get("dpdk_initialized"), "true\n");
  EXPECT_EQ(get("doca_version"), "\"3.3.0109\"\n");
  EXPECT_NE(get("iface_types").find("doca, docavdpa"), std::string::npos);
}

TEST_P(NodeConformance, OtherConfigSurvivesRebootsAndStockSchemaComesBack) {
  ASSERT_EQ(
      vsctl({"--no-wait", "set", "Open_vSwitch", ".", "other_config:doca-init=true", "other_config:hw-offload=true"})
          .exit_code,
      0);
  ASSERT_TRUE(node->boot(doca_image()).ok());
  EXPECT_EQ(get("doca_initialized"), "true\n");  // set before this boot's switch start
  EXPECT_EQ(get("other_config"), "{doca-init=\"true\", hw-offload=\"true\"}\n");
  ASSERT_TRUE(node->boot(stock_image()).ok());
  EXPECT_EQ(node->boot_count(), 3);
  EXPECT_EQ(get("other_config"), "{doca-init=\"true\", hw-offload=\"true\"}\n");
  EXPECT_EQ(get("datapath_types"), "[netdev, system]\n");
  EXPECT_EQ(vsctl({"get", "Open_vSwitch", ".", "doca_version"}).exit_code, 1);
  auto list = vsctl({"list", "Open_vSwitch"});
  EXPECT_EQ(list.out.find("doca_"), std::string::npos) << list.out;
  EXPECT_EQ(node->exec({"rpm", "-q", "openvswitch3.5"}).exit_code, 0);
}

TEST_P(NodeConformance, DebugPodCommands) {
  auto unknown = node->exec({"chroot", "/host", "nosuchtool", "-x"});
  EXPECT_EQ(unknown.exit_code, 127);
  EXPECT_EQ(unknown.err, "bash: nosuchtool: command not found\n");
  EXPECT_EQ(node->exec({"systemctl", "is-active", "openvswitch"}).out, "active\n");
  EXPECT_EQ(node->exec({"ovs-vswitchd", "--version"}).out, "ovs-vswitchd (Open vSwitch) 3.5.0\nDPDK 24.11.1\n");
  ASSERT_TRUE(node->boot(doca_image()).ok());
  EXPECT_EQ(node->exec({"ovs-vswitchd", "--version"}).out,
            "ovs-vswitchd (Open vSwitch) 3.3.0040\nDPDK 25.11.0+doca2601\nDOCA 3.3.0109\n");
  EXPECT_NE(node->exec({"cat", "/etc/os-release"}).out.find("RHEL_VERSION=\"9.6\""), std::string::npos);
  EXPECT_EQ(node->exec({"hostname"}).out, "worker-0\n");
  EXPECT_EQ(node->exec({"systemctl", "restart", "nope"}).exit_code, 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, NodeConformance, ::testing::Values(Backend::ovsdb_server, Backend::memory),
                         [](const auto& p) { return p.param == Backend::memory ? "memory" : "ovsdb"; });

// Side by side: the same commands on both backends give byte-identical answers (uuids masked).
const std::vector<Argv> k_script = {
    {"list", "Open_vSwitch"},
    {"get", "o", ".", "datapath_types", "iface_types", "ovs_version", "db_version", "dpdk_initialized", "dpdk_version"},
    {"get", "Open_vSwitch", ".", "doca_initialized", "doca_version"},
    {"get", "Open_vSwitch", ".", "other_config:doca-init"},
    {"--if-exists", "get", "Open_vSwitch", ".", "other_config:doca-init"},
    {"set", "Open_vSwitch", ".", "other_config:doca-init=true"},
    {"set", "Open_vSwitch", ".", "other_config:doca-init=true"},  // unchanged: next_cfg stays
    {"get", "Open_vSwitch", ".", "next_cfg", "cur_cfg"},
    {"--no-wait", "set", "Open_vSwitch", ".", "other_config:hw-offload=true", "other_config:max-idle=20000"},
    {"set", "Open_vSwitch", ".", "other_config:dpdk-extra=-a 0000:00:00.0", "external_ids:ovn-encap-type=geneve"},
    {"get", "Open_vSwitch", ".", "other_config", "external_ids:hostname", "next_cfg", "cur_cfg"},
    {"get", "o", ".", "d"},
    {"get", "OPEN_VSWITCH", ".", "cur", "db-version"},
    {"get", "foo", ".", "x"},
    {"get", "Open_vSwitch", "x", "cur_cfg"},
    {"get", "Bridge", "br0", "name"},
    {"list", "Bridge"},
    {"--no-wait", "remove", "Open_vSwitch", ".", "other_config", "hw-offload", "absent"},
    {"set", "Open_vSwitch", ".", "other_config:e="},
    {"get", "Open_vSwitch", ".", "ovs_version:x"},
    {"set", "o", ".", "cur_cfg=abc"},
    {"--no-wait", "set", "o", ".", "system_type=rhcos", "other_config:q=\"a b\""},
    {"get", "Open_vSwitch", ".", "_uuid", "system_type", "other_config:q"},
    {"get", "Open_vSwitch", ".", "other_config:doca-init", "--", "get", "Open_vSwitch", ".", "ovs_version"},
    {"--no-wait", "set", "Open_vSwitch", ".", "other_config:x=1", "--", "get", "Open_vSwitch", ".", "bogus"},
    {"list", "Open_vSwitch", "."},
};

std::string mask_uuids(const std::string& text) {
  static const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  return std::regex_replace(text, uuid, "<uuid>");
}

/// Where the side-by-side comparison runs: how many boots/restarts precede the script.
enum class Stage { stock, doca, doca_restarted, stock_again };

class NodeBackends : public ::testing::TestWithParam<Stage> {};

TEST_P(NodeBackends, AnswerTheWorkflowFormsIdentically) {
  std::unique_ptr<NodeHost> nodes[2];
  for (Backend b : {Backend::ovsdb_server, Backend::memory}) {
    auto made = make_node(b, "worker-1", stock_image());
    ASSERT_TRUE(made.ok()) << made.error().message;
    auto& node = nodes[b == Backend::memory ? 1 : 0] = std::move(*made);
    if (GetParam() != Stage::stock) {
      ASSERT_TRUE(node->boot(doca_image()).ok());
    }
    if (GetParam() == Stage::doca_restarted) {
      ASSERT_TRUE(node->restart_switch().ok());
    }
    if (GetParam() == Stage::stock_again) {
      ASSERT_TRUE(node->boot(stock_image()).ok());
    }
  }
  for (const auto& args : k_script) {
    Argv argv = {"ovs-vsctl"};
    argv.insert(argv.end(), args.begin(), args.end());
    ExecResult a = nodes[0]->exec(argv);
    ExecResult b = nodes[1]->exec(argv);
    SCOPED_TRACE("ovs-vsctl " + ::testing::PrintToString(args));
    EXPECT_EQ(a.exit_code, b.exit_code);
    EXPECT_EQ(mask_uuids(a.out), mask_uuids(b.out));
    EXPECT_EQ(a.err, b.err);
  }
}

std::string stage_name(const ::testing::TestParamInfo<Stage>& stage) {
  const std::vector<std::string> names = {"stock", "doca", "doca_restarted", "stock_again"};
  return names[static_cast<size_t>(stage.param)];
}

INSTANTIATE_TEST_SUITE_P(Stages, NodeBackends,
                         ::testing::Values(Stage::stock, Stage::doca, Stage::doca_restarted, Stage::stock_again),
                         stage_name);

}  // namespace
}  // namespace dl::sim::node

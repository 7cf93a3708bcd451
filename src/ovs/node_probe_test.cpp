// The probe, the judgement and the fix against the simulated nodes: OvsdbNode (a real
// ovsdb-server read and written by the real ovs-vsctl) and MemoryNode (its in-memory twin).
#include <gtest/gtest.h>

#include "ovs/fix.h"
#include "ovs/judge.h"
#include "ovs/probe.h"
#include "sim/node/fleet.h"
#include "sim/node/test_images.h"

namespace dl::ovs {
namespace {

using sim::node::Backend;
using sim::node::ExecResult;
using Argv = std::vector<std::string>;

const Check& find(const std::vector<Check>& checks, const std::string& id) {
  for (const auto& c : checks) {
    if (c.id == id) return c;
  }
  static const Check k_missing{"missing", "", Verdict::fail, "", "", ""};
  ADD_FAILURE() << "no check " << id;
  return k_missing;
}

std::string failures(const std::vector<Check>& checks) {
  std::string out;
  for (const auto& c : checks) {
    if (c.verdict != Verdict::pass) out += c.id + " " + std::string(to_string(c.verdict)) + ": " + c.observed + "\n";
  }
  return out;
}

class NodeProbe : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto made = sim::node::make_node(GetParam(), "worker-0", sim::node::testing::stock_image());
    ASSERT_TRUE(made.ok()) << made.error().message;
    node = std::move(*made);
  }

  ExecResult on_host(Argv argv) {
    argv.insert(argv.begin(), {"chroot", "/host"});
    return node->exec(argv);
  }

  /// The probe log assembled from each command run on its own, in the script's format.
  std::string probe_log() {
    std::string log;
    for (const auto& c : probe_commands()) {
      ExecResult r = on_host(c.argv);
      log += format_section(c.section, r.out + r.err, r.exit_code);
    }
    return log;
  }

  Probe probe() {
    auto p = parse_probe(probe_log());
    EXPECT_TRUE(p.ok()) << p.error().message;
    return p.ok() ? *p : Probe{};
  }

  void boot_doca() { ASSERT_TRUE(node->boot(sim::node::testing::doca_image()).ok()); }

  std::unique_ptr<sim::node::NodeHost> node;
};

TEST_P(NodeProbe, StockNode) {
  Probe p = probe();
  EXPECT_EQ(p.doca_ovs_package, std::nullopt);
  EXPECT_EQ(p.stock_ovs_packages, (Argv{"openvswitch3.5-3.5.0-51.el9fdp.x86_64"}));
  EXPECT_TRUE(p.vswitchd.active());
  EXPECT_EQ(p.binary->ovs_version, "3.5.0");
  EXPECT_EQ(p.db.ovs_version, "3.5.0");
  EXPECT_EQ(p.db.db_version, "8.3.1");
  EXPECT_EQ(p.db.datapath_types, (std::set<std::string>{"netdev", "system"}));
  EXPECT_FALSE(p.db.doca_schema);
  EXPECT_EQ(p.db.doca_error, "");
  EXPECT_EQ(p.os.rhel_version, "9.6");
  EXPECT_EQ(p.os.openshift_version, "4.20");

  auto stock = judge_stock(p);
  EXPECT_EQ(worst(stock), Verdict::pass) << failures(stock);
  auto doca = judge(p, Expectation{});
  EXPECT_EQ(find(doca, "doca-openvswitch").verdict, Verdict::fail);
  EXPECT_EQ(find(doca, "stock-openvswitch-absent").verdict, Verdict::fail);
  EXPECT_EQ(find(doca, "datapath-doca").verdict, Verdict::fail);
  EXPECT_EQ(find(doca, "doca-initialized").observed, "no doca_initialized column (stock database schema)");
}

TEST_P(NodeProbe, DocaNodeBeforeDocaInit) {
  boot_doca();
  Probe p = probe();
  EXPECT_EQ(p.doca_ovs_package, "doca-openvswitch-3.3.0040-1.el9.x86_64");
  EXPECT_TRUE(p.stock_ovs_packages.empty());
  EXPECT_EQ(p.binary->doca_version, "3.3.0109");
  EXPECT_TRUE(p.db.doca_schema);
  EXPECT_EQ(p.db.doca_initialized, false);
  EXPECT_EQ(p.db.doca_version, "3.3.0109");

  auto checks = judge(p, Expectation{});
  EXPECT_EQ(find(checks, "doca-openvswitch").verdict, Verdict::pass);
  EXPECT_EQ(find(checks, "datapath-doca").verdict, Verdict::pass);
  EXPECT_EQ(find(checks, "doca-version").verdict, Verdict::pass);
  EXPECT_EQ(find(checks, "doca-initialized").verdict, Verdict::fail);
  EXPECT_EQ(find(checks, "iface-types-doca").verdict, Verdict::fail);
  EXPECT_EQ(find(checks, "other-config:doca-init").observed, "absent");
  EXPECT_EQ(worst(judge_stock(p)), Verdict::fail);
}

TEST_P(NodeProbe, DocaNodeAfterDocaInitAndRestart) {
  boot_doca();
  auto set = on_host({"ovs-vsctl", "--no-wait", "set", "Open_vSwitch", ".", "other_config:doca-init=true",
                      "other_config:hw-offload=true"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  ASSERT_TRUE(node->restart_switch().ok());
  Probe p = probe();
  EXPECT_EQ(p.db.doca_initialized, true);
  EXPECT_TRUE(p.db.dpdk_initialized);
  EXPECT_TRUE(p.db.iface_types.count("docavdpa"));
  auto checks = judge(p, Expectation{});
  EXPECT_EQ(worst(checks), Verdict::pass) << failures(checks);
}

TEST_P(NodeProbe, FixCommandsRepairTheNode) {
  boot_doca();
  Expectation e;
  e.other_config = {{"max-idle", "20000"}, {"dpdk-extra", "-a 0000:00:00.0"}};
  ASSERT_EQ(worst(judge(probe(), e)), Verdict::fail);
  for (const auto& argv : fix_commands(e)) {
    auto r = on_host(argv);
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
  Probe p = probe();
  EXPECT_EQ(p.db.other_config.at("dpdk-extra"), "-a 0000:00:00.0");
  auto checks = judge(p, e);
  EXPECT_EQ(worst(checks), Verdict::pass) << failures(checks);
}

TEST_P(NodeProbe, RollbackToStock) {
  boot_doca();
  for (const auto& argv : fix_commands(Expectation{})) ASSERT_EQ(on_host(argv).exit_code, 0);
  ASSERT_TRUE(node->boot(sim::node::testing::stock_image()).ok());
  auto checks = judge_stock(probe());
  EXPECT_EQ(worst(checks), Verdict::pass) << failures(checks);
}

// The whole script through the node's /bin/sh, as the debug pod runs it: the log must be exactly
// what the commands print one by one.
TEST_P(NodeProbe, WholeScriptsRunInTheNodeShell) {
  boot_doca();
  std::string expected = probe_log();
  ExecResult r = on_host({"/bin/sh", "-c", probe_script()});
  if (r.exit_code == 127 || (r.exit_code == 2 && r.out.empty())) {
    FAIL() << "the simulated node has no usable /bin/sh -c (exit " << r.exit_code << ": " << r.err
           << "); the probe script cannot run there";
  }
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, expected);
  ASSERT_TRUE(parse_probe(r.out).ok());

  ExecResult fix = on_host({"/bin/sh", "-c", fix_script(Expectation{})});
  auto outcome = parse_fix_log(fix.out);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message << "\n" << fix.out << fix.err;
  auto p = parse_probe(on_host({"/bin/sh", "-c", probe_script()}).out);
  ASSERT_TRUE(p.ok()) << p.error().message;
  auto checks = judge(*p, Expectation{});
  EXPECT_EQ(worst(checks), Verdict::pass) << failures(checks);
}

INSTANTIATE_TEST_SUITE_P(Backends, NodeProbe, ::testing::Values(Backend::ovsdb_server, Backend::memory),
                         [](const auto& param_info) {
                           return std::string(param_info.param == Backend::memory ? "memory" : "ovsdb_server");
                         });

}  // namespace
}  // namespace dl::ovs

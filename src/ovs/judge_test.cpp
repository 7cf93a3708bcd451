#include "ovs/judge.h"

#include <gtest/gtest.h>

namespace dl::ovs {
namespace {

/// The write-up's node after doca-init and a restart, with hw-offload set too.
Probe healthy() {
  Probe p;
  p.doca_ovs_package = "doca-openvswitch-3.3.0040-1.el9.x86_64";
  p.vswitchd.state = "active";
  p.openvswitch.state = "active";
  p.binary = VswitchdBinary{"3.3.0040", "DPDK 25.11.0+doca2601", "3.3.0109"};
  p.db.ovs_version = "3.3.0040";
  p.db.datapath_types = {"doca", "netdev", "system"};
  p.db.iface_types = {"doca", "docavdpa", "geneve", "internal", "system"};
  p.db.dpdk_initialized = true;
  p.db.other_config = {{"doca-init", "true"}, {"hw-offload", "true"}};
  p.db.doca_schema = true;
  p.db.doca_initialized = true;
  p.db.doca_version = "3.3.0109";
  return p;
}

Probe stock() {
  Probe p;
  p.stock_ovs_packages = {"openvswitch3.5-3.5.0-51.el9fdp.x86_64"};
  p.vswitchd.state = "active";
  p.openvswitch.state = "active";
  p.binary = VswitchdBinary{"3.5.0", "DPDK 24.11.1", ""};
  p.db.datapath_types = {"netdev", "system"};
  p.db.iface_types = {"geneve", "internal", "system"};
  return p;
}

const Check& find(const std::vector<Check>& checks, const std::string& id) {
  for (const auto& c : checks) {
    if (c.id == id) return c;
  }
  static const Check k_missing{"missing", "", Verdict::fail, "", "", ""};
  ADD_FAILURE() << "no check " << id;
  return k_missing;
}

std::vector<std::string> ids(const std::vector<Check>& checks) {
  std::vector<std::string> out;
  for (const auto& c : checks) out.push_back(c.id);
  return out;
}

TEST(Judge, HealthyDocaNodePassesEveryCheck) {
  auto checks = judge(healthy(), Expectation{});
  EXPECT_EQ(ids(checks),
            (std::vector<std::string>{"doca-openvswitch", "stock-openvswitch-absent", "ovs-vswitchd-active",
                                      "ovsdb-readable", "datapath-doca", "iface-types-doca", "doca-initialized",
                                      "doca-version", "other-config:doca-init", "other-config:hw-offload"}));
  for (const auto& c : checks) {
    EXPECT_EQ(c.verdict, Verdict::pass) << c.id << ": " << c.observed;
    EXPECT_EQ(c.fix, "") << c.id;
  }
  EXPECT_EQ(worst(checks), Verdict::pass);
  EXPECT_EQ(find(checks, "doca-version").observed, "3.3.0109");
  EXPECT_EQ(find(checks, "datapath-doca").observed, "[doca, netdev, system]");
}

TEST(Judge, BeforeDocaInitTheFixSaysHowToSetIt) {
  Probe p = healthy();
  p.db.doca_initialized = false;
  p.db.iface_types = {"geneve", "internal", "system"};
  p.db.other_config = {};
  auto checks = judge(p, Expectation{});
  const Check& init = find(checks, "doca-initialized");
  EXPECT_EQ(init.verdict, Verdict::fail);
  EXPECT_EQ(init.observed, "false");
  EXPECT_NE(init.fix.find("other_config:doca-init=true"), std::string::npos);
  EXPECT_NE(init.fix.find("systemctl restart openvswitch"), std::string::npos);
  EXPECT_EQ(find(checks, "iface-types-doca").verdict, Verdict::fail);
  EXPECT_EQ(find(checks, "other-config:doca-init").observed, "absent");
  EXPECT_EQ(find(checks, "other-config:hw-offload").verdict, Verdict::fail);
  EXPECT_EQ(find(checks, "datapath-doca").verdict, Verdict::pass);
  EXPECT_EQ(worst(checks), Verdict::fail);
}

TEST(Judge, StockNodeFailsTheDocaChecks) {
  auto checks = judge(stock(), Expectation{});
  EXPECT_EQ(find(checks, "doca-openvswitch").observed, "not installed");
  EXPECT_EQ(find(checks, "stock-openvswitch-absent").observed, "openvswitch3.5-3.5.0-51.el9fdp.x86_64");
  EXPECT_EQ(find(checks, "stock-openvswitch-absent").verdict, Verdict::fail);
  EXPECT_EQ(find(checks, "datapath-doca").verdict, Verdict::fail);
  EXPECT_EQ(find(checks, "doca-initialized").observed, "no doca_initialized column (stock database schema)");
  EXPECT_EQ(find(checks, "doca-version").observed, "not reported");
  EXPECT_EQ(find(checks, "ovs-vswitchd-active").verdict, Verdict::pass);
}

TEST(Judge, ExpectationDecidesTheOtherConfigChecks) {
  Expectation e;
  e.doca_init = false;
  e.other_config = {{"hw-offload", "false"}, {"max-idle", "20000"}};
  EXPECT_EQ(wanted_other_config(e),
            (std::map<std::string, std::string>{{"hw-offload", "false"}, {"max-idle", "20000"}}));
  Probe p = healthy();
  p.db.doca_initialized = false;
  auto checks = judge(p, e);
  EXPECT_EQ(find(checks, "doca-initialized").verdict, Verdict::warn);  // not asked for: a warning only
  EXPECT_EQ(find(checks, "other-config:hw-offload").observed, "true");
  EXPECT_EQ(find(checks, "other-config:hw-offload").expected, "false");
  EXPECT_EQ(find(checks, "other-config:hw-offload").verdict, Verdict::fail);
  EXPECT_EQ(find(checks, "other-config:max-idle").observed, "absent");
  for (const auto& c : checks) EXPECT_NE(c.id, "other-config:doca-init");
}

TEST(Judge, ReleaseRule) {
  EXPECT_EQ(match_release("3.3.0109", "3.3.0"), ReleaseMatch::same);
  EXPECT_EQ(match_release("3.3.0040", "3.3.0"), ReleaseMatch::same);
  EXPECT_EQ(match_release("3.2.1005", "3.2.1"), ReleaseMatch::same);
  EXPECT_EQ(match_release("3.0.0-0056-25.04-based-3.3.5", "3.0.0"), ReleaseMatch::same);
  EXPECT_EQ(match_release("3.3.0109", "3.3"), ReleaseMatch::same);
  EXPECT_EQ(match_release("3.3.1012", "3.3.0"), ReleaseMatch::other_patch);
  EXPECT_EQ(match_release("3.4.0112", "3.3.0"), ReleaseMatch::other_release);
  EXPECT_EQ(match_release("13.3.0109", "3.3.0"), ReleaseMatch::other_release);
  EXPECT_EQ(match_release("3.3.0109", "latest"), ReleaseMatch::unknown);
  EXPECT_EQ(match_release("", "3.3.0"), ReleaseMatch::unknown);
}

TEST(Judge, DocaVersionVerdicts) {
  auto verdict = [](const std::string& seen, const std::string& release) {
    Probe p = healthy();
    p.db.doca_version = seen;
    Expectation e;
    e.doca_version = release;
    return find(judge(p, e), "doca-version").verdict;
  };
  EXPECT_EQ(verdict("3.4.0112", "3.3.0"), Verdict::fail);
  EXPECT_EQ(verdict("3.3.1012", "3.3.0"), Verdict::warn);
  EXPECT_EQ(verdict("3.3.0109", "latest"), Verdict::warn);
  EXPECT_EQ(verdict("none", "3.3.0"), Verdict::fail);
  // The package of another release is a warning on its own check.
  Probe p = healthy();
  p.doca_ovs_package = "doca-openvswitch-3.4.0040-1.el9.x86_64";
  EXPECT_EQ(find(judge(p, Expectation{}), "doca-openvswitch").verdict, Verdict::warn);
  // Without the database's column the binary's banner is used.
  p = healthy();
  p.db.doca_version.reset();
  EXPECT_EQ(find(judge(p, Expectation{}), "doca-version").verdict, Verdict::pass);
}

TEST(Judge, UnreadableDatabaseFailsItsChecksWithOneCause) {
  Probe p = healthy();
  p.db = OvsdbState{};
  p.db.error = "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed";
  p.vswitchd.state = "inactive";
  auto checks = judge(p, Expectation{});
  EXPECT_EQ(find(checks, "ovsdb-readable").observed, p.db.error);
  EXPECT_EQ(find(checks, "ovs-vswitchd-active").observed, "ovs-vswitchd inactive, openvswitch active");
  for (const char* id : {"datapath-doca", "iface-types-doca", "doca-initialized", "other-config:doca-init"}) {
    EXPECT_EQ(find(checks, id).verdict, Verdict::fail) << id;
    EXPECT_EQ(find(checks, id).observed, "ovsdb not readable") << id;
  }
}

TEST(JudgeStock, AfterRollback) {
  auto checks = judge_stock(stock());
  EXPECT_EQ(ids(checks), (std::vector<std::string>{"stock-openvswitch-installed", "doca-openvswitch-absent",
                                                   "ovs-vswitchd-active", "ovsdb-readable", "datapath-stock"}));
  EXPECT_EQ(worst(checks), Verdict::pass);

  auto still_doca = judge_stock(healthy());
  EXPECT_EQ(find(still_doca, "stock-openvswitch-installed").verdict, Verdict::fail);
  EXPECT_EQ(find(still_doca, "doca-openvswitch-absent").observed, "doca-openvswitch-3.3.0040-1.el9.x86_64");
  EXPECT_EQ(find(still_doca, "datapath-stock").verdict, Verdict::fail);

  Probe leftover = stock();
  leftover.db.doca_schema = true;
  EXPECT_EQ(find(judge_stock(leftover), "datapath-stock").verdict, Verdict::warn);
  EXPECT_EQ(to_string(Verdict::warn), "warn");
}

}  // namespace
}  // namespace dl::ovs

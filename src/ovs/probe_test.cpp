#include "ovs/probe.h"

#include <gtest/gtest.h>

namespace dl::ovs {
namespace {

struct Out {
  std::string text;
  int code = 0;
};

/// A probe log from each section's output; sections not given print nothing and exit 0.
std::string log_of(const std::map<std::string, Out>& outputs) {
  std::string log = "Starting pod/worker-0-debug-x7k2q ...\n";
  for (const auto& c : probe_commands()) {
    auto it = outputs.find(c.section);
    Out o = it == outputs.end() ? Out{} : it->second;
    log += format_section(c.section, o.text, o.code);
  }
  return log;
}

const char* k_os_release =
    "NAME=\"Red Hat Enterprise Linux CoreOS\"\nID=\"rhcos\"\nVERSION_ID=\"4.20\"\n"
    "RHEL_VERSION=\"9.6\"\nOPENSHIFT_VERSION=\"4.20\"\n";

std::map<std::string, Out> doca_node() {
  return {
      {"rpm-doca", {"doca-openvswitch-3.3.0040-1.el9.x86_64\n"}},
      {"rpm-stock", {""}},
      {"unit-vswitchd", {"active\n"}},
      {"unit-openvswitch", {"active\n"}},
      {"vswitchd-version", {"ovs-vswitchd (Open vSwitch) 3.3.0040\nDPDK 25.11.0+doca2601\nDOCA 3.3.0109\n"}},
      {"ovsdb",
       {"\"3.3.0040\"\n\"8.5.1\"\n[doca, netdev, system]\n[bareudp, doca, docavdpa, geneve, internal, system]\n"
        "true\n\"DPDK 25.11.0+doca2601\"\n{bundle-idle-timeout=\"0\", doca-init=\"true\", vlan-limit=\"0\"}\n"}},
      {"ovsdb-doca", {"true\n\"3.3.0109\"\n"}},
      {"os-release", {k_os_release}},
  };
}

std::map<std::string, Out> stock_node() {
  auto m = doca_node();
  m["rpm-doca"] = {"package doca-openvswitch is not installed\n", 1};
  m["rpm-stock"] = {"openvswitch3.5-3.5.0-51.el9fdp.x86_64\n"};
  m["vswitchd-version"] = {"ovs-vswitchd (Open vSwitch) 3.5.0\nDPDK 24.11.1\n"};
  m["ovsdb"] = {"\"3.5.0\"\n\"8.3.1\"\n[netdev, system]\n[geneve, internal, system]\nfalse\n\"DPDK 24.11.1\"\n{}\n"};
  m["ovsdb-doca"] = {"ovs-vsctl: Open_vSwitch does not contain a column whose name matches \"doca_initialized\"\n", 1};
  return m;
}

Probe parse_ok(const std::string& log) {
  auto p = parse_probe(log);
  EXPECT_TRUE(p.ok()) << p.error().message;
  return p.ok() ? *p : Probe{};
}

TEST(ProbeScript, OneSectionPerCommandAndOnlyTheShellSubset) {
  std::string script = probe_script();
  EXPECT_NE(script.find("echo '@@begin rpm-doca'; rpm -q doca-openvswitch 2>&1; echo \"@@end $?\"\n"),
            std::string::npos);
  EXPECT_NE(script.find("rpm -qa 'openvswitch3*' 2>&1"), std::string::npos);
  EXPECT_NE(script.find("ovs-vsctl --timeout=10 get Open_vSwitch . doca_initialized doca_version 2>&1"),
            std::string::npos);
  EXPECT_NE(script.find("get Open_vSwitch . ovs_version db_version datapath_types iface_types "
                        "dpdk_initialized dpdk_version other_config 2>&1"),
            std::string::npos);
  for (const char* forbidden : {"|", "$(", "`", "${", ">>", "<"}) {
    EXPECT_EQ(script.find(forbidden), std::string::npos) << forbidden;
  }
  size_t lines = 0;
  for (char c : script) lines += c == '\n' ? 1 : 0;
  EXPECT_EQ(lines, probe_commands().size());
}

TEST(ParseProbe, DocaNodeAfterInit) {
  Probe p = parse_ok(log_of(doca_node()));
  EXPECT_EQ(p.doca_ovs_package, "doca-openvswitch-3.3.0040-1.el9.x86_64");
  EXPECT_TRUE(p.stock_ovs_packages.empty());
  EXPECT_TRUE(p.vswitchd.active());
  ASSERT_TRUE(p.binary);
  EXPECT_EQ(p.binary->ovs_version, "3.3.0040");
  EXPECT_EQ(p.binary->dpdk_version, "DPDK 25.11.0+doca2601");
  EXPECT_EQ(p.binary->doca_version, "3.3.0109");
  EXPECT_EQ(p.db.error, "");
  EXPECT_EQ(p.db.ovs_version, "3.3.0040");
  EXPECT_EQ(p.db.db_version, "8.5.1");
  EXPECT_EQ(p.db.datapath_types, (std::set<std::string>{"doca", "netdev", "system"}));
  EXPECT_TRUE(p.db.iface_types.count("docavdpa"));
  EXPECT_TRUE(p.db.dpdk_initialized);
  EXPECT_EQ(p.db.dpdk_version, "DPDK 25.11.0+doca2601");
  EXPECT_EQ(p.db.other_config.at("doca-init"), "true");
  EXPECT_TRUE(p.db.doca_schema);
  EXPECT_EQ(p.db.doca_initialized, true);
  EXPECT_EQ(p.db.doca_version, "3.3.0109");
  EXPECT_EQ(p.os.id, "rhcos");
  EXPECT_EQ(p.os.version_id, "4.20");
  EXPECT_EQ(p.os.rhel_version, "9.6");
  EXPECT_EQ(p.os.openshift_version, "4.20");
  EXPECT_EQ(p.sections.size(), probe_commands().size());
}

TEST(ParseProbe, StockNodeHasNoDocaSchema) {
  Probe p = parse_ok(log_of(stock_node()));
  EXPECT_EQ(p.doca_ovs_package, std::nullopt);
  EXPECT_EQ(p.stock_ovs_packages, (std::vector<std::string>{"openvswitch3.5-3.5.0-51.el9fdp.x86_64"}));
  EXPECT_EQ(p.binary->doca_version, "");
  EXPECT_FALSE(p.db.doca_schema);
  EXPECT_EQ(p.db.doca_error, "");
  EXPECT_EQ(p.db.doca_initialized, std::nullopt);
  EXPECT_TRUE(p.db.other_config.empty());
  EXPECT_FALSE(p.db.dpdk_initialized);
}

TEST(ParseProbe, DeadSwitchIsAStateNotAnError) {
  auto m = stock_node();
  const char* refused =
      "ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed (No such file or directory)\n";
  m["ovsdb"] = {refused, 1};
  m["ovsdb-doca"] = {refused, 1};
  m["unit-vswitchd"] = {"failed\n", 3};
  m["vswitchd-version"] = {"sh: ovs-vswitchd: not found\n", 127};
  Probe p = parse_ok(log_of(m));
  EXPECT_FALSE(p.vswitchd.active());
  EXPECT_EQ(p.vswitchd.state, "failed");
  EXPECT_EQ(p.binary, std::nullopt);
  EXPECT_NE(p.db.error.find("database connection failed"), std::string::npos);
  EXPECT_NE(p.db.doca_error.find("database connection failed"), std::string::npos);
  EXPECT_TRUE(p.db.datapath_types.empty());
}

TEST(ParseProbe, AbsentOptionalColumnsAndStderrNoiseBeforeTheValues) {
  auto m = stock_node();
  m["ovsdb"] = {"2025-01-01T00:00:00Z|00001|vsctl|WARN|something\n[]\n[]\n[]\n[]\nfalse\n[]\n{}\n"};
  Probe p = parse_ok(log_of(m));
  EXPECT_EQ(p.db.ovs_version, std::nullopt);
  EXPECT_EQ(p.db.dpdk_version, std::nullopt);
  EXPECT_TRUE(p.db.iface_types.empty());
}

TEST(ParseProbe, MalformedOutputIsAClearError) {
  struct Case {
    std::string section;
    Out out;
    std::string message;
  };
  const Case cases[] = {
      {"ovsdb", {"\"3.5.0\"\n"}, "probe section 'ovsdb': expected 7 values, got 1 lines"},
      {"ovsdb",
       {"\"3.5.0\"\n\"8.3.1\"\n[netdev, system\n[]\nfalse\n[]\n{}\n"},
       "probe section 'ovsdb': output line 3 (datapath_types) offset 15: expected ',' or ']'"},
      {"ovsdb",
       {"\"3.5.0\"\n\"8.3.1\"\n[]\n[]\nyes\n[]\n{}\n"},
       "probe section 'ovsdb': column dpdk_initialized is not a boolean"},
      {"ovsdb",
       {"\"3.5.0\"\n\"8.3.1\"\n[]\n[]\nfalse\n[]\n[a]\n"},
       "probe section 'ovsdb': column other_config is not a map"},
      {"ovsdb-doca",
       {"\"true\"\n\"3.3.0109\"\n"},
       "probe section 'ovsdb-doca': column doca_initialized is not a boolean"},
      {"rpm-doca",
       {"error: rpmdb: damaged header\n", 2},
       "probe section 'rpm-doca': rpm failed: error: rpmdb: damaged header"},
      {"rpm-stock", {"kernel-5.14\n"}, "probe section 'rpm-stock': not an openvswitch3.x package: kernel-5.14"},
      {"vswitchd-version",
       {"hello\n"},
       "probe section 'vswitchd-version': expected \"ovs-vswitchd (Open vSwitch) VERSION\", got: hello"},
  };
  for (const auto& c : cases) {
    auto m = stock_node();
    m[c.section] = c.out;
    auto p = parse_probe(log_of(m));
    ASSERT_FALSE(p.ok()) << c.section;
    EXPECT_EQ(p.error().kind, util::ErrorKind::invalid_input);
    EXPECT_EQ(p.error().message, c.message);
  }
}

TEST(ParseProbe, GarbageAndTruncatedLogsAreErrorsNeverCrashes) {
  EXPECT_EQ(parse_probe("").error().message,
            "probe section 'rpm-doca': missing: the log is not a complete probe log (0 sections found)");
  EXPECT_FALSE(parse_probe("Error from server (NotFound): pods \"x\" not found\n").ok());
  const std::string log = log_of(doca_node());
  size_t failures = 0;
  for (size_t n = 0; n < log.size(); ++n) {  // every cut: an error or (cut after the last end) a probe
    auto p = parse_probe(std::string_view(log).substr(0, n));
    failures += p.ok() ? 0u : 1u;
  }
  EXPECT_EQ(failures, log.size() - 1);  // only the cut of the final newline still parses
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) % 256);
  EXPECT_FALSE(parse_probe(binary).ok());
  EXPECT_TRUE(parse_probe(log + "Removing debug pod ...\n").ok());  // text after the last section is ignored
}

}  // namespace
}  // namespace dl::ovs

#include "ovs/fix.h"

#include <gtest/gtest.h>

#include "ovs/shell.h"

namespace dl::ovs {
namespace {

TEST(Fix, DefaultExpectationSetsDocaInitAndHwOffloadThenRestarts) {
  EXPECT_EQ(fix_script(Expectation{}),
            "echo '@@begin fix'; ovs-vsctl --timeout=30 --no-wait set Open_vSwitch . other_config:doca-init=true "
            "other_config:hw-offload=true 2>&1 && systemctl restart openvswitch 2>&1; echo \"@@end $?\"\n");
}

TEST(Fix, ValuesAreQuotedForOvsVsctlAndThenForTheShell) {
  Expectation e;
  e.hw_offload = false;
  e.other_config = {{"dpdk-extra", "-a 0000:00:00.0"}, {"max-idle", "20000"}};
  auto commands = fix_commands(e);
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(commands[0],
            (std::vector<std::string>{"ovs-vsctl", "--timeout=30", "--no-wait", "set", "Open_vSwitch", ".",
                                      "other_config:doca-init=true", "other_config:dpdk-extra=\"-a 0000:00:00.0\"",
                                      "other_config:max-idle=20000"}));
  EXPECT_NE(fix_script(e).find(" 'other_config:dpdk-extra=\"-a 0000:00:00.0\"' "), std::string::npos);
}

TEST(Fix, NothingToSetOnlyRestarts) {
  Expectation e;
  e.doca_init = false;
  e.hw_offload = false;
  EXPECT_EQ(fix_commands(e), (std::vector<std::vector<std::string>>{{"systemctl", "restart", "openvswitch"}}));
  EXPECT_EQ(fix_script(e), "echo '@@begin fix'; systemctl restart openvswitch 2>&1; echo \"@@end $?\"\n");
}

TEST(Fix, LogOutcome) {
  EXPECT_TRUE(parse_fix_log(format_section("fix", "", 0)).ok());
  auto failed = parse_fix_log(format_section("fix", "ovs-vsctl: no row \".\" in table Open_vSwitch\n", 1));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, util::ErrorKind::internal);
  EXPECT_EQ(failed.error().message, "the fix failed (exit code 1): ovs-vsctl: no row \".\" in table Open_vSwitch");
  auto none = parse_fix_log("sh: 1: chroot: not found\n");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, util::ErrorKind::invalid_input);
  EXPECT_FALSE(parse_fix_log("@@begin fix\n").ok());  // truncated
}

}  // namespace
}  // namespace dl::ovs

#include "sim/node/rpm_command.h"

#include <gtest/gtest.h>

namespace dl::sim::node {
namespace {

const std::vector<std::string> k_installed = {"openvswitch-selinux-extra-policy-1.0-39.el9fdp.noarch",
                                              "doca-openvswitch-3.3.0040-1.el9.x86_64", "kernel-5.14.0-570.el9.x86_64"};

TEST(Rpm, QueryPrintsTheNvraOfEveryMatchingForm) {
  for (std::string q : {"doca-openvswitch", "doca-openvswitch-3.3.0040", "doca-openvswitch-3.3.0040-1.el9",
                        "doca-openvswitch-3.3.0040-1.el9.x86_64", "doca-openvswitch.x86_64"}) {
    auto r = rpm_command({"-q", q}, k_installed);
    EXPECT_EQ(r.exit_code, 0) << q;
    EXPECT_EQ(r.out, "doca-openvswitch-3.3.0040-1.el9.x86_64\n") << q;
  }
}

TEST(Rpm, MissingPackagesAreReportedOnStdoutAndCounted) {
  auto r = rpm_command({"-q", "openvswitch3.5", "kernel", "doca-openvswitch-9"}, k_installed);
  EXPECT_EQ(r.out,
            "package openvswitch3.5 is not installed\nkernel-5.14.0-570.el9.x86_64\n"
            "package doca-openvswitch-9 is not installed\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "");
}

TEST(Rpm, QueryAllListsAndFiltersWithGlobs) {
  EXPECT_EQ(rpm_command({"-qa"}, k_installed).out,
            k_installed[0] + "\n" + k_installed[1] + "\n" + k_installed[2] + "\n");
  auto r = rpm_command({"-qa", "*openvswitch*"}, k_installed);
  EXPECT_EQ(r.out, "openvswitch-selinux-extra-policy-1.0-39.el9fdp.noarch\ndoca-openvswitch-3.3.0040-1.el9.x86_64\n");
  EXPECT_EQ(rpm_command({"-q", "-a", "kernel*"}, k_installed).out, "kernel-5.14.0-570.el9.x86_64\n");
}

TEST(Rpm, UsageErrors) {
  EXPECT_EQ(rpm_command({"-q"}, k_installed).err, "rpm: no arguments given for query\n");
  EXPECT_EQ(rpm_command({"-q", "--bogus"}, k_installed).exit_code, 1);
  EXPECT_EQ(rpm_command({"-e", "kernel"}, k_installed).exit_code, 1);
}

}  // namespace
}  // namespace dl::sim::node

#include "rpmrepo/installed.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace dl::rpmrepo {
namespace {

bool has(const InstalledSet& s, const std::string& name) {
  return std::any_of(s.packages.begin(), s.packages.end(), [&](const InstalledPackage& p) { return p.name == name; });
}

TEST(Installed, ParsesNevraWithAndWithoutEpoch) {
  auto p = parse_nevra("openvswitch3.5-3.5.0-19.el9fdp.x86_64");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->name, "openvswitch3.5");
  EXPECT_EQ(p->evr, "3.5.0-19.el9fdp");
  EXPECT_EQ(p->arch, "x86_64");
  auto e = parse_nevra("openssl-libs-1:3.2.2-6.el9.x86_64");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->name, "openssl-libs");
  EXPECT_EQ(e->evr, "1:3.2.2-6.el9");
  EXPECT_EQ(e->nevra(), "openssl-libs-1:3.2.2-6.el9.x86_64");
  EXPECT_FALSE(parse_nevra("kernel"));
  EXPECT_FALSE(parse_nevra("kernel-5.14.0.x86_64"));
}

TEST(Installed, ReadsPlainRpmQaAndSkipsKeys) {
  auto s = parse_installed(
      "kernel-core-5.14.0-570.12.1.el9_6.x86_64\ngpg-pubkey-fd431d51-4ae0493b\n"
      "bash-5.1.8-9.el9.x86_64\n\n",
      "node.txt");
  ASSERT_TRUE(s) << s.error().message;
  ASSERT_EQ(s->packages.size(), 2u);
  EXPECT_EQ(s->packages[1].name, "bash");
  EXPECT_EQ(s->source, "node.txt");
}

TEST(Installed, ReadsTheRicherExportFormat) {
  auto s = parse_installed(
      "glibc-2.34-168.el9_6.x86_64\n  provides: libc.so.6()(64bit)\n"
      "libibverbs-54.0-1.el9.x86_64\n  requires: rdma-core(x86-64) = 54.0-1.el9\n"
      "  conflicts: foo < 2\n  obsoletes: bar\n",
      "x");
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ(s->packages[0].provides, std::vector<std::string>{"libc.so.6()(64bit)"});
  EXPECT_EQ(s->packages[1].requires_, std::vector<std::string>{"rdma-core(x86-64) = 54.0-1.el9"});
  EXPECT_EQ(s->packages[1].conflicts, std::vector<std::string>{"foo < 2"});
  EXPECT_EQ(s->packages[1].obsoletes, std::vector<std::string>{"bar"});
}

TEST(Installed, ErrorsNameTheLine) {
  auto bad = parse_installed("bash-5.1.8-9.el9.x86_64\nnot a package\n", "n.txt");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("n.txt:2:"), std::string::npos) << bad.error().message;
  auto key = parse_installed("bash-5.1.8-9.el9.x86_64\n  wants: x\n", "n.txt");
  ASSERT_FALSE(key);
  EXPECT_NE(key.error().message.find("n.txt:2:"), std::string::npos);
  EXPECT_FALSE(parse_installed("\n# only a comment\n", "empty.txt"));
}

TEST(Installed, BuiltinModelFollowsTheRelease) {
  auto s416 = builtin_installed(spec::RhcosBase{9, 4, "openvswitch3.3"}, "x86_64");
  EXPECT_TRUE(has(s416, "openvswitch3.3"));
  EXPECT_FALSE(has(s416, "openvswitch3.5"));
  for (const char* n : {"kernel", "glibc", "systemd", "libibverbs", "rdma-core", "bash"})
    EXPECT_TRUE(has(s416, n)) << n;
  auto s10 = builtin_installed(spec::RhcosBase{10, 2, "openvswitch3.5"}, "aarch64");
  auto kernel =
      std::find_if(s10.packages.begin(), s10.packages.end(), [](const auto& p) { return p.name == "kernel"; });
  ASSERT_NE(kernel, s10.packages.end());
  EXPECT_NE(kernel->evr.find("el10"), std::string::npos);
  EXPECT_EQ(kernel->arch, "aarch64");
  EXPECT_NE(s10.source.find("RHEL 10.2"), std::string::npos);
}

TEST(Installed, ExportRoundTrips) {
  auto model = builtin_installed(spec::RhcosBase{9, 6, "openvswitch3.5"}, "x86_64");
  auto back = parse_installed(export_installed(model), "export");
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->packages.size(), model.packages.size());
  for (size_t i = 0; i < model.packages.size(); ++i) {
    EXPECT_EQ(back->packages[i].nevra(), model.packages[i].nevra());
    EXPECT_EQ(back->packages[i].provides, model.packages[i].provides);
    EXPECT_EQ(back->packages[i].requires_, model.packages[i].requires_);
  }
}

}  // namespace
}  // namespace dl::rpmrepo

#include "render/containerfile.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "spec/starter.h"
#include "spec/validate.h"
#include "util/files.h"
#include "util/strings.h"

namespace dl::render {
namespace {

spec::LayerSpec default_spec() { return spec::load_string(spec::starter_spec({}), "layer.yaml", "").spec; }

// The shell that follows "RUN " with the Containerfile's line continuations joined.
std::string run_script(const std::string& cf) {
  size_t run = cf.find("RUN ");
  return util::replace_all(cf.substr(run + 4), "\\\n", "\n");
}

TEST(Containerfile, ShapeTheMcoExpects) {
  std::string cf = containerfile(default_spec());
  EXPECT_EQ(cf.rfind("FROM configs AS final\n", 0), 0u);
  EXPECT_EQ(cf.substr(cf.size() - 25), "    bootc container lint\n");
  EXPECT_EQ(cf.find("http://"), std::string::npos);        // no pinned package URLs
  EXPECT_EQ(cf.find("https://"), std::string::npos);
  EXPECT_EQ(cf.find("openvswitch3.5"), std::string::npos);  // no hard-coded stock OVS
  EXPECT_LE(api_length(cf), k_containerfile_limit);
}

TEST(Containerfile, OneInstallTransactionForDependenciesAndProfile) {
  std::string cf = containerfile(default_spec());
  size_t count = 0;
  for (size_t pos = 0; (pos = cf.find("dnf -y", pos)) != std::string::npos; ++pos) ++count;
  EXPECT_EQ(count, 2u);  // distro-sync from the DOCA repo, then one install
  EXPECT_NE(cf.find("dnf -y --repo=doca distro-sync libibverbs rdma-core;"), std::string::npos);
  EXPECT_NE(cf.find("install libyaml-devel"), std::string::npos);
  EXPECT_NE(cf.find(" doca-all;"), std::string::npos);
}

TEST(Containerfile, PersistsOvsSettingsBeforeTheSwitchStarts) {
  spec::LayerSpec s = default_spec();
  s.ovs.other_config = {{"max-idle", "20000"}, {"dpdk-extra", "-a 0000:00:00.0"}};
  std::string cf = containerfile(s);
  EXPECT_NE(cf.find(k_ovs_dropin), std::string::npos);
  EXPECT_EQ(ovs_settings_args(s.ovs),
            "other_config:doca-init=true other_config:hw-offload=true \"other_config:dpdk-extra=-a 0000:00:00.0\" "
            "other_config:max-idle=20000");
  s.ovs = {false, false, {}};
  EXPECT_EQ(containerfile(s).find("ovs-vswitchd.service.d"), std::string::npos);
}

TEST(Containerfile, ScriptIsValidShell) {
  std::string path = std::filesystem::temp_directory_path() / ("dl-cf-" + std::to_string(::getpid()) + ".sh");
  ASSERT_TRUE(util::write_file_atomic(path, run_script(containerfile(default_spec())), util::FileMode::public_0644).ok());
  int rc = std::system(("bash -n " + path + " && sh -n " + path).c_str());
  std::filesystem::remove(path);
  EXPECT_EQ(rc, 0);
}

// Runs the RUN script with test doubles for rpm, dnf and bootc (an RHCOS build root is a
// boundary we cannot run here) and checks what it asked them to do, in order.
TEST(Containerfile, ScriptRemovesWhicheverStockOvsIsInstalled) {
  auto dir = std::filesystem::temp_directory_path() / ("dl-cfrun-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "bin");
  auto stub = [&](const std::string& name, const std::string& body) {
    std::string p = (dir / "bin" / name).string();
    util::write_file_atomic(p, "#!/bin/sh\nprintf '%s\\n' \"" + name + " $*\" >> \"$CALLS\"\n" + body, util::FileMode::public_0644);
    std::filesystem::permissions(p, std::filesystem::perms::owner_all);
  };
  stub("rpm", "case \"$1\" in -qa) printf 'bash\\nopenvswitch3.4\\nopenvswitch3.4-ipsec\\nopenvswitch-selinux-extra-policy\\n';; esac\n");
  stub("dnf", "");
  stub("bootc", "");
  stub("mkdir", "");
  stub("rm", "");
  std::string script = run_script(containerfile(default_spec()));
  script = util::replace_all(script, "/usr/lib/systemd/system/ovs-vswitchd.service.d/10-doca-layer.conf",
                             (dir / "dropin.conf").string());
  std::string sp = (dir / "run.sh").string();
  ASSERT_TRUE(util::write_file_atomic(sp, script, util::FileMode::public_0644).ok());
  std::string calls = (dir / "calls").string();
  int rc = std::system(("PATH=" + (dir / "bin").string() + ":/usr/bin:/bin CALLS=" + calls + " sh " + sp + " 2>/dev/null").c_str());
  ASSERT_EQ(rc, 0);
  auto log = util::split(util::trim(*util::read_file(calls)), '\n');
  std::vector<std::string> rpm_dnf;
  for (const auto& l : log)
    if (l.rfind("rpm", 0) == 0 || l.rfind("dnf", 0) == 0 || l.rfind("bootc", 0) == 0) rpm_dnf.push_back(l);
  std::vector<std::string> expected = {
      "rpm -qa --qf %{NAME}\\n",
      "rpm -e --nodeps openvswitch3.4 openvswitch3.4-ipsec",  // not openvswitch-selinux-extra-policy
      "dnf -y --repo=doca distro-sync libibverbs rdma-core",
      "dnf -y --setopt=install_weak_deps=False install libyaml-devel libpcap-devel libzip-devel libunwind jsoncpp "
      "openssl-devel kernel-devel kernel-headers unbound-libs unbound bzip2-libs bzip2-devel doca-all",
      "rpm -q doca-openvswitch",
      "dnf clean all",
      "bootc container lint"};
  EXPECT_EQ(rpm_dnf, expected);
  EXPECT_EQ(*util::read_file((dir / "dropin.conf").string()),
            "[Service]\nExecStartPre=-/usr/bin/ovs-vsctl --no-wait set Open_vSwitch . other_config:doca-init=true "
            "other_config:hw-offload=true\n");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace dl::render

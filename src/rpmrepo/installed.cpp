#include "rpmrepo/installed.h"

namespace dl::rpmrepo {
namespace {

struct Versions {
  std::string kernel, glibc, systemd, rdma, ovs, openssl, bash, nm;
};

/// Typical package versions of the RHEL minor under each RHCOS base.
Versions versions_for(const spec::RhcosBase& b) {
  if (b.rhel_major >= 10)
    return {"6.12.0-124.8.1.el10_1", "2.39-58.el10",   "257-13.el10",   "57.0-2.el10",
            "3.5.1-24.el10fdp",      "1:3.5.1-4.el10", "5.2.26-6.el10", "1:1.54.0-2.el10"};
  if (b.rhel_minor >= 8)
    return {"5.14.0-611.5.1.el9_7", "2.34-231.el9",  "252-55.el9",  "57.0-2.el9",
            "3.5.1-24.el9fdp",      "1:3.5.1-3.el9", "5.1.8-9.el9", "1:1.54.0-2.el9"};
  if (b.rhel_minor >= 6)
    return {"5.14.0-570.12.1.el9_6", "2.34-168.el9_6", "252-51.el9",  "54.0-1.el9",
            "3.5.0-19.el9fdp",       "1:3.2.2-6.el9",  "5.1.8-9.el9", "1:1.52.0-3.el9"};
  return {"5.14.0-427.13.1.el9_4", "2.34-100.el9_4", "252-32.el9_4", "48.0-1.el9",
          "3.4.0-12.el9fdp",       "1:3.0.7-27.el9", "5.1.8-9.el9",  "1:1.46.0-8.el9"};
}

std::string isa(const std::string& arch) {
  return arch == "aarch64" ? "(aarch-64)" : "(x86-64)";
}

std::string lib64() {
  return "()(64bit)";
}

}  // namespace

InstalledSet builtin_installed(const spec::RhcosBase& base, const std::string& arch) {
  Versions v = versions_for(base);
  std::string ovs = base.stock_ovs.empty() ? "openvswitch3.5" : base.stock_ovs;
  auto pkg = [&](std::string name, std::string evr) {
    InstalledPackage p;
    p.name = std::move(name);
    p.evr = std::move(evr);
    p.arch = arch;
    return p;
  };
  std::vector<InstalledPackage> out;
  auto add = [&](InstalledPackage p) { out.push_back(std::move(p)); };
  auto glibc = pkg("glibc", v.glibc);
  glibc.provides = {"libc.so.6" + lib64(), "rtld(GNU_HASH)", "glibc" + isa(arch) + " = " + v.glibc};
  add(glibc);
  auto bash = pkg("bash", v.bash);
  bash.provides = {"/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash"};
  add(bash);
  add(pkg("kernel", v.kernel));
  add(pkg("kernel-core", v.kernel));
  add(pkg("kernel-modules", v.kernel));
  add(pkg("kernel-modules-core", v.kernel));
  auto systemd = pkg("systemd", v.systemd);
  systemd.provides = {"systemd" + isa(arch) + " = " + v.systemd, "/usr/bin/systemctl"};
  add(systemd);
  add(pkg("systemd-udev", v.systemd));
  auto ssl = pkg("openssl-libs", v.openssl);
  ssl.provides = {"libssl.so.3" + lib64(), "libcrypto.so.3" + lib64()};
  add(ssl);
  std::string rdma = v.rdma;
  auto core = pkg("rdma-core", rdma);
  core.provides = {"rdma-core" + isa(arch) + " = " + rdma};
  add(core);
  auto verbs = pkg("libibverbs", rdma);
  verbs.provides = {"libibverbs.so.1" + lib64(), "libibverbs" + isa(arch) + " = " + rdma};
  verbs.requires_ = {"rdma-core" + isa(arch) + " = " + rdma};
  add(verbs);
  auto stock_ovs = pkg(ovs, v.ovs);
  stock_ovs.provides = {"openvswitch = " + v.ovs.substr(0, v.ovs.find('-'))};
  stock_ovs.requires_ = {"/bin/sh", "libibverbs.so.1" + lib64()};
  add(stock_ovs);
  add(pkg("openvswitch-selinux-extra-policy", "1.0-39.el9fdp"));
  out.back().arch = "noarch";
  auto nm = pkg("NetworkManager", v.nm);
  add(nm);
  auto nm_ovs = pkg("NetworkManager-ovs", v.nm);
  nm_ovs.requires_ = {"NetworkManager" + isa(arch) + " = " + v.nm};
  add(nm_ovs);
  add(pkg("rpm", "4.16.1.3-37.el9"));
  add(pkg("dnf", "4.14.0-25.el9"));
  out.back().arch = "noarch";
  add(pkg("rpm-ostree", "2025.7-1.el9"));
  InstalledSet set;
  set.source = "built-in model of RHCOS on RHEL " + std::to_string(base.rhel_major) + "." +
               std::to_string(base.rhel_minor) + " (" + ovs + ", " + arch + ")";
  set.packages = std::move(out);
  return set;
}

}  // namespace dl::rpmrepo

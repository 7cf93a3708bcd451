#include "sim/node/rpm_headers.h"

namespace dl::sim::node {
namespace {

std::string isa(const std::string& arch) {
  return arch == "aarch64" ? "(aarch-64)" : "(x86-64)";
}

/// Provides and requires of the packages whose dependencies other packages name.
void add_dependencies(RpmHeader& h) {
  const std::string lib = "()(64bit)";
  const std::string self = h.name + isa(h.arch) + " = " + h.evr;
  if (h.name == "glibc") {
    h.provides = {"libc.so.6" + lib, "rtld(GNU_HASH)", self};
  } else if (h.name == "bash") {
    h.provides = {"/bin/sh", "/bin/bash", "/usr/bin/sh", "/usr/bin/bash"};
  } else if (h.name == "systemd") {
    h.provides = {self, "/usr/bin/systemctl"};
  } else if (h.name == "openssl-libs") {
    h.provides = {"libssl.so.3" + lib, "libcrypto.so.3" + lib};
  } else if (h.name == "rdma-core") {
    h.provides = {self};
  } else if (h.name == "libibverbs") {
    h.provides = {"libibverbs.so.1" + lib, self};
    h.requires_ = {"rdma-core" + isa(h.arch) + " = " + h.evr};
  } else if (h.name.rfind("openvswitch3.", 0) == 0) {
    h.provides = {"openvswitch = " + h.evr.substr(0, h.evr.find('-'))};
    h.requires_ = {"/bin/sh", "libibverbs.so.1" + lib};
  } else if (h.name == "doca-openvswitch") {
    h.provides = {"openvswitch-doca = " + h.evr.substr(0, h.evr.find('-'))};
    h.requires_ = {"/bin/sh"};
  }
}

}  // namespace

std::vector<RpmHeader> rpm_headers(const OsImage& image) {
  std::vector<RpmHeader> out;
  for (const auto& p : image.packages) {
    auto nvra = parse_nvra(p);
    if (!nvra) continue;
    RpmHeader h{nvra->name, nvra->version + "-" + nvra->release, nvra->arch, {}, {}};
    if (h.name == "openssl-libs") h.evr = "1:" + h.evr;  // rpm -qa hides the epoch
    add_dependencies(h);
    out.push_back(std::move(h));
  }
  return out;
}

}  // namespace dl::sim::node

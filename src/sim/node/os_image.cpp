#include "sim/node/os_image.h"

#include <cstdint>
#include <cstdio>

namespace dl::sim::node {
namespace {

struct Release {
  const char* ocp;
  const char* rhel;
  const char* ovs_package;  // NVRA of the release's openvswitch3.x
  const char* ovs_version;
};

// RHEL base and openvswitch package per release (facts: openshift-layering.md §6).
constexpr Release k_releases[] = {
    {"4.16", "9.4", "openvswitch3.3-3.3.0-70.el9fdp.x86_64", "3.3.0"},
    {"4.17", "9.4", "openvswitch3.4-3.4.0-12.el9fdp.x86_64", "3.4.0"},
    {"4.18", "9.4", "openvswitch3.4-3.4.0-18.el9fdp.x86_64", "3.4.0"},
    {"4.19", "9.6", "openvswitch3.5-3.5.0-19.el9fdp.x86_64", "3.5.0"},
    {"4.20", "9.6", "openvswitch3.5-3.5.0-51.el9fdp.x86_64", "3.5.0"},
    {"4.21", "9.6", "openvswitch3.5-3.5.0-66.el9fdp.x86_64", "3.5.0"},
    {"4.22", "9.8", "openvswitch3.5-3.5.1-12.el9fdp.x86_64", "3.5.1"},
};
constexpr size_t k_default_release = 4;  // 4.20

/// A stable fake sha256 digest of `text` (FNV-1a chained; not cryptographic, only unique enough).
std::string fake_digest(const std::string& text) {
  std::string hex = "sha256:";
  uint64_t h = 1469598103934665603ULL;
  for (uint64_t round = 0; round < 4; ++round) {
    for (char c : text) h = (h ^ static_cast<uint64_t>(static_cast<unsigned char>(c))) * 1099511628211ULL;
    h = (h ^ round) * 1099511628211ULL;
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
    hex += buf;
  }
  return hex;
}

std::string el_tag(const std::string& rhel_version) {
  return "el" + rhel_version.substr(0, rhel_version.find('.'));
}

}  // namespace

OsImage stock_rhcos_image(const std::string& ocp_minor) {
  const Release* release = &k_releases[k_default_release];
  for (const auto& r : k_releases) {
    if (ocp_minor == r.ocp) release = &r;
  }
  OsImage image;
  image.kind = ImageKind::stock_rhcos;
  image.ocp_version = release->ocp;
  image.rhel_version = release->rhel;
  image.ovs_version = release->ovs_version;
  image.dpdk_version = "DPDK 24.11.1";
  image.digest = fake_digest(std::string("rhel-coreos-") + release->ocp);
  image.pull_spec = "quay.io/openshift-release-dev/ocp-v4.0-art-dev@" + image.digest;
  std::string el = el_tag(image.rhel_version);
  image.packages = {
      "glibc-2.34-168." + el + ".x86_64",
      "bash-5.1.8-9." + el + ".x86_64",
      "systemd-252-51." + el + ".x86_64",
      "openssl-libs-3.2.2-6." + el + ".x86_64",
      "rdma-core-54.0-1." + el + ".x86_64",
      "libibverbs-54.0-1." + el + ".x86_64",
      "kernel-5.14.0-570.39.1." + el + "_6.x86_64",
      "NetworkManager-1.52.0-5." + el + "_6.x86_64",
      "cri-o-1.33.4-2.rhaos" + std::string(release->ocp) + "." + el + ".x86_64",
      "rpm-ostree-2025.8-1." + el + "_6.x86_64",
      "openvswitch-selinux-extra-policy-1.0-39.el9fdp.noarch",
      release->ovs_package,
  };
  return image;
}

OsImage ovs_doca_image(const OsImage& base, const std::string& doca_version, const std::string& ovs_version,
                       const std::string& pull_spec, const std::string& digest) {
  OsImage image = base;
  image.kind = ImageKind::ovs_doca_layered;
  image.doca_version = doca_version;
  image.ovs_version = ovs_version;
  image.dpdk_version = "DPDK 25.11.0+doca2601";
  image.pull_spec = pull_spec;
  image.digest = digest;
  std::vector<std::string> kept;
  for (const auto& p : base.packages) {
    auto nvra = parse_nvra(p);
    bool stock_ovs = nvra && nvra->name.rfind("openvswitch3.", 0) == 0;
    if (!stock_ovs) kept.push_back(p);
  }
  kept.push_back("doca-openvswitch-" + ovs_version + "-1." + el_tag(base.rhel_version) + ".x86_64");
  image.packages = std::move(kept);
  return image;
}

std::optional<Nvra> parse_nvra(const std::string& nvra) {
  size_t dot = nvra.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string nvr = nvra.substr(0, dot);
  size_t r = nvr.rfind('-');
  if (r == std::string::npos || r == 0) return std::nullopt;
  size_t v = nvr.rfind('-', r - 1);
  if (v == std::string::npos || v == 0) return std::nullopt;
  return Nvra{nvr.substr(0, v), nvr.substr(v + 1, r - v - 1), nvr.substr(r + 1), nvra.substr(dot + 1)};
}

}  // namespace dl::sim::node

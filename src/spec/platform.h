// What each OpenShift release runs underneath: the RHEL base of RHCOS and the stock Open vSwitch
// package (facts: openshift/os manifests per release), and DOCA repo naming.
#pragma once

#include <optional>
#include <string>

namespace dl::spec {

struct OcpVersion {
  int major = 0;
  int minor = 0;
  int patch = -1;  ///< -1 when only major.minor was given
};

/// "4.20" or "4.20.15"; nullopt otherwise.
std::optional<OcpVersion> parse_ocp_version(const std::string& s);

struct RhcosBase {
  int rhel_major = 9;
  int rhel_minor = 6;
  std::string stock_ovs;  ///< e.g. openvswitch3.5
};

/// RHCOS base for a release; nullopt for releases older than 4.16 (no on-cluster layering).
std::optional<RhcosBase> rhcos_base(const OcpVersion& v);

/// The oldest release whose MachineOSConfig v1 API is GA.
inline constexpr OcpVersion k_min_layering_v1{4, 19, -1};

/// DOCA repo path component for an RPM arch (aarch64 hosts use arm64-sbsa).
std::string doca_repo_arch(const std::string& arch);

/// Numeric DOCA version compare key ("3.3.0" -> 30300); nullopt for aliases like "latest".
std::optional<int> doca_version_key(const std::string& version);

}  // namespace dl::spec

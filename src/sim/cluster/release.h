// What a simulated OpenShift release runs underneath: Kubernetes, the RHEL base of RHCOS, its
// stock Open vSwitch package, kernel and version strings the nodes report.
// The RHEL/OVS columns repeat src/spec/platform.cpp's table (facts: openshift/os manifests per
// release): the simulator may not depend on spec (it is an independent implementation that
// meets doca-layer only on the wire), so it keeps its own copy.
#pragma once

#include <optional>
#include <string>

namespace dl::sim::cluster {

struct Release {
  std::string version;  ///< as given: "4.20.15" or "4.20"
  int minor = 20;       ///< 4.<minor>
  int rhel_major = 9;
  int rhel_minor = 6;
  std::string stock_ovs;   ///< openvswitch3.5
  std::string kubernetes;  ///< v1.33.6
  /// The RHCOS version string in node osImage ("9.6.20260101-0" from 4.19, "418.94.202601010000-0" before).
  std::string rhcos() const;
  /// The running kernel for an RPM arch (x86_64, aarch64), e.g. 5.14.0-570.60.1.el9_6.x86_64.
  std::string kernel(const std::string& arch) const;
  /// Node nodeInfo.osImage: "Red Hat Enterprise Linux CoreOS <rhcos()> (Plow)".
  std::string node_os_image() const { return "Red Hat Enterprise Linux CoreOS " + rhcos() + " (Plow)"; }
  /// Node nodeInfo.containerRuntimeVersion: "cri-o://1.33.6-3.rhaos4.20.el9".
  std::string cri_o() const {
    return "cri-o://" + kubernetes.substr(1) + "-3.rhaos4." + std::to_string(minor) + ".el9";
  }
  /// "stable-4.20".
  std::string channel() const { return "stable-4." + std::to_string(minor); }
};

/// The release for "4.Y" or "4.Y.Z" with 16 <= Y <= 22; nullopt for anything else.
std::optional<Release> find_release(const std::string& version);

}  // namespace dl::sim::cluster

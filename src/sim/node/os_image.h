// OsImage: what a simulated node boots into. Either the stock RHCOS image of an OpenShift release
// (with the release's `openvswitch3.x` RPM) or a layered image in which NVIDIA's
// `doca-openvswitch` replaced it (built by on-cluster layering from a MachineOSConfig).
#pragma once

#include <optional>
#include <map>
#include <string>
#include <vector>

namespace dl::sim::node {

/// Which Open vSwitch the image carries; decides the OVSDB schema and what the switch reports.
enum class ImageKind { stock_rhcos, ovs_doca_layered };

/// A bootable OS image as the node sees it.
struct OsImage {
  std::string pull_spec;  ///< e.g. "quay.io/...@sha256:..." or ".../os-image:latest"
  std::string digest;     ///< "sha256:<64 hex>"
  ImageKind kind = ImageKind::stock_rhcos;
  std::vector<std::string> packages;  ///< installed RPMs as name-version-release.arch, `rpm -qa` order
  std::string ovs_version;            ///< what ovs-vswitchd reports, e.g. "3.5.0" or "3.3.0040"
  std::string doca_version;           ///< DOCA library version ("3.3.0109"); empty for stock images
  std::string dpdk_version;           ///< e.g. "DPDK 24.11.1"; empty = built without DPDK ("none")
  std::string rhel_version = "9.6";   ///< RHEL minor RHCOS is built from (system_version, os-release)
  std::string ocp_version = "4.20";   ///< OpenShift minor of the RHCOS build (os-release)
  /// Keys a systemd drop-in of the image writes to Open_vSwitch other_config each time before
  /// ovs-vswitchd starts (the layer's `ExecStartPre=ovs-vsctl --no-wait set ... other_config:K=V`).
  std::map<std::string, std::string> start_other_config;

  /// True for the layered OVS-DOCA image.
  bool is_doca() const { return kind == ImageKind::ovs_doca_layered; }
};

/// The stock RHCOS image of OpenShift `ocp_minor` ("4.16".."4.22"): its RHEL minor and its
/// `openvswitch3.x` package follow the release table in the facts (4.16 openvswitch3.3 on 9.4,
/// 4.17/4.18 openvswitch3.4 on 9.4, 4.19+ openvswitch3.5 on 9.6, 4.22 on 9.8); unknown minors
/// get the 4.20 set. `digest` is derived from the release so equal releases compare equal.
OsImage stock_rhcos_image(const std::string& ocp_minor);

/// `base` after the OVS-DOCA layer: every openvswitch3.x package removed, doca-openvswitch
/// `ovs_version` and its companions added; kind, versions, pull spec and digest replaced.
OsImage ovs_doca_image(const OsImage& base, const std::string& doca_version, const std::string& ovs_version,
                       const std::string& pull_spec, const std::string& digest);

/// Name, version, release and arch of an NVRA string such as "doca-openvswitch-3.3.0040-1.el9.x86_64".
struct Nvra {
  std::string name, version, release, arch;
};

/// Splits `nvra` (arch after the last '.', release and version after the last two '-');
/// nullopt when it has fewer than three '-'-separated parts.
std::optional<Nvra> parse_nvra(const std::string& nvra);

}  // namespace dl::sim::node

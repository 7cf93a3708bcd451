#include "sim/cluster/release.h"

#include <regex>

namespace dl::sim::cluster {

std::optional<Release> find_release(const std::string& version) {
  static const std::regex k_re(R"(^4\.([0-9]+)(\.[0-9]+)?$)");
  std::smatch m;
  if (version.size() > 16 || !std::regex_match(version, m, k_re)) return std::nullopt;
  Release r;
  r.version = version;
  r.minor = std::stoi(m[1]);
  if (r.minor < 16 || r.minor > 22) return std::nullopt;
  r.stock_ovs = "openvswitch3.5";
  if (r.minor <= 18) {
    r.rhel_minor = 4;
    r.stock_ovs = r.minor == 16 ? "openvswitch3.3" : "openvswitch3.4";
  } else if (r.minor == 22) {
    r.rhel_minor = 8;
  }
  switch (r.minor) {  // OpenShift 4.Y ships Kubernetes 1.(Y+13)
    case 19:
      r.kubernetes = "v1.32.8";
      break;
    case 20:
      r.kubernetes = "v1.33.6";
      break;
    case 21:
      r.kubernetes = "v1.34.2";
      break;
    default:
      r.kubernetes = "v1." + std::to_string(r.minor + 13) + ".5";
  }
  return r;
}

std::string Release::rhcos() const {
  std::string rhel = std::to_string(rhel_major) + std::to_string(rhel_minor);
  if (minor >= 19) return std::to_string(rhel_major) + "." + std::to_string(rhel_minor) + ".20260101-0";
  return "4" + std::to_string(minor) + "." + rhel + ".202601010000-0";
}

std::string Release::kernel(const std::string& arch) const {
  std::string build = rhel_minor == 4 ? "427.50.1" : rhel_minor == 6 ? "570.60.1" : "611.5.1";
  return "5.14.0-" + build + ".el" + std::to_string(rhel_major) + "_" + std::to_string(rhel_minor) + "." + arch;
}

}  // namespace dl::sim::cluster

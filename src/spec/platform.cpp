#include "spec/platform.h"

#include <regex>

namespace dl::spec {

std::optional<OcpVersion> parse_ocp_version(const std::string& s) {
  static const std::regex k_re(R"(^([0-9]+)\.([0-9]+)(\.([0-9]+))?$)");
  std::smatch m;
  if (s.size() > 20 || !std::regex_match(s, m, k_re)) return std::nullopt;
  OcpVersion v{std::stoi(m[1]), std::stoi(m[2]), m[4].matched ? std::stoi(m[4]) : -1};
  return v;
}

std::optional<RhcosBase> rhcos_base(const OcpVersion& v) {
  if (v.major >= 5 || (v.major == 4 && v.minor >= 23)) return RhcosBase{10, 2, "openvswitch3.5"};
  if (v.major != 4 || v.minor < 16) return std::nullopt;
  switch (v.minor) {
    case 16: return RhcosBase{9, 4, "openvswitch3.3"};
    case 17:
    case 18: return RhcosBase{9, 4, "openvswitch3.4"};
    case 19:
    case 20:
    case 21: return RhcosBase{9, 6, "openvswitch3.5"};
    default: return RhcosBase{9, 8, "openvswitch3.5"};  // 4.22
  }
}

std::string doca_repo_arch(const std::string& arch) { return arch == "aarch64" ? "arm64-sbsa" : arch; }

std::optional<int> doca_version_key(const std::string& version) {
  static const std::regex k_re(R"(^([0-9]+)\.([0-9]+)\.([0-9]+)$)");
  std::smatch m;
  if (version.size() > 20 || !std::regex_match(version, m, k_re)) return std::nullopt;
  return std::stoi(m[1]) * 10000 + std::stoi(m[2]) * 100 + std::stoi(m[3]);
}

}  // namespace dl::spec

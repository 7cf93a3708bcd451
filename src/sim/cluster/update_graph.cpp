#include "sim/cluster/update_graph.h"

#include <algorithm>
#include <regex>

namespace dl::sim::cluster {
namespace {

// The newest z-stream the sim's graph has per minor 4.16..4.22 (sim data; the write-up's
// 4.20.15 and 4.21.11 are in it).
constexpr int k_first_minor = 16;
constexpr int k_latest_z[] = {60, 50, 40, 30, 20, 12, 3};

std::optional<int> latest_z(int minor) {
  if (minor < k_first_minor || minor >= k_first_minor + static_cast<int>(std::size(k_latest_z))) return std::nullopt;
  return k_latest_z[minor - k_first_minor];
}

bool in_graph(const Semver& v) {
  auto latest = latest_z(v.minor);
  return v.major == 4 && latest && v.patch <= *latest;
}

}  // namespace

std::string Semver::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<Semver> parse_semver(const std::string& version) {
  static const std::regex k_re(R"(^(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})$)");
  std::smatch m;
  if (version.size() > 20 || !std::regex_match(version, m, k_re)) return std::nullopt;
  return Semver{std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3])};
}

bool in_update_graph(const std::string& version) {
  auto v = parse_semver(version);
  return v && in_graph(*v);
}

bool update_edge(const std::string& from, const std::string& to) {
  auto a = parse_semver(from), b = parse_semver(to);
  if (!a || !b || !in_graph(*a) || !in_graph(*b)) return false;
  return *a < *b && (b->minor == a->minor || b->minor == a->minor + 1);
}

GraphAnswer query_update_graph(const std::string& current, const std::string& channel) {
  GraphAnswer out;
  if (channel.empty()) {
    out.reason = "NoChannel";
    out.message = "The update channel has not been configured.";
    return out;
  }
  static const std::regex k_channel(R"(^(stable|fast|candidate|eus)-4\.([0-9]{1,3})$)");
  std::smatch m;
  auto cur = parse_semver(current);
  int channel_minor = std::regex_match(channel, m, k_channel) ? std::stoi(m[2]) : -1;
  auto carries = [&](const Semver& v) { return v.minor == channel_minor || v.minor + 1 == channel_minor; };
  if (!cur || !in_graph(*cur) || !carries(*cur)) {
    out.reason = "VersionNotFound";
    out.message = "Unable to retrieve available updates: currently reconciling cluster version " + current +
                  " not found in the \"" + channel + "\" channel";
    return out;
  }
  out.retrieved = true;
  for (int minor = cur->minor + 1; minor >= cur->minor; --minor) {
    auto latest = latest_z(minor);
    for (int z = latest.value_or(-1); z >= 0; --z) {
      Semver v{4, minor, z};
      if (carries(v) && update_edge(current, v.str())) out.updates.push_back(v.str());
    }
  }
  return out;
}

}  // namespace dl::sim::cluster

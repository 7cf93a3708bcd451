#include "spec/formats.h"

#include <cmath>
#include <regex>

namespace dl::spec {

bool is_dns1123_subdomain(const std::string& s) {
  static const std::regex k_re(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
  return !s.empty() && s.size() <= 253 && std::regex_match(s, k_re);
}

bool is_dns1123_label(const std::string& s) {
  static const std::regex k_re(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?$)");
  return !s.empty() && s.size() <= 63 && std::regex_match(s, k_re);
}

std::optional<double> parse_storage_quantity(const std::string& s) {
  static const std::regex k_re(R"(^([0-9]+(\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$)");
  std::smatch m;
  if (!std::regex_match(s, m, k_re)) return std::nullopt;
  double n = std::stod(m[1].str());
  std::string suffix = m[3].str();
  const char* bin[] = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  const char* dec[] = {"k", "M", "G", "T", "P", "E"};
  for (int i = 0; i < 6; ++i) {
    if (suffix == bin[i]) n *= std::pow(1024.0, i + 1);
    if (suffix == dec[i]) n *= std::pow(1000.0, i + 1);
  }
  if (n <= 0) return std::nullopt;
  return n;
}

std::optional<long long> parse_duration(const std::string& s) {
  static const std::regex k_re(R"(^([0-9]+h)?([0-9]+m)?([0-9]+s)?$)");
  std::smatch m;
  if (s.empty() || !std::regex_match(s, m, k_re)) return std::nullopt;
  long long total = 0;
  const long long unit[3] = {3600, 60, 1};
  for (size_t i = 0; i < 3; ++i) {
    std::string part = m[i + 1].str();
    if (part.empty()) continue;
    if (part.size() > 10) return std::nullopt;
    total += std::stoll(part.substr(0, part.size() - 1)) * unit[i];
  }
  return total;
}

std::string format_duration(long long seconds) {
  std::string out;
  if (seconds >= 3600) out += std::to_string(seconds / 3600) + "h";
  if (seconds % 3600 >= 60) out += std::to_string(seconds % 3600 / 60) + "m";
  if (seconds % 60 || out.empty()) out += std::to_string(seconds % 60) + "s";
  return out;
}

bool matches_push_spec_cel(const std::string& s) {
  static const std::regex k_host(
      R"(^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?(/[a-zA-Z0-9_-]{1,61})*/[a-zA-Z0-9_.-]+:[a-zA-Z0-9._-]+$)");
  static const std::regex k_svc(R"(^[^.]+\.[^.]+\.svc:\d+\/[^\/]+\/[^\/]+:[^\/]+$)");
  return !s.empty() && s.size() <= 447 && (std::regex_match(s, k_host) || std::regex_match(s, k_svc));
}

namespace {
std::string repository_part(const std::string& s) {
  size_t slash = s.find('/');
  if (slash == std::string::npos) return {};
  std::string rest = s.substr(slash + 1);
  size_t colon = rest.rfind(':');
  return colon == std::string::npos ? rest : rest.substr(0, colon);
}
}  // namespace

bool push_spec_repository_is_lower(const std::string& s) {
  std::string repo = repository_part(s);
  for (char c : repo)
    if (c >= 'A' && c <= 'Z') return false;
  return true;
}

int push_spec_path_depth(const std::string& s) {
  std::string repo = repository_part(s);
  int slashes = 0;
  for (char c : repo) slashes += c == '/';
  return slashes;
}

bool is_url(const std::string& s, bool allow_file) {
  static const std::regex k_http(R"(^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[^\s]*)?$)");
  static const std::regex k_file(R"(^file:///[^\s]*$)");
  return std::regex_match(s, k_http) || (allow_file && std::regex_match(s, k_file));
}

bool is_package_name(const std::string& s) {
  static const std::regex k_re(R"(^[A-Za-z0-9][A-Za-z0-9._+-]*$)");
  return s.size() <= 200 && std::regex_match(s, k_re);
}

}  // namespace dl::spec

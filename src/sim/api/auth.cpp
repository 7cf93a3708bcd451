#include "sim/api/auth.h"

#include <random>

#include "util/base64.h"
#include "util/strings.h"

namespace dl::sim::api {
namespace {

std::string base64url(const std::string& data) {
  std::string s = util::base64_encode(data);
  for (char& c : s) c = c == '+' ? '-' : c == '/' ? '_' : c;
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

std::string random_bytes(size_t n) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  std::string out;
  for (size_t i = 0; i < n; ++i) out += static_cast<char>(rng() & 0xFF);
  return out;
}

}  // namespace

std::string rfc3339(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ApiResult<Identity> Authenticator::authenticate(const std::string& authorization, const std::string& cert_subject) const {
  const std::string prefix = "Bearer ";
  if (authorization.rfind(prefix, 0) == 0 || authorization.rfind("bearer ", 0) == 0) {
    std::string token = util::trim(authorization.substr(prefix.size()));
    if (!m_admin_token.empty() && token == m_admin_token) return Identity{"kube:admin", {"system:masters", "system:authenticated"}, true};
    std::lock_guard<std::mutex> lock(m_mu);
    auto it = m_tokens.find(token);
    if (it != m_tokens.end() && it->second.expires > std::time(nullptr))
      return Identity{it->second.subject, {"system:serviceaccounts", "system:authenticated"}, false};
    return unauthorized();
  }
  if (!cert_subject.empty()) {
    Identity id;
    for (const auto& part : util::split(cert_subject, ',')) {
      if (part.rfind("CN=", 0) == 0) id.user = part.substr(3);
      if (part.rfind("O=", 0) == 0) id.groups.push_back(part.substr(2));
    }
    for (const auto& g : id.groups) id.admin = id.admin || g == "system:masters";
    return id;
  }
  return unauthorized();
}

Authenticator::Issued Authenticator::issue(const std::string& ns, const std::string& name, long long seconds,
                                           const std::vector<std::string>& audiences) {
  std::time_t now = std::time(nullptr);
  std::time_t exp = now + static_cast<std::time_t>(seconds);
  std::string subject = "system:serviceaccount:" + ns + ":" + name;
  json payload = {{"aud", audiences}, {"exp", exp}, {"iat", now}, {"nbf", now},
                  {"iss", "https://kubernetes.default.svc"}, {"sub", subject},
                  {"kubernetes.io", {{"namespace", ns}, {"serviceaccount", {{"name", name}}}}}};
  std::string token = base64url(R"({"alg":"RS256","kid":"doca-layer-sim"})") + "." + base64url(payload.dump()) + "." +
                      base64url(random_bytes(64));
  std::lock_guard<std::mutex> lock(m_mu);
  m_tokens[token] = TokenInfo{subject, exp};
  return Issued{token, exp};
}

void Authenticator::expire_all() {
  std::lock_guard<std::mutex> lock(m_mu);
  for (auto& [t, info] : m_tokens) info.expires = 0;
}

std::optional<ApiError> authorize(const Identity& who, const std::string& verb, const std::string& group,
                                  const std::string& plural, const std::string& ns) {
  if (who.admin) return std::nullopt;
  bool read = verb == "get" || verb == "list" || verb == "watch";
  if (read || plural == "selfsubjectaccessreviews") return std::nullopt;
  std::string msg = plural + " is forbidden: User \"" + who.user + "\" cannot " + verb + " resource \"" + plural +
                    "\" in API group \"" + group + "\"";
  msg += ns.empty() ? " at the cluster scope" : " in the namespace \"" + ns + "\"";
  return forbidden(msg);
}

}  // namespace dl::sim::api

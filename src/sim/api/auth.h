// Authentication and a small authorization model for the simulated API server: one admin bearer
// token, verified client certificates (admin when O=system:masters), and ServiceAccount tokens
// issued by TokenRequest (JWT-shaped, expiring on time, read-only in the API).
#pragma once

#include <ctime>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "sim/api/api_result.h"

namespace dl::sim::api {

struct Identity {
  std::string user;
  std::vector<std::string> groups;
  bool admin = false;
};

class Authenticator {
 public:
  explicit Authenticator(std::string admin_token) : m_admin_token(std::move(admin_token)) {}

  /// The caller from an Authorization header value and a verified client-certificate subject;
  /// 401 Unauthorized when neither identifies a caller (or the token expired).
  ApiResult<Identity> authenticate(const std::string& authorization, const std::string& cert_subject) const;

  struct Issued {
    std::string token;
    std::time_t expires = 0;
  };
  /// A token for ServiceAccount `ns`/`name` valid for `seconds` (thread-safe).
  Issued issue(const std::string& ns, const std::string& name, long long seconds, const std::vector<std::string>& audiences);
  /// Makes every token expire now (fault injection: "expired token").
  void expire_all();

 private:
  struct TokenInfo {
    std::string subject;
    std::time_t expires;
  };
  std::string m_admin_token;
  mutable std::mutex m_mu;
  std::map<std::string, TokenInfo> m_tokens;
};

/// Whether `who` may do `verb` on `plural` (group `group`) in `ns`; a Forbidden error if not.
std::optional<ApiError> authorize(const Identity& who, const std::string& verb, const std::string& group,
                                  const std::string& plural, const std::string& ns);

/// RFC 3339 form of a time_t (UTC).
std::string rfc3339(std::time_t t);

}  // namespace dl::sim::api

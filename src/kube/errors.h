// API errors. util::Error carries only a kind and a message, so the client returns its own
// kube::Error, which adds the server's Status (HTTP code, reason, causes, Retry-After), and
// KubeResult<T>. Callers that only need util::Error call to_util(). Kinds map from codes:
// 401 and 403 unauthorized (is_forbidden() tells them apart), 404 not_found, 409 conflict,
// 410 conflict too (is_expired(): the version is gone, re-list), 400/422 invalid_input,
// 504 and client timeouts timeout, connection failures io, everything else internal.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "kube/transport.h"
#include "util/result.h"

namespace dl::kube {

/// One field-level cause of a Status (`details.causes[]`).
struct Cause {
  std::string reason;  ///< e.g. FieldValueInvalid, FieldManagerConflict
  std::string message;
  std::string field;
};

struct Error {
  util::ErrorKind kind = util::ErrorKind::internal;
  int code = 0;              ///< HTTP status; 0 when no response arrived
  std::string reason;        ///< Status.reason (NotFound, Conflict, ...); empty without a Status
  std::string message;       ///< for people: what failed, where, and the server's words
  std::vector<Cause> causes;
  std::optional<int> retry_after_seconds;

  bool is_not_found() const { return code == 404; }
  bool is_conflict() const { return code == 409 && reason != "AlreadyExists"; }
  bool is_already_exists() const { return code == 409 && reason == "AlreadyExists"; }
  bool is_forbidden() const { return code == 403; }
  bool is_expired() const { return code == 410; }
  /// The same failure as a util::Error (kind and message).
  util::Error to_util() const { return util::make_error(kind, message); }
};

/// A T or a kube::Error (which keeps the server's Status).
template <typename T>
using KubeResult = util::Result<T, Error>;

/// `r` as a util::Result, dropping the Status details.
template <typename T>
util::Result<T> to_util(const KubeResult<T>& r) {
  return r.ok() ? util::Result<T>(r.value()) : util::Result<T>(r.error().to_util());
}

/// The kind a response with HTTP `code` maps to (see the file comment).
util::ErrorKind kind_for_code(int code);

/// Builds the Error for a non-2xx `response` to `method` `url` sent to `server`. Reads the body
/// as a Status when it is one (client-go's rule: a non-empty `status` field), else uses the
/// generic text for the code. `auth` names the credential for the 401 message ("token",
/// "client certificate", "request").
Error error_from_response(const HttpResponse& response, const std::string& method, const std::string& url,
                          const std::string& server, const std::string& auth);

/// Wraps a transport failure (no response) of `method` `url`.
Error error_from_transport(const util::Error& error, const std::string& method, const std::string& url);

/// `text` with every occurrence of `secret` replaced by "<redacted>" (no-op for an empty secret).
std::string redact(std::string text, const std::string& secret);

}  // namespace dl::kube

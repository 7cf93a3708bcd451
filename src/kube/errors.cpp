#include "kube/errors.h"

#include <nlohmann/json.hpp>

#include "util/strings.h"

namespace dl::kube {
namespace {

using json = nlohmann::json;

/// client-go's NewGenericServerResponse wording when the body is not a Status.
std::string generic_message(int code, const std::string& method, const std::string& body) {
  switch (code) {
    case 404: return "the server could not find the requested resource";
    case 409: return "the server reported a conflict";
    case 422: return "the server rejected our request due to an error in our request";
    case 429: return "the server has received too many requests and has asked us to try again later";
    default: break;
  }
  if (code >= 500) {
    std::string excerpt = body.size() > 200 ? body.substr(0, 200) + "..." : body;
    return "an error on the server (\"" + util::trim(excerpt) + "\") has prevented the request from succeeding";
  }
  return "unexpected HTTP status " + std::to_string(code) + " for " + method;
}

/// Fills reason, message and causes from a Status body; false when `body` is not a Status.
bool read_status(const std::string& body, Error& e) {
  json s = json::parse(body, nullptr, false);
  if (!s.is_object() || !s.contains("status") || !s["status"].is_string() || s["status"].get<std::string>().empty()) {
    return false;
  }
  e.reason = s.value("reason", "");
  e.message = s.value("message", "");
  const json details = s.value("details", json::object());
  if (details.is_object() && details.contains("causes") && details["causes"].is_array()) {
    for (const auto& c : details["causes"]) {
      if (c.is_object()) {
        e.causes.push_back({c.value("reason", ""), c.value("message", ""), c.value("field", "")});
      }
    }
  }
  if (details.is_object() && details.contains("retryAfterSeconds") && details["retryAfterSeconds"].is_number_integer()) {
    e.retry_after_seconds = details["retryAfterSeconds"].get<int>();
  }
  return true;
}

std::optional<int> retry_after_header(const HttpResponse& r) {
  auto it = r.headers.find("retry-after");
  if (it == r.headers.end()) {
    return std::nullopt;
  }
  std::string v = util::trim(it->second);
  if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;  // HTTP dates are not honoured, as in client-go
  }
  return std::stoi(v);
}

}  // namespace

util::ErrorKind kind_for_code(int code) {
  switch (code) {
    case 400:
    case 422: return util::ErrorKind::invalid_input;
    case 401:
    case 403: return util::ErrorKind::unauthorized;
    case 404: return util::ErrorKind::not_found;
    case 409:
    case 410: return util::ErrorKind::conflict;
    case 504: return util::ErrorKind::timeout;
    default: return util::ErrorKind::internal;
  }
}

Error error_from_response(const HttpResponse& response, const std::string& method, const std::string& url,
                          const std::string& server, const std::string& auth) {
  Error e;
  e.code = response.status;
  e.kind = kind_for_code(response.status);
  std::string server_text;
  if (read_status(response.body, e)) {
    server_text = e.message;
  } else {
    server_text = generic_message(response.status, method, response.body);
  }
  if (auto ra = retry_after_header(response)) {
    e.retry_after_seconds = ra;
  }
  std::string code = std::to_string(response.status);
  if (response.status == 401) {
    e.message = "the API server refused the " + auth + " (401) for " + server + ": " +
                (server_text.empty() ? "Unauthorized" : server_text);
    return e;
  }
  std::string reason = e.reason.empty() ? "" : " " + e.reason;
  e.message = method + " " + url + ": " + server_text + " (" + code + reason + ")";
  return e;
}

Error error_from_transport(const util::Error& error, const std::string& method, const std::string& url) {
  Error e;
  e.kind = error.kind;
  e.message = method + " " + url + ": " + error.message;
  return e;
}

std::string redact(std::string text, const std::string& secret) {
  if (secret.empty()) {
    return text;
  }
  return util::replace_all(std::move(text), secret, "<redacted>");
}

}  // namespace dl::kube

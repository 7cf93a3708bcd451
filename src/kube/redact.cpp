#include "kube/redact.h"

#include <nlohmann/json.hpp>
#include <set>

#include "util/strings.h"

namespace dl::kube {
namespace {

using json = nlohmann::json;

const std::set<std::string>& secret_keys() {
  static const std::set<std::string> keys{"token",      "password",   "auth",          "auths",
                                          ".dockerconfigjson", ".dockercfg", "clientKeyData", "client-key-data",
                                          "access_token", "id-token", "refresh-token"};
  return keys;
}

void scrub(json& j) {
  if (j.is_array()) {
    for (auto& item : j) {
      scrub(item);
    }
    return;
  }
  if (!j.is_object()) {
    return;
  }
  bool secret = j.value("kind", "") == "Secret";
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool hide = secret_keys().count(it.key()) > 0 || (secret && (it.key() == "data" || it.key() == "stringData"));
    if (hide && !it.value().is_null()) {
      it.value() = "<redacted>";
    } else {
      scrub(it.value());
    }
  }
}

}  // namespace

std::string redact_body(const std::string& body) {
  json j = json::parse(body, nullptr, false);
  if (!j.is_discarded()) {
    scrub(j);
    return j.dump();
  }
  std::string lower = util::to_lower(body);
  for (const auto& k : secret_keys()) {
    if (lower.find(k) != std::string::npos) {
      return "<redacted: " + std::to_string(body.size()) + " bytes>";
    }
  }
  return body;
}

std::string redact_headers(const std::map<std::string, std::string>& headers) {
  std::string out;
  for (const auto& [k, v] : headers) {
    std::string lk = util::to_lower(k);
    bool hide = lk == "authorization" || lk == "proxy-authorization" || lk == "cookie" || lk == "set-cookie";
    out += (out.empty() ? "" : "\n") + k + ": " + (hide ? "<redacted>" : v);
  }
  return out;
}

}  // namespace dl::kube

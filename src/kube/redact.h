// Redaction of secret material in what the client logs: request/response bodies (Secret data,
// tokens, docker config auths, keys) and header values. Applied before a line reaches a sink.
#pragma once

#include <map>
#include <string>

namespace dl::kube {

/// `body` with secret values replaced by "<redacted>": when it is JSON, the `data` and
/// `stringData` of Secrets (also inside lists and watch events) and every value under a key
/// named token, password, auth, auths, .dockerconfigjson, .dockercfg, clientKeyData,
/// client-key-data; otherwise (not JSON) the whole body when it mentions any of those keys.
std::string redact_body(const std::string& body);

/// "Name: value" lines with Authorization, Proxy-Authorization and Cookie values redacted.
std::string redact_headers(const std::map<std::string, std::string>& headers);

}  // namespace dl::kube

#include "kube/exec_credential.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "util/base64.h"
#include "util/process.h"
#include "util/strings.h"

namespace dl::kube {
namespace {

using json = nlohmann::json;

util::Error plugin_error(const std::string& what) {
  return util::make_error(util::ErrorKind::unauthorized, "exec credential plugin: " + what);
}

std::optional<std::chrono::system_clock::time_point> parse_rfc3339(const std::string& s) {
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

/// The KUBERNETES_EXEC_INFO document: an ExecCredential with spec (and the cluster on request).
std::string exec_info(const ClientConfig& c) {
  json spec = {{"interactive", false}};
  if (c.exec->provide_cluster_info) {
    spec["cluster"] = {{"server", c.server}, {"insecure-skip-tls-verify", c.insecure}};
    if (!c.ca_pem.empty()) {
      spec["cluster"]["certificate-authority-data"] = util::base64_encode(c.ca_pem);
    }
  }
  return json{{"apiVersion", c.exec->api_version}, {"kind", "ExecCredential"}, {"spec", spec}}.dump();
}

}  // namespace

util::Result<Credentials> parse_exec_credential(const std::string& text, const std::string& api_version) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return plugin_error("its output is not an ExecCredential JSON document");
  }
  if (doc.value("kind", "") != "ExecCredential" || doc.value("apiVersion", "") != api_version) {
    return plugin_error("it printed kind \"" + doc.value("kind", "") + "\" apiVersion \"" +
                        doc.value("apiVersion", "") + "\", expected ExecCredential " + api_version);
  }
  const json status = doc.value("status", json::object());
  Credentials c;
  c.token = status.value("token", "");
  c.client_cert_pem = status.value("clientCertificateData", "");
  c.client_key_pem = status.value("clientKeyData", "");
  if (c.client_cert_pem.empty() != c.client_key_pem.empty()) {
    return plugin_error("status has only one of clientCertificateData and clientKeyData");
  }
  if (c.token.empty() && c.client_cert_pem.empty()) {
    return plugin_error("status has neither a token nor a client certificate");
  }
  std::string expiry = status.value("expirationTimestamp", "");
  if (!expiry.empty()) {
    c.expires = parse_rfc3339(expiry);
    if (!c.expires) {
      return plugin_error("status.expirationTimestamp \"" + expiry + "\" is not an RFC 3339 time");
    }
  }
  return c;
}

ExecCredentialProvider::ExecCredentialProvider(ClientConfig cluster) : m_cluster(std::move(cluster)) {}

util::Result<Credentials> ExecCredentialProvider::run_plugin() const {
  const ExecConfig& x = *m_cluster.exec;
  std::vector<std::string> argv{x.command};
  argv.insert(argv.end(), x.args.begin(), x.args.end());
  util::ProcessOptions o;
  o.env = x.env;
  o.env["KUBERNETES_EXEC_INFO"] = exec_info(m_cluster);
  o.timeout = std::chrono::minutes(1);
  auto r = util::run_process(argv, o);
  if (!r) {
    std::string hint = x.install_hint.empty() ? "" : " (" + util::trim(x.install_hint) + ")";
    return plugin_error(r.error().message + hint);
  }
  if (r->exit_code != 0) {
    std::string first = util::trim(r->err.substr(0, r->err.find('\n')));
    return plugin_error(x.command + " exited with status " + std::to_string(r->exit_code) +
                        (first.empty() ? "" : ": " + first.substr(0, 200)));
  }
  return parse_exec_credential(r->out, x.api_version);
}

util::Result<Credentials> ExecCredentialProvider::get() {
  std::lock_guard<std::mutex> lock(m_mu);
  auto now = std::chrono::system_clock::now();
  if (m_cached && (!m_cached->expires || *m_cached->expires > now)) {
    return *m_cached;
  }
  ++m_runs;
  auto fresh = run_plugin();
  if (!fresh) {
    return fresh.error();
  }
  m_cached = *fresh;
  return fresh;
}

void ExecCredentialProvider::invalidate() {
  std::lock_guard<std::mutex> lock(m_mu);
  m_cached.reset();
}

int ExecCredentialProvider::runs() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_runs;
}

}  // namespace dl::kube

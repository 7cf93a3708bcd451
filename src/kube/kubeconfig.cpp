#include "kube/kubeconfig.h"

#include <cstdlib>
#include <filesystem>
#include <set>

#include "kube/kubeconfig_entries.h"
#include "util/base64.h"
#include "util/strings.h"

namespace dl::kube {
namespace {

using detail::Entry;
using detail::Merged;

util::Error invalid(const std::string& msg) { return util::make_error(util::ErrorKind::invalid_input, msg); }

/// The files to read: the explicit path, else KUBECONFIG's list (deduplicated), else ~/.kube/config.
std::vector<std::string> candidate_files(const LoadOptions& o) {
  if (!o.path.empty()) {
    return {o.path};
  }
  std::vector<std::string> out;
  if (o.kubeconfig_env && !o.kubeconfig_env->empty()) {
    std::set<std::string> seen;
    for (const auto& p : util::split(*o.kubeconfig_env, ':')) {
      if (!p.empty() && seen.insert(p).second) {
        out.push_back(p);
      }
    }
    return out;
  }
  if (!o.home.empty()) {
    out.push_back(o.home + "/.kube/config");
  }
  return out;
}

}  // namespace

namespace detail {

util::Result<Merged> read_merged(const LoadOptions& o) {
  Merged merged;
  std::vector<std::string> files = candidate_files(o);
  for (const auto& f : files) {
    bool exists = std::filesystem::exists(f);
    if (!exists && o.path.empty()) {
      continue;  // client-go skips missing files of KUBECONFIG
    }
    auto text = detail::read_text(f);
    if (!text) {
      return util::make_error(o.path.empty() ? util::ErrorKind::io : util::ErrorKind::not_found,
                              "kubeconfig " + f + ": " + text.error().message);
    }
    auto st = detail::merge_file(f, *text, merged);
    if (!st) {
      return st.error();
    }
  }
  if (merged.files.empty()) {
    std::string tried = files.empty() ? "(KUBECONFIG and HOME unset)" : util::join(files, ", ");
    return util::make_error(util::ErrorKind::not_found, "no kubeconfig found; tried " + tried);
  }
  return merged;
}

}  // namespace detail

namespace {

/// Reads base64 `-data` (wins when set) or the file at `path_key` relative to the kubeconfig.
util::Result<std::string> pem_field(const Entry& e, const std::string& path_key) {
  std::string data_key = path_key + "-data";
  auto data = detail::string_field(e, data_key.c_str());
  if (!data) {
    return data.error();
  }
  if (!data->empty()) {
    std::string compact = util::replace_all(util::replace_all(*data, "\n", ""), " ", "");
    auto decoded = util::base64_decode(compact);
    if (!decoded) {
      return detail::field_error(e, data_key + ": not valid base64");
    }
    return *decoded;
  }
  auto path = detail::string_field(e, path_key.c_str());
  if (!path || path->empty()) {
    return path;
  }
  std::string resolved = detail::resolve_path(e.file, *path);
  auto text = detail::read_text(resolved);
  if (!text) {
    return detail::field_error(e, path_key + " \"" + resolved + "\": " + text.error().message);
  }
  return text;
}

util::Status resolve_cluster(const Entry& e, ClientConfig& out) {
  auto server = detail::string_field(e, "server");
  if (!server) {
    return server.error();
  }
  if (server->empty()) {
    return detail::field_error(e, "server is not set");
  }
  if (server->rfind("https://", 0) != 0 && server->rfind("http://", 0) != 0) {
    return detail::field_error(e, "server \"" + *server + "\" is not an http(s) URL");
  }
  out.server = *server;
  while (!out.server.empty() && out.server.back() == '/') {
    out.server.pop_back();
  }
  auto ca = pem_field(e, "certificate-authority");
  if (!ca) {
    return ca.error();
  }
  out.ca_pem = *ca;
  auto insecure = detail::bool_field(e, "insecure-skip-tls-verify");
  if (!insecure) {
    return insecure.error();
  }
  out.insecure = *insecure;
  if (out.insecure && !out.ca_pem.empty()) {
    return detail::field_error(e, "insecure-skip-tls-verify cannot be combined with certificate-authority");
  }
  auto proxy = detail::string_field(e, "proxy-url");
  auto sni = detail::string_field(e, "tls-server-name");
  if (!proxy || !sni) {
    return !proxy ? proxy.error() : sni.error();
  }
  static const char* const k_proxy_schemes[] = {"http://", "https://", "socks5://"};
  bool known = proxy->empty();
  for (const char* scheme : k_proxy_schemes) {
    known = known || proxy->rfind(scheme, 0) == 0;
  }
  if (!known) {
    return detail::field_error(e, "proxy-url \"" + *proxy + "\" must be an http, https or socks5 URL");
  }
  out.proxy_url = *proxy;
  out.tls_server_name = *sni;
  return util::ok_status();
}

util::Status resolve_token(const Entry& e, ClientConfig& out) {
  auto token = detail::string_field(e, "token");
  if (!token) {
    return token.error();
  }
  out.token = *token;
  auto file = detail::string_field(e, "tokenFile");
  if (!file || !out.token.empty() || file->empty()) {
    return file ? util::ok_status() : util::Status(file.error());  // token wins over tokenFile
  }
  std::string resolved = detail::resolve_path(e.file, *file);
  auto text = detail::read_text(resolved);
  if (!text) {
    return detail::field_error(e, "tokenFile \"" + resolved + "\": " + text.error().message);
  }
  out.token = util::trim(*text);
  if (out.token.empty()) {
    return detail::field_error(e, "tokenFile \"" + resolved + "\" is empty");
  }
  return util::ok_status();
}

util::Status resolve_user(const Entry& e, ClientConfig& out) {
  for (const char* unsupported : {"auth-provider", "username", "password"}) {
    if (e.body && e.body.IsMap() && e.body[unsupported]) {
      return detail::field_error(e, std::string(unsupported) +
                                        " is not supported; use token, tokenFile, a client certificate or exec");
    }
  }
  auto exec = detail::exec_field(e);
  if (!exec) {
    return exec.error();
  }
  out.exec = *exec;
  auto st = resolve_token(e, out);
  if (!st) {
    return st;
  }
  auto cert = pem_field(e, "client-certificate");
  if (!cert) {
    return cert.error();
  }
  auto key = pem_field(e, "client-key");
  if (!key) {
    return key.error();
  }
  if (cert->empty() != key->empty()) {
    return detail::field_error(e, cert->empty() ? "client-key is set but client-certificate is not"
                                                : "client-certificate is set but client-key is not");
  }
  out.client_cert_pem = *cert;
  out.client_key_pem = *key;
  std::vector<std::string> methods;
  if (!out.token.empty()) {
    methods.push_back("token");
  }
  if (!out.client_cert_pem.empty()) {
    methods.push_back("client certificate");
  }
  if (out.exec) {
    methods.push_back("exec");
  }
  if (out.exec && methods.size() > 1) {
    return detail::field_error(e, "more than one authentication method (" + util::join(methods, ", ") +
                                      "); exec cannot be combined with a token or a client certificate");
  }
  return util::ok_status();
}

bool is_dns_label(const std::string& s) {
  if (s.empty() || s.size() > 63 || s.front() == '-' || s.back() == '-') {
    return false;
  }
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

/// Looks up the context's named `kind` ("cluster"/"user") in `table`.
util::Result<const Entry*> lookup(const Entry& ctx, const char* kind, const std::map<std::string, Entry>& table,
                                  const Merged& m) {
  auto name = detail::string_field(ctx, kind);
  if (!name) {
    return name.error();
  }
  if (name->empty()) {
    return static_cast<const Entry*>(nullptr);
  }
  auto it = table.find(*name);
  if (it == table.end()) {
    return detail::field_error(ctx, std::string(kind) + " \"" + *name + "\" is not defined in " +
                                        util::join(m.files, ", "));
  }
  return &it->second;
}

util::Result<const Entry*> select_context(const Merged& m, const std::string& wanted, std::string& name) {
  name = wanted.empty() ? m.current_context : wanted;
  std::string files = util::join(m.files, ", ");
  if (name.empty()) {
    return invalid("kubeconfig " + files + ": no context selected: current-context is not set (pass --context)");
  }
  auto it = m.contexts.find(name);
  if (it == m.contexts.end()) {
    std::vector<std::string> known;
    for (const auto& [k, v] : m.contexts) {
      known.push_back(k);
    }
    return invalid("kubeconfig " + files + ": context \"" + name + "\" not found (contexts: " +
                   (known.empty() ? "none" : util::join(known, ", ")) + ")");
  }
  return &it->second;
}

util::Status resolve_context(const Merged& m, const Entry& ctx, ClientConfig& out) {
  auto cluster = lookup(ctx, "cluster", m.clusters, m);
  if (!cluster) {
    return cluster.error();
  }
  if (*cluster == nullptr) {
    return detail::field_error(ctx, "cluster is not set");
  }
  auto user = lookup(ctx, "user", m.users, m);
  if (!user) {
    return user.error();
  }
  auto ns = detail::string_field(ctx, "namespace");
  if (!ns) {
    return ns.error();
  }
  if (!ns->empty() && !is_dns_label(*ns)) {
    return detail::field_error(ctx, "namespace \"" + *ns + "\" is not a valid namespace name");
  }
  out.ns = ns->empty() ? "default" : *ns;
  auto st = resolve_cluster(**cluster, out);
  if (st && *user != nullptr) {
    st = resolve_user(**user, out);
  }
  return st;
}

}  // namespace

LoadOptions load_options_from_env(std::string path, std::string context) {
  LoadOptions o;
  o.path = std::move(path);
  o.context = std::move(context);
  if (const char* env = std::getenv("KUBECONFIG")) {
    o.kubeconfig_env = env;
  }
  if (const char* home = std::getenv("HOME")) {
    o.home = home;
  }
  for (auto [name, field] : {std::pair{"KUBERNETES_SERVICE_HOST", &o.service_host},
                             std::pair{"KUBERNETES_SERVICE_PORT", &o.service_port},
                             std::pair{"POD_NAMESPACE", &o.pod_namespace}}) {
    if (const char* v = std::getenv(name)) {
      *field = v;
    }
  }
  return o;
}

util::Result<ClientConfig> in_cluster_config(const LoadOptions& o) {
  if (!o.service_host || !o.service_port || o.service_host->empty() || o.service_port->empty()) {
    return util::make_error(util::ErrorKind::not_found,
                            "not running in a pod (KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT unset)");
  }
  std::string dir = o.service_account_dir;
  auto token = detail::read_text(dir + "/token");
  if (!token || util::trim(*token).empty()) {
    return invalid("in-cluster configuration: service-account token " + dir + "/token: " +
                   (token ? std::string("empty") : token.error().message));
  }
  ClientConfig out;
  std::string host = *o.service_host;
  if (host.find(':') != std::string::npos) {
    host = "[" + host + "]";  // IPv6
  }
  out.server = "https://" + host + ":" + *o.service_port;
  out.token = util::trim(*token);
  auto ca = detail::read_text(dir + "/ca.crt");
  if (!ca || ca->find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
    return invalid("in-cluster configuration: CA " + dir + "/ca.crt: " +
                   (ca ? std::string("not a PEM certificate") : ca.error().message));
  }
  out.ca_pem = *ca;
  auto ns = detail::read_text(dir + "/namespace");
  out.ns = o.pod_namespace && !o.pod_namespace->empty() ? *o.pod_namespace
           : ns && !util::trim(*ns).empty()             ? util::trim(*ns)
                                                        : "default";
  out.context = "in-cluster";
  out.source = dir;
  return out;
}

util::Result<ClientConfig> load_client_config(const LoadOptions& options) {
  auto merged = detail::read_merged(options);
  if (!merged && merged.error().kind == util::ErrorKind::not_found && options.path.empty()) {
    auto pod = in_cluster_config(options);
    if (pod || pod.error().kind != util::ErrorKind::not_found) {
      return pod;
    }
  }
  if (!merged) {
    return merged.error();
  }
  ClientConfig out;
  auto ctx = select_context(*merged, options.context, out.context);
  if (!ctx) {
    return ctx.error();
  }
  auto st = resolve_context(*merged, **ctx, out);
  if (!st) {
    return st.error();
  }
  out.source = util::join(merged->files, ":");
  return out;
}

std::string describe(const ClientConfig& c) {
  std::string auth = c.exec                     ? "exec plugin " + c.exec->command
                     : !c.client_cert_pem.empty() ? "client certificate"
                     : !c.token.empty()           ? "bearer token"
                                                  : "none";
  if (!c.client_cert_pem.empty() && !c.token.empty()) {
    auth = "client certificate and bearer token";
  }
  std::string tls = c.insecure ? "insecure-skip-tls-verify" : c.ca_pem.empty() ? "system CAs" : "kubeconfig CA";
  if (!c.proxy_url.empty()) {
    size_t at = c.proxy_url.find('@');
    size_t scheme = c.proxy_url.find("://");
    tls += ", proxy " + (at == std::string::npos ? c.proxy_url
                                                 : c.proxy_url.substr(0, scheme + 3) + "<redacted>" + c.proxy_url.substr(at));
  }
  return "server " + c.server + ", context \"" + c.context + "\", namespace \"" + c.ns + "\", auth: " + auth +
         ", TLS: " + tls + ", from " + c.source;
}

}  // namespace dl::kube

// The only file that includes libcurl.
#include "kube/curl_transport.h"

#include <curl/curl.h>

#include <map>
#include <mutex>

#include "kube/errors.h"
#include "kube/redact.h"
#include "util/strings.h"

namespace dl::kube {

struct CurlTransport::Sink {
  std::map<std::string, std::string> headers;
  std::string body;                               ///< the whole body, or a stream's error body
  std::function<bool(std::string_view)> on_data;  ///< set for streams
  bool stopped = false;                           ///< on_data asked to stop
  void* handle = nullptr;                         ///< the CURL* (to read the status in on_body)
};

namespace {

std::once_flag g_curl_init;

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<CurlTransport::Sink*>(user);
  size_t n = size * count;
  long status = 0;
  if (sink->on_data) {
    curl_easy_getinfo(sink->handle, CURLINFO_RESPONSE_CODE, &status);
  }
  if (!sink->on_data || status < 200 || status >= 300) {
    sink->body.append(data, n);
    return n;
  }
  if (!sink->on_data(std::string_view(data, n))) {
    sink->stopped = true;
    return 0;  // makes curl abort the transfer
  }
  return n;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<CurlTransport::Sink*>(user);
  size_t n = size * count;
  std::string_view line(data, n);
  if (line.rfind("HTTP/", 0) == 0) {
    sink->headers.clear();  // a new response (after a 100 Continue or a redirect)
    return n;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    sink->headers[util::to_lower(line.substr(0, colon))] = util::trim(line.substr(colon + 1));
  }
  return n;
}

bool is_tls_failure(CURLcode rc) {
  return rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM ||
         rc == CURLE_SSL_CIPHER || rc == CURLE_SSL_ISSUER_ERROR || rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH;
}

util::Error failure(CURLcode rc, const char* detail, const std::string& server) {
  std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(rc);
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    return util::make_error(util::ErrorKind::timeout, "timed out talking to " + server + ": " + why);
  }
  if (is_tls_failure(rc)) {
    return util::make_error(util::ErrorKind::invalid_input,
                            "TLS verification of " + server + " failed (check the kubeconfig's certificate-authority "
                            "and client certificate): " + why);
  }
  if (rc == CURLE_SSL_CONNECT_ERROR) {  // before any byte of the request: nothing was sent
    return util::make_error(util::ErrorKind::unreachable, "TLS handshake with " + server + " failed: " + why);
  }
  bool not_sent = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_COULDNT_RESOLVE_PROXY;
  return util::make_error(not_sent ? util::ErrorKind::unreachable : util::ErrorKind::io,
                          "cannot reach " + server + ": " + why);
}

void set_blob(CURL* h, CURLoption option, const std::string& pem) {
  curl_blob blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
  curl_easy_setopt(h, option, &blob);
}

/// Aborts the transfer once the request's cancel flag is set (libcurl calls it about once a
/// second on an idle transfer; perform() checks the flag more often).
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(user);
  return cancel != nullptr && cancel->load() ? 1 : 0;
}

/// curl_easy_perform, except that a request with a cancel flag runs in a multi loop that looks at
/// the flag every 50 ms: stopping an idle watch then takes milliseconds, not the second the
/// progress callback alone would take. A cancelled transfer returns CURLE_ABORTED_BY_CALLBACK.
CURLcode perform_cancellable(CURL* h, const std::atomic<bool>* cancel) {
  if (cancel == nullptr) return curl_easy_perform(h);
  CURLM* m = curl_multi_init();
  if (m == nullptr) return curl_easy_perform(h);
  curl_multi_add_handle(m, h);
  int running = 1;
  CURLcode rc = CURLE_OK;
  for (;;) {
    if (curl_multi_perform(m, &running) != CURLM_OK) {
      rc = CURLE_FAILED_INIT;
      break;
    }
    if (running == 0) break;
    if (cancel->load()) {
      rc = CURLE_ABORTED_BY_CALLBACK;
      break;
    }
    curl_multi_poll(m, nullptr, 0, 50, nullptr);
  }
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(m, &left))
    if (msg->msg == CURLMSG_DONE && msg->easy_handle == h) rc = msg->data.result;
  curl_multi_remove_handle(m, h);
  curl_multi_cleanup(m);
  return rc;
}

void set_proxy(CURL* h, const ClientConfig& c) {
  if (!c.proxy_url.empty()) {
    curl_easy_setopt(h, CURLOPT_PROXY, c.proxy_url.c_str());
    curl_easy_setopt(h, CURLOPT_NOPROXY, "");  // the kubeconfig's proxy applies to this server
  }
  // Otherwise libcurl reads https_proxy/HTTPS_PROXY/no_proxy itself, as client-go does.
  curl_easy_setopt(h, CURLOPT_HTTPPROXYTUNNEL, 1L);  // CONNECT through HTTP proxies: TLS end to end
}

/// With tls-server-name the URL names that host (so SNI and verification use it) and
/// CONNECT_TO sends the connection to the kubeconfig's server (libcurl has no SNI override).
/// Returns the URL to request; `connect_to` receives the mapping list (freed by the caller).
std::string url_for(const ClientConfig& c, const std::string& path, curl_slist** connect_to) {
  if (c.tls_server_name.empty()) {
    return c.server + path;
  }
  size_t host_start = c.server.find("://") + 3;
  size_t host_end = c.server.find('/', host_start);
  std::string authority = c.server.substr(host_start, host_end == std::string::npos ? std::string::npos
                                                                                    : host_end - host_start);
  size_t colon = authority.rfind(':');
  bool has_port = colon != std::string::npos && authority.find(']', colon) == std::string::npos;
  std::string host = has_port ? authority.substr(0, colon) : authority;
  std::string port = has_port ? authority.substr(colon + 1) : "443";
  *connect_to = curl_slist_append(*connect_to, (c.tls_server_name + ":" + port + ":" + host + ":" + port).c_str());
  std::string rest = host_end == std::string::npos ? "" : c.server.substr(host_end);
  return c.server.substr(0, host_start) + c.tls_server_name + ":" + port + rest + path;
}

void set_tls(CURL* h, const ClientConfig& c, const Credentials& creds) {
  if (c.insecure) {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!c.ca_pem.empty()) {
    set_blob(h, CURLOPT_CAINFO_BLOB, c.ca_pem);
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);  // trust the kubeconfig's CA only
  }
  if (!creds.client_cert_pem.empty()) {
    set_blob(h, CURLOPT_SSLCERT_BLOB, creds.client_cert_pem);
    curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
    set_blob(h, CURLOPT_SSLKEY_BLOB, creds.client_key_pem);
    curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
  }
}

curl_slist* header_list(const HttpRequest& r, const Credentials& creds) {
  curl_slist* list = nullptr;
  if (!creds.token.empty()) {
    list = curl_slist_append(list, ("Authorization: Bearer " + creds.token).c_str());
  }
  if (r.headers.find("Accept") == r.headers.end()) {
    list = curl_slist_append(list, "Accept: application/json");
  }
  for (const auto& [k, v] : r.headers) {
    list = curl_slist_append(list, (k + ": " + v).c_str());
  }
  return curl_slist_append(list, "Expect:");  // no 100-continue round trip
}

void set_method(CURL* h, const HttpRequest& r) {
  if (r.method == "GET" && r.body.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    return;
  }
  curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  if (!r.body.empty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, r.body.c_str());
  }
}

}  // namespace

CurlTransport::CurlTransport(ClientConfig config, CurlOptions options)
    : m_config(std::move(config)), m_options(std::move(options)) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (m_config.exec) {
    m_exec = std::make_unique<ExecCredentialProvider>(m_config);
  }
}

CurlTransport::~CurlTransport() {
  for (void* h : m_idle) {
    curl_easy_cleanup(h);
  }
}

void* CurlTransport::acquire() {
  std::lock_guard<std::mutex> lock(m_mu);
  if (m_idle.empty()) {
    return curl_easy_init();
  }
  void* h = m_idle.back();
  m_idle.pop_back();
  return h;
}

void CurlTransport::release(void* handle) {
  std::lock_guard<std::mutex> lock(m_mu);
  m_idle.push_back(handle);
}

util::Result<Credentials> CurlTransport::credentials() {
  if (m_exec) {
    return m_exec->get();
  }
  return Credentials{m_config.token, m_config.client_cert_pem, m_config.client_key_pem, std::nullopt};
}

util::Result<int> CurlTransport::perform(const HttpRequest& r, Sink& sink) {
  for (int attempt = 0;; ++attempt) {
    auto creds = credentials();
    if (!creds) {
      return creds.error();
    }
    auto status = perform_once(r, *creds, sink);
    if (!status || *status != 401 || !m_exec || attempt > 0 || sink.on_data) {
      return status;
    }
    m_exec->invalidate();  // the plugin's credential was refused: run it again, once
    sink.body.clear();
    sink.headers.clear();
  }
}

util::Result<int> CurlTransport::perform_once(const HttpRequest& r, const Credentials& creds, Sink& sink) {
  CURL* h = static_cast<CURL*>(acquire());
  if (h == nullptr) {
    return util::make_error(util::ErrorKind::internal, "libcurl could not create a handle");
  }
  curl_easy_reset(h);  // keeps the handle's connection cache and TLS sessions
  char detail[CURL_ERROR_SIZE] = {0};
  curl_slist* connect_to = nullptr;
  std::string url = url_for(m_config, r.url, &connect_to);
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECT_TO, connect_to);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(h, CURLOPT_USERAGENT, m_options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  sink.handle = h;
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
  if (r.cancel != nullptr) {
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(r.cancel));
  }
  set_proxy(h, m_config);
  set_tls(h, m_config, creds);
  set_method(h, r);
  curl_slist* headers = header_list(r, creds);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  auto started = std::chrono::steady_clock::now();
  CURLcode rc = perform_cancellable(h, r.cancel);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (rc != CURLE_COULDNT_CONNECT && rc != CURLE_COULDNT_RESOLVE_HOST && rc != CURLE_COULDNT_RESOLVE_PROXY &&
      rc != CURLE_OPERATION_TIMEDOUT)
    m_connected = true;
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(h, CURLOPT_CONNECT_TO, nullptr);
  curl_slist_free_all(headers);
  curl_slist_free_all(connect_to);
  release(h);
  log_exchange(r, static_cast<int>(status), sink, std::chrono::steady_clock::now() - started);
  bool cancelled = rc == CURLE_ABORTED_BY_CALLBACK && r.cancel != nullptr && r.cancel->load();
  if (rc != CURLE_OK && !(sink.stopped && rc == CURLE_WRITE_ERROR) && !cancelled) {
    util::Error e = failure(rc, detail, m_config.server);
    e.message = redact(redact(e.message, m_config.token), creds.token);
    return e;
  }
  return static_cast<int>(status);
}

void CurlTransport::log_exchange(const HttpRequest& r, int status, const Sink& sink,
                                 std::chrono::steady_clock::duration took) const {
  if (!m_options.log || m_options.verbosity < 6) {
    return;
  }
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  m_options.log(6, r.method + " " + m_config.server + r.url + " " + std::to_string(status) + " in " +
                       std::to_string(ms) + " ms");
  if (m_options.verbosity < 8) {
    return;
  }
  std::map<std::string, std::string> sent = r.headers;
  sent["Authorization"] = "Bearer";  // always shown redacted, whatever the credential
  m_options.log(8, "Request Headers:\n" + redact_headers(sent));
  m_options.log(8, "Response Headers:\n" + redact_headers(sink.headers));
  size_t limit = m_options.verbosity >= 9 ? std::string::npos : 1024;
  if (!r.body.empty()) {
    m_options.log(8, "Request Body: " + redact_body(r.body).substr(0, limit));
  }
  if (!sink.body.empty()) {
    m_options.log(8, "Response Body: " + redact_body(sink.body).substr(0, limit));
  }
}

util::Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  Sink sink;
  auto status = perform(request, sink);
  if (!status) {
    return status.error();
  }
  return HttpResponse{*status, std::move(sink.headers), std::move(sink.body)};
}

util::Result<HttpResponse> CurlTransport::stream(const HttpRequest& request,
                                                 std::function<bool(std::string_view)> on_data) {
  Sink sink;
  sink.on_data = std::move(on_data);
  auto status = perform(request, sink);
  if (!status) {
    return status.error();
  }
  return HttpResponse{*status, std::move(sink.headers), std::move(sink.body)};
}

}  // namespace dl::kube

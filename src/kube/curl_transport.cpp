// The only file that includes libcurl.
#include "kube/curl_transport.h"

#include <curl/curl.h>

#include <cctype>
#include <map>
#include <mutex>

#include "kube/errors.h"
#include "util/strings.h"

namespace dl::kube {

struct CurlTransport::Sink {
  std::map<std::string, std::string> headers;
  std::string body;
  std::function<bool(std::string_view)> on_data;  ///< set for streams
  bool stopped = false;                          ///< on_data asked to stop
};

namespace {

std::once_flag g_curl_init;

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<CurlTransport::Sink*>(user);
  size_t n = size * count;
  if (!sink->on_data) {
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
    std::string name(line.substr(0, colon));
    for (char& c : name) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    sink->headers[name] = util::trim(line.substr(colon + 1));
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
  if (rc == CURLE_SSL_CONNECT_ERROR) {
    return util::make_error(util::ErrorKind::io, "TLS handshake with " + server + " failed: " + why);
  }
  return util::make_error(util::ErrorKind::io, "cannot reach " + server + ": " + why);
}

void set_blob(CURL* h, CURLoption option, const std::string& pem) {
  curl_blob blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
  curl_easy_setopt(h, option, &blob);
}

void set_tls(CURL* h, const ClientConfig& c) {
  if (c.insecure) {
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
  } else if (!c.ca_pem.empty()) {
    set_blob(h, CURLOPT_CAINFO_BLOB, c.ca_pem);
    curl_easy_setopt(h, CURLOPT_CAPATH, nullptr);  // trust the kubeconfig's CA only
  }
  if (!c.client_cert_pem.empty()) {
    set_blob(h, CURLOPT_SSLCERT_BLOB, c.client_cert_pem);
    curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
    set_blob(h, CURLOPT_SSLKEY_BLOB, c.client_key_pem);
    curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
  }
}

curl_slist* header_list(const HttpRequest& r, const ClientConfig& c) {
  curl_slist* list = nullptr;
  if (!c.token.empty()) {
    list = curl_slist_append(list, ("Authorization: Bearer " + c.token).c_str());
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

util::Result<int> CurlTransport::perform(const HttpRequest& r, Sink& sink) {
  CURL* h = acquire();
  if (h == nullptr) {
    return util::make_error(util::ErrorKind::internal, "libcurl could not create a handle");
  }
  curl_easy_reset(h);  // keeps the handle's connection cache and TLS sessions
  char detail[CURL_ERROR_SIZE] = {0};
  std::string url = m_config.server + r.url;
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(h, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  curl_easy_setopt(h, CURLOPT_USERAGENT, m_options.user_agent.c_str());
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(r.timeout.count()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
  set_tls(h, m_config);
  set_method(h, r);
  curl_slist* headers = header_list(r, m_config);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  CURLcode rc = curl_easy_perform(h);
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, nullptr);
  curl_slist_free_all(headers);
  release(h);
  if (rc != CURLE_OK && !(sink.stopped && rc == CURLE_WRITE_ERROR)) {
    util::Error e = failure(rc, detail, m_config.server);
    e.message = redact(e.message, m_config.token);
    return e;
  }
  return static_cast<int>(status);
}

util::Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  Sink sink;
  auto status = perform(request, sink);
  if (!status) {
    return status.error();
  }
  return HttpResponse{*status, std::move(sink.headers), std::move(sink.body)};
}

util::Result<int> CurlTransport::stream(const HttpRequest& request, std::function<bool(std::string_view)> on_data) {
  Sink sink;
  sink.on_data = std::move(on_data);
  return perform(request, sink);
}

}  // namespace dl::kube

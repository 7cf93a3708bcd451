// The only rpmrepo file that includes libcurl.
#include <curl/curl.h>

#include <cctype>
#include <mutex>
#include <thread>

#include "rpmrepo/fetcher.h"
#include "util/strings.h"

namespace dl::rpmrepo {
namespace {

std::once_flag g_curl_init;

struct Sink {
  std::string body;
  std::string etag;
  std::string last_modified;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  static_cast<Sink*>(user)->body.append(data, size * count);
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::string line(data, size * count);
  size_t colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  std::string name = line.substr(0, colon);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "etag") sink->etag = util::trim(line.substr(colon + 1));
  if (name == "last-modified") sink->last_modified = util::trim(line.substr(colon + 1));
  return size * count;
}

struct Attempt {
  util::Result<FetchResponse> result;
  bool transient = false;  ///< worth another try
};

bool is_file_url(const std::string& url) {
  return url.rfind("file://", 0) == 0;
}

class CurlFetcher final : public Fetcher {
 public:
  explicit CurlFetcher(FetchOptions options) : m_options(std::move(options)) {
    std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  util::Result<FetchResponse> fetch(const FetchRequest& request) override {
    auto pause = m_options.backoff;
    for (int attempt = 1;; ++attempt) {
      Attempt a = once(request);
      if (a.result || !a.transient || attempt >= m_options.attempts) {
        if (!a.result && a.transient && attempt > 1)
          return util::make_error(a.result.error().kind,
                                  a.result.error().message + " (after " + std::to_string(attempt) + " tries)");
        return a.result;
      }
      std::this_thread::sleep_for(pause);
      pause *= 2;
    }
  }

 private:
  Attempt once(const FetchRequest& r) {
    CURL* h = curl_easy_init();
    if (h == nullptr) return {util::make_error(util::ErrorKind::internal, "libcurl could not create a handle"), false};
    Sink sink;
    char detail[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = nullptr;
    if (!is_file_url(r.url)) {
      if (!r.etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + r.etag).c_str());
      if (!r.last_modified.empty())
        headers = curl_slist_append(headers, ("If-Modified-Since: " + r.last_modified).c_str());
    }
    curl_easy_setopt(h, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https,file");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_USERAGENT, m_options.user_agent.c_str());
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(m_options.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.timeout.count()));
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    CURLcode rc = curl_easy_perform(h);
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(h);
    curl_slist_free_all(headers);
    return classify(r.url, rc, detail, status, std::move(sink));
  }

  static Attempt classify(const std::string& url, CURLcode rc, const char* detail, long status, Sink sink) {
    if (rc != CURLE_OK) {
      std::string why = detail[0] != '\0' ? detail : curl_easy_strerror(rc);
      if (rc == CURLE_FILE_COULDNT_READ_FILE)
        return {util::make_error(util::ErrorKind::not_found, "cannot read " + url + ": " + why), false};
      if (rc == CURLE_OPERATION_TIMEDOUT)
        return {util::make_error(util::ErrorKind::timeout, "timed out fetching " + url + ": " + why), true};
      bool transient = rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST || rc == CURLE_RECV_ERROR ||
                       rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE ||
                       rc == CURLE_SSL_CONNECT_ERROR;
      return {util::make_error(util::ErrorKind::io, "cannot fetch " + url + ": " + why), transient};
    }
    if (status == 304) return {FetchResponse{true, "", std::move(sink.etag), std::move(sink.last_modified)}, false};
    if (status == 0 || (status >= 200 && status < 300))  // file:// reports 0
      return {FetchResponse{false, std::move(sink.body), std::move(sink.etag), std::move(sink.last_modified)}, false};
    std::string msg = "HTTP " + std::to_string(status) + " fetching " + url;
    if (status == 404 || status == 410) return {util::make_error(util::ErrorKind::not_found, msg), false};
    if (status == 401 || status == 403) return {util::make_error(util::ErrorKind::unauthorized, msg), false};
    return {util::make_error(util::ErrorKind::io, msg), status >= 500 || status == 429};
  }

  FetchOptions m_options;
};

}  // namespace

std::unique_ptr<Fetcher> make_curl_fetcher(FetchOptions options) {
  return std::make_unique<CurlFetcher>(std::move(options));
}

}  // namespace dl::rpmrepo

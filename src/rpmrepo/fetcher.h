// Fetcher: the one seam between rpmrepo and the network (or a file:// mirror). A URL goes in,
// its bytes (or "not modified") come out. make_curl_fetcher() is the real one, over libcurl.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "util/result.h"

namespace dl::rpmrepo {

struct FetchRequest {
  std::string url;            ///< http://, https:// or file://
  std::string etag;           ///< sent as If-None-Match when not empty (HTTP only)
  std::string last_modified;  ///< sent as If-Modified-Since when not empty (HTTP only)
};

struct FetchResponse {
  bool not_modified = false;  ///< HTTP 304: the cached copy is current; body is empty
  std::string body;
  std::string etag;  ///< the server's validators, for the next conditional request
  std::string last_modified;
};

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  /// Fetches `request.url`. Errors: not_found (HTTP 404/410, missing file), timeout, io
  /// (unreachable, other HTTP statuses); each message names the URL and the reason.
  virtual util::Result<FetchResponse> fetch(const FetchRequest& request) = 0;
};

struct FetchOptions {
  int attempts = 3;                        ///< tries for transient failures (connect, 5xx, 429)
  std::chrono::milliseconds backoff{300};  ///< first pause between tries; doubles each time
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{300000};  ///< per try, whole transfer
  std::string user_agent = "doca-layer";
};

/// The libcurl Fetcher: HTTP(S) with retries and conditional requests, and file://.
std::unique_ptr<Fetcher> make_curl_fetcher(FetchOptions options = {});

}  // namespace dl::rpmrepo

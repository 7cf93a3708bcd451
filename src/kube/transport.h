// Transport: the one seam between the Kubernetes client and the network. A request goes in,
// a response (any HTTP status) or a transport failure comes out. CurlTransport is the real one;
// tests may substitute a fake that answers from a table.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "util/result.h"

namespace dl::kube {

struct HttpRequest {
  std::string method = "GET";
  std::string url;                             ///< path and query, relative to the server URL
  std::map<std::string, std::string> headers;  ///< extra headers (auth is the transport's job)
  std::string body;
  std::chrono::milliseconds timeout{30000};    ///< whole request; 0 = no limit (streams)
  const std::atomic<bool>* cancel = nullptr;   ///< set to true: abort within about a second
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  ///< names lower-cased
  std::string body;
};

class Transport {
 public:
  virtual ~Transport() = default;
  /// Sends `request` and returns the response whatever its status. An Error (kind io, timeout
  /// or invalid_input) only when no HTTP response arrived; its message never holds a credential.
  virtual util::Result<HttpResponse> send(const HttpRequest& request) = 0;
  /// Sends `request` and, when the status is 2xx, hands the body to `on_data` as it arrives
  /// (`on_data` returns false to stop). Returns status and headers; the body only for a non-2xx
  /// status (an error body is never streamed). Errors as for send(); stopping is not an error.
  virtual util::Result<HttpResponse> stream(const HttpRequest& request,
                                            std::function<bool(std::string_view chunk)> on_data) = 0;
  /// True once a connection to the server was established (even one reset at once): something
  /// listens at the address, so later failures to connect are an outage worth riding out.
  virtual bool connected_once() const { return false; }
};

}  // namespace dl::kube

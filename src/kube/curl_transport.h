// CurlTransport: the Transport over libcurl. TLS is verified against the kubeconfig's CA (held
// in memory) unless the kubeconfig itself asked for insecure-skip-tls-verify; client
// certificates and bearer tokens come from the ClientConfig. Connections are reused: idle easy
// handles (each with its connection cache) are pooled. HTTP/2 is used when the server offers
// it. Thread-safe: concurrent requests take different handles.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include "kube/kubeconfig.h"
#include "kube/transport.h"

namespace dl::kube {

struct CurlOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::string user_agent = "doca-layer";
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(ClientConfig config, CurlOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  util::Result<HttpResponse> send(const HttpRequest& request) override;
  util::Result<int> stream(const HttpRequest& request, std::function<bool(std::string_view chunk)> on_data) override;

 /// Internal: where one response goes (defined in curl_transport.cpp).
  struct Sink;

 private:
  /// Runs `request` on a pooled handle, feeding the body to `sink`; returns the HTTP status.
  util::Result<int> perform(const HttpRequest& request, Sink& sink);
  void* acquire();
  void release(void* handle);

  ClientConfig m_config;
  CurlOptions m_options;
  std::mutex m_mu;
  std::vector<void*> m_idle;  ///< CURL* easy handles kept for their connections
};

}  // namespace dl::kube

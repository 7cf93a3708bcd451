// CurlTransport: the Transport over libcurl. TLS is verified against the kubeconfig's CA (held
// in memory) unless the kubeconfig itself asked for insecure-skip-tls-verify; client
// certificates and bearer tokens come from the ClientConfig. Connections are reused: idle easy
// handles (each with its connection cache) are pooled. HTTP/2 is used when the server offers
// it. Thread-safe: concurrent requests take different handles.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/exec_credential.h"
#include "kube/kubeconfig.h"
#include "kube/transport.h"

namespace dl::kube {

/// Receives debug lines at a verbosity level (kubectl's -v scale: 6 requests, 8 headers and
/// truncated bodies, 9 whole bodies). Lines are redacted before they get here.
using LogSink = std::function<void(int level, const std::string& line)>;

struct CurlOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::string user_agent = "doca-layer";
  int verbosity = 0;  ///< lines above this level are not even built
  LogSink log;
};

class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(ClientConfig config, CurlOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  util::Result<HttpResponse> send(const HttpRequest& request) override;
  bool connected_once() const override { return m_connected.load(); }
  util::Result<HttpResponse> stream(const HttpRequest& request, std::function<bool(std::string_view chunk)> on_data) override;

 /// Internal: where one response goes (defined in curl_transport.cpp).
  struct Sink;

 private:
  /// Runs `request` on a pooled handle, feeding the body to `sink`; returns the HTTP status.
  /// With an exec plugin, a 401 drops its credentials and the request is sent once more.
  util::Result<int> perform(const HttpRequest& request, Sink& sink);
  util::Result<int> perform_once(const HttpRequest& request, const Credentials& creds, Sink& sink);
  /// The credentials to send: the kubeconfig's, or the exec plugin's.
  util::Result<Credentials> credentials();
  void log_exchange(const HttpRequest& request, int status, const Sink& sink,
                    std::chrono::steady_clock::duration took) const;
  void* acquire();
  void release(void* handle);

  ClientConfig m_config;
  CurlOptions m_options;
  std::unique_ptr<ExecCredentialProvider> m_exec;
  std::mutex m_mu;
  std::vector<void*> m_idle;  ///< CURL* easy handles kept for their connections
  std::atomic<bool> m_connected{false};
};

}  // namespace dl::kube

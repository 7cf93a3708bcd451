// Test helpers for the kube tests: temporary directories, a simulator running in-process, a
// client wired to it with a recording retry policy, and a transport that records requests.
#pragma once

#include "util/temp_dir.h"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/client.h"
#include "kube/kubeconfig.h"
#include "sim/simulator.h"

namespace dl::kube::testing {

/// Scratch directory (util::TempDir).
using TempDir = util::TempDir;

/// Wraps another transport and records each request's "METHOD URL".
class RecordingTransport final : public Transport {
 public:
  explicit RecordingTransport(std::unique_ptr<Transport> inner) : m_inner(std::move(inner)) {}
  util::Result<HttpResponse> send(const HttpRequest& request) override;
  util::Result<HttpResponse> stream(const HttpRequest& request, std::function<bool(std::string_view)> on_data) override;
  std::vector<std::string> requests() const;
  bool connected_once() const override { return m_inner->connected_once(); }

 private:
  std::unique_ptr<Transport> m_inner;
  mutable std::mutex m_mu;
  std::vector<std::string> m_requests;
};

/// A started simulator, its kubeconfig on disk, and clients for it.
struct SimFixture {
  sim::Simulator server;
  TempDir dir;
  std::string kubeconfig_path;
  std::vector<std::chrono::milliseconds> sleeps;  ///< what the clients' retry policy waited
  RecordingTransport* last_transport = nullptr;

  /// Starts the simulator with `faults`; asserts on failure.
  explicit SimFixture(std::vector<std::string> faults = {});
  ~SimFixture();
  SimFixture(const SimFixture&) = delete;
  SimFixture& operator=(const SimFixture&) = delete;
  /// The ClientConfig loaded from the simulator's kubeconfig.
  ClientConfig config() const;
  /// A client over CurlTransport for `config`, recording requests (last_transport) and sleeps.
  std::unique_ptr<Client> client(const ClientConfig& config);
  std::unique_ptr<Client> client() { return client(config()); }
};

}  // namespace dl::kube::testing

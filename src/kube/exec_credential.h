// ExecCredentialProvider: runs a kubeconfig's `exec` plugin (client.authentication.k8s.io) and
// caches what it prints until it expires or the server refuses it (401), as client-go does.
// The plugin gets KUBERNETES_EXEC_INFO (and the cluster when provideClusterInfo is set); its
// stdout is parsed and never logged, its stderr only summarized. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>

#include "kube/kubeconfig.h"
#include "util/result.h"

namespace dl::kube {

/// What a plugin handed over: a bearer token, or a client certificate and key.
struct Credentials {
  std::string token;
  std::string client_cert_pem;
  std::string client_key_pem;
  std::optional<std::chrono::system_clock::time_point> expires;
};

/// Parses an ExecCredential document printed by a plugin configured with `api_version`.
util::Result<Credentials> parse_exec_credential(const std::string& text, const std::string& api_version);

class ExecCredentialProvider {
 public:
  /// `cluster` is the config the plugin serves (server/CA are passed with provideClusterInfo).
  explicit ExecCredentialProvider(ClientConfig cluster);

  /// The cached credentials, running the plugin first when there are none or they expired.
  util::Result<Credentials> get();
  /// Forgets the cached credentials (after a 401), so the next get() runs the plugin again.
  void invalidate();
  /// How many times the plugin ran (for tests).
  int runs() const;

 private:
  util::Result<Credentials> run_plugin() const;

  ClientConfig m_cluster;
  mutable std::mutex m_mu;
  std::optional<Credentials> m_cached;
  int m_runs = 0;
};

}  // namespace dl::kube

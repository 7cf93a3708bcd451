// Connecting to a cluster: kubeconfig (or in-cluster config) -> a kube::Client, with the
// warning a user must see when the kubeconfig turned TLS verification off.
#pragma once

#include <memory>
#include <string>

#include "kube/client.h"
#include "kube/curl_transport.h"
#include "util/result.h"

namespace dl::workflow {

struct ConnectOptions {
  std::string kubeconfig;  ///< --kubeconfig; empty: KUBECONFIG, ~/.kube/config, in-cluster
  std::string context;     ///< --context
  int verbosity = 0;       ///< -v (kubectl's scale)
  kube::LogSink log;       ///< where -v lines go (already redacted)
  std::chrono::milliseconds request_timeout{30000};
};

struct Connection {
  kube::ClientConfig config;
  std::unique_ptr<kube::Client> client;
  /// Non-empty when the kubeconfig disabled TLS verification: show it to the user.
  std::string insecure_warning;
};

/// Loads the kubeconfig and builds a client. No request is sent yet.
util::Result<Connection> connect(const ConnectOptions& options);

}  // namespace dl::workflow

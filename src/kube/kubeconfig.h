// kubeconfig: where the client finds its cluster and credentials. Files are chosen and merged
// as client-go does: an explicit path alone; else every file of KUBECONFIG (':'-separated, first
// file to define a cluster/user/context name or current-context wins, missing files skipped);
// else ~/.kube/config. Relative paths resolve against the directory of the file that holds them.
// Every broken field is an invalid_input error naming the file and the field.
#pragma once

#include <optional>
#include <string>

#include "util/result.h"

namespace dl::kube {

/// Everything a transport needs to reach one cluster as one user.
struct ClientConfig {
  std::string server;            ///< https://host:port[/prefix], no trailing slash
  std::string ca_pem;            ///< empty: the system trust store
  bool insecure = false;         ///< insecure-skip-tls-verify from the kubeconfig; callers should warn
  std::string token;             ///< secret; never printed
  std::string client_cert_pem;
  std::string client_key_pem;    ///< secret; never printed
  std::string ns = "default";    ///< the context's namespace
  std::string source;            ///< the kubeconfig file(s) it came from, ':'-joined
  std::string context;           ///< the selected context's name
};

struct LoadOptions {
  std::string path;                        ///< --kubeconfig: only this file, which must exist
  std::string context;                     ///< --context: overrides current-context
  std::optional<std::string> kubeconfig_env;  ///< KUBECONFIG's value; nullopt when unset
  std::string home;                        ///< for ~/.kube/config; empty: no fallback
};

/// LoadOptions with KUBECONFIG and HOME read from the process environment.
LoadOptions load_options_from_env(std::string path, std::string context);

/// Loads, merges and resolves the kubeconfig chosen by `options`. not_found when no file
/// exists; invalid_input (naming the file and field) for anything broken or unsupported.
util::Result<ClientConfig> load_client_config(const LoadOptions& options);

/// A one-line description for logs: server, context, namespace, auth method, source. Secrets
/// (token, key) are never included.
std::string describe(const ClientConfig& config);

}  // namespace dl::kube

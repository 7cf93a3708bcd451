// kubeconfig: where the client finds its cluster and credentials. Files are chosen and merged
// as client-go does: an explicit path alone; else every file of KUBECONFIG (':'-separated, first
// file to define a cluster/user/context name or current-context wins, missing files skipped);
// else ~/.kube/config. Relative paths resolve against the directory of the file that holds them.
// Every broken field is an invalid_input error naming the file and the field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace dl::kube {

/// A user's `exec` credential plugin (client.authentication.k8s.io): run to obtain a token or
/// a client certificate. `command` is resolved against the kubeconfig's directory when it
/// holds a '/', else looked up in PATH.
struct ExecConfig {
  std::string command;
  std::vector<std::string> args;
  std::map<std::string, std::string> env;
  std::string api_version;    ///< client.authentication.k8s.io/v1 or v1beta1
  std::string install_hint;   ///< shown when the command cannot be run
  bool provide_cluster_info = false;
};

/// Everything a transport needs to reach one cluster as one user.
struct ClientConfig {
  std::string server;            ///< https://host:port[/prefix], no trailing slash
  std::string ca_pem;            ///< empty: the system trust store
  bool insecure = false;         ///< insecure-skip-tls-verify from the kubeconfig; callers should warn
  std::string token;             ///< secret; never printed
  std::string client_cert_pem;
  std::string client_key_pem;    ///< secret; never printed
  std::optional<ExecConfig> exec;  ///< credentials come from a plugin (token/cert above stay empty)
  std::string proxy_url;         ///< proxy-url; empty: the *_proxy environment variables apply
  std::string tls_server_name;   ///< tls-server-name: the name the server certificate must carry
  std::string ns = "default";    ///< the context's namespace
  std::string source;            ///< the kubeconfig file(s) it came from, ':'-joined
  std::string context;           ///< the selected context's name
};

struct LoadOptions {
  std::string path;                        ///< --kubeconfig: only this file, which must exist
  std::string context;                     ///< --context: overrides current-context
  std::optional<std::string> kubeconfig_env;  ///< KUBECONFIG's value; nullopt when unset
  std::string home;                        ///< for ~/.kube/config; empty: no fallback
  /// In-cluster fallback when no kubeconfig file exists: KUBERNETES_SERVICE_HOST/PORT and
  /// POD_NAMESPACE (nullopt: unset), and where the service-account files are mounted.
  std::optional<std::string> service_host, service_port, pod_namespace;
  std::string service_account_dir = "/var/run/secrets/kubernetes.io/serviceaccount";
};

/// LoadOptions with KUBECONFIG and HOME read from the process environment.
LoadOptions load_options_from_env(std::string path, std::string context);

/// Loads, merges and resolves the kubeconfig chosen by `options`. When no file exists and the
/// process runs in a pod (service env vars set, token mounted), the in-cluster configuration.
/// not_found when neither exists; invalid_input (naming the file and field) for anything broken.
util::Result<ClientConfig> load_client_config(const LoadOptions& options);

/// The in-cluster configuration (client-go's InClusterConfig); not_found outside a pod.
util::Result<ClientConfig> in_cluster_config(const LoadOptions& options);

/// A one-line description for logs: server, context, namespace, auth method, source. Secrets
/// (token, key) are never included.
std::string describe(const ClientConfig& config);

}  // namespace dl::kube

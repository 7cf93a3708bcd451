// Push credentials, built in memory only: a TokenRequest for ServiceAccount `builder`, Secret
// `push-secret` (dockerconfigjson for the push registry), and `pull-and-push-secret` = the
// cluster's global pull secret deep-merged with the push secret. The global pull secret
// (openshift-config/pull-secret) is read, never written. A token is requested only when the
// push secret is missing, names another registry, or expires within the spec's renew window,
// so a second apply reuses the first one's token and writes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kube/client.h"
#include "spec/layer_spec.h"
#include "workflow/reconcile.h"

namespace dl::workflow {

inline constexpr const char* k_global_pull_secret_ns = "openshift-config";
inline constexpr const char* k_global_pull_secret = "pull-secret";
/// Annotation on push-secret: when its token expires (RFC 3339). Not secret.
inline constexpr const char* k_token_expiry_annotation = "doca-layer.nvidia.com/token-expires";
inline constexpr const char* k_builder_sa = "builder";

/// The `auths` of a kubernetes.io/dockerconfigjson Secret, or an error saying what is wrong
/// with it (never quoting its content).
util::Result<json> docker_auths(const json& secret);

/// {"auths": {host: {username, password, auth}}} for a bearer token pushed as `user`.
json docker_config(const std::string& host, const std::string& user, const std::string& token);

/// `global` with every registry of `push` added or replaced (the push secret wins for its hosts).
json merge_auths(const json& global_auths, const json& push_auths);

/// A dockerconfigjson Secret `name` in the MCO namespace holding `config`.
json docker_secret(const std::string& name, const json& config, const json& labels, const json& annotations);

struct CredentialsResult {
  std::vector<Outcome> outcomes;  ///< push-secret and pull-and-push-secret (internal registry)
  bool token_requested = false;
  std::optional<long long> token_expires;  ///< epoch seconds
};

/// Makes push-secret and pull-and-push-secret current for `spec` at time `now` (epoch seconds).
/// External registry: checks that the user's push secret exists and is valid; writes nothing.
kube::KubeResult<CredentialsResult> ensure_credentials(kube::Client& client, const spec::LayerSpec& spec,
                                                       long long now, DryRun dry_run);

}  // namespace dl::workflow

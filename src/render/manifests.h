// spec -> the Kubernetes objects the layer needs, as plain JSON values (no I/O, deterministic).
// Push credentials are never rendered: apply builds them in memory.
#pragma once

#include <string>
#include <vector>

#include "spec/layer_spec.h"
#include "util/result.h"
#include "util/yaml_emit.h"

namespace dl::render {

using util::ojson;

struct Object {
  std::string file_name;  ///< e.g. 10-pvc-registry-claim.yaml (render -d DIR)
  ojson body;
};

struct Rendered {
  std::vector<Object> objects;  ///< in apply order
  std::string containerfile;
};

inline constexpr const char* k_managed_by_label = "app.kubernetes.io/managed-by";
inline constexpr const char* k_layer_label = "doca-layer.nvidia.com/layer";
inline constexpr const char* k_repos_configmap = "etc-yum-repos-d";
inline constexpr const char* k_gpg_secret = "etc-pki-rpm-gpg";

/// Every object of the layer; invalid_input when the Containerfile is over the API limit.
util::Result<Rendered> render(const spec::LayerSpec& spec);

/// dnf .repo file text for the DOCA repo and for one dependency repo.
std::string doca_repo_file(const spec::LayerSpec& spec);
std::string repo_file(const spec::RepoSpec& repo);

/// Manifests as a multi-document YAML stream / a v1 List.
std::string to_yaml_stream(const Rendered& r);
ojson to_list(const Rendered& r);

}  // namespace dl::render

// LayerSpec: the validated, defaulted content of a `layer.yaml` (docs/spec.md is the reference).
// Every field here has its default filled in; nothing in render/ or later needs to guess.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dl::spec {

inline constexpr const char* k_api_version = "doca-layer.nvidia.com/v1alpha1";
inline constexpr const char* k_kind = "LayerConfig";

struct RepoSpec {
  std::string id;        ///< dnf repo id, also the ConfigMap key `<id>.repo`
  std::string name;      ///< human-readable name
  std::string base_url;  ///< http(s):// or file://
  bool gpg_check = true;
  std::string gpg_key;           ///< http(s):// or file:// URL of the key, or empty
  std::string gpg_key_file;      ///< local path of a key to ship in Secret etc-pki-rpm-gpg
  std::string gpg_key_data;      ///< content of gpg_key_file, loaded with the spec
  int priority = 0;              ///< dnf priority; 0 = dnf default
};

struct DocaSpec {
  std::string version = "3.3.0";
  std::string base_url = "https://linux.mellanox.com/public/repo/doca";
  std::string os;      ///< DOCA repo OS path component (rhel9, rhel9.6, ...); defaulted by validate
  std::string arch = "x86_64";
  std::string profile = "doca-all";
  bool gpg_check = true;
  std::string gpg_key;  ///< defaulted to <baseURL>/GPG-KEY-Mellanox.pub
  std::vector<std::string> replace = {"libibverbs", "rdma-core"};
};

struct InternalRegistry {
  std::string storage_class = "lvms-vg1";
  std::string size = "100Gi";
  std::string access_mode = "ReadWriteOnce";
  int replicas = 1;
  std::string claim_name = "registry-claim";
  bool default_route = true;
  std::string image = "os-image";  ///< image name in namespace openshift-machine-config-operator
};

struct ExternalRegistry {
  std::string push_spec;    ///< host[:port]/path/name:tag
  std::string push_secret;  ///< existing dockerconfigjson Secret in openshift-machine-config-operator
};

struct RegistrySpec {
  std::optional<InternalRegistry> internal;  ///< exactly one of internal / external is set
  std::optional<ExternalRegistry> external;
};

struct CredentialsSpec {
  long long token_ttl_seconds = 720LL * 3600;
  long long renew_before_seconds = 72LL * 3600;
};

struct OvsSpec {
  bool doca_init = true;
  bool hw_offload = true;
  std::map<std::string, std::string> other_config;  ///< sorted, so output is deterministic
};

struct PackagesSpec {
  std::vector<std::string> dependencies;  ///< defaulted to the manual workflow's list
  std::vector<std::string> extra;
};

struct LayerSpec {
  std::string name = "ovs-doca";
  std::string pool = "master";
  std::string openshift_version;  ///< "4.20" or "4.20.15"; empty = unknown until a cluster is read
  DocaSpec doca;
  std::vector<RepoSpec> repos;    ///< defaulted to CentOS Stream + EPEL for the RHEL major
  PackagesSpec packages;
  RegistrySpec registry;
  CredentialsSpec credentials;
  OvsSpec ovs;
};

/// Namespace the MCO reads its build inputs from.
inline constexpr const char* k_mco_namespace = "openshift-machine-config-operator";
inline constexpr const char* k_registry_namespace = "openshift-image-registry";
inline constexpr const char* k_push_secret = "push-secret";
inline constexpr const char* k_pull_and_push_secret = "pull-and-push-secret";

/// The image push spec the MachineOSConfig gets (internal registry service or external).
std::string push_spec(const LayerSpec& spec);

/// DOCA repo URL for the spec: <baseURL>/<version>/<os>/<repo arch>/
std::string doca_repo_url(const LayerSpec& spec);

}  // namespace dl::spec

// Flags every cluster command shares (kubectl's names: --kubeconfig, --context, -v) plus the
// spec file, and the one place that turns them into a connection and a loaded spec.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "spec/layer_spec.h"
#include "workflow/connect.h"

namespace dl::cli {

/// Where doca-layer's namespaced objects live: the Machine Config Operator reads secrets only there.
inline constexpr const char* k_layer_namespace = "openshift-machine-config-operator";

struct ClusterFlags {
  std::string file = "layer.yaml";
  std::string kubeconfig;
  std::string context;
  std::string ns;  ///< -n: accepted only as k_layer_namespace (kubectl habit; nothing else is valid)
  int verbosity = 0;
  std::string output = "text";  ///< text | json (| yaml where offered)
};

/// Adds -f/--file, --kubeconfig, --context, -n/--namespace (only k_layer_namespace passes), -v to `sub` (and -o with `outputs` when non-empty).
/// `short_file` false leaves -f free (logs uses it for --follow, as kubectl does).
void add_cluster_flags(CLI::App& sub, ClusterFlags& flags, const std::vector<std::string>& outputs = {"text", "json"},
                       bool short_file = true);

/// --skip-packages and --installed-from (preflight and apply).
void add_preflight_flags(CLI::App& sub, bool& skip_packages, std::string& installed_from);

/// The spec (exit 2 and diagnostics on stderr when it does not load).
std::optional<spec::LayerSpec> load_spec(const ClusterFlags& flags);

/// Connects (exit 1 with the reason on stderr when the kubeconfig is unusable); prints the
/// insecure-TLS warning when the kubeconfig asked for it.
std::optional<workflow::Connection> connect_or_report(const ClusterFlags& flags);

}  // namespace dl::cli

#include "cli/cluster_flags.h"

#include <iostream>

#include "cli/print.h"

namespace dl::cli {
namespace {

/// Accepts only k_layer_namespace; its description is the one choice, so completions offer it.
CLI::Validator namespace_check() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (value == k_layer_namespace) return {};
        return "doca-layer's objects live only in " + std::string(k_layer_namespace) +
               " (the Machine Config Operator reads secrets only there); \"" + value + "\" is not supported";
      },
      "{" + std::string(k_layer_namespace) + "}", "namespace");
}

}  // namespace

void add_cluster_flags(CLI::App& sub, ClusterFlags& f, const std::vector<std::string>& outputs, bool short_file) {
  sub.add_option(short_file ? "-f,--file" : "--file", f.file, "Layer spec")->capture_default_str();
  sub.add_option("--kubeconfig", f.kubeconfig, "Path to the kubeconfig (default: $KUBECONFIG, ~/.kube/config, in-cluster)");
  sub.add_option("--context", f.context, "The kubeconfig context to use");
  sub.add_option("-n,--namespace", f.ns, "Namespace (kubectl habit); only " + std::string(k_layer_namespace) + " is valid")
      ->check(namespace_check());
  sub.add_option("-v,--v", f.verbosity, "Log level for API requests (kubectl's scale: 6 requests, 8 headers, 9 bodies)");
  if (!outputs.empty())
    sub.add_option("-o,--output", f.output, "Output format")->check(CLI::IsMember(outputs))->capture_default_str();
}

void add_preflight_flags(CLI::App& sub, bool& skip_packages, std::string& installed_from) {
  sub.add_flag("--skip-packages", skip_packages,
               "Do not resolve the package steps against the repositories (workstations that cannot reach them)");
  sub.add_option("--installed-from", installed_from, "The base image's packages: `rpm -qa` output of a node");
}

std::optional<spec::LayerSpec> load_spec(const ClusterFlags& flags) {
  spec::Loaded loaded = load_spec_or_report(flags.file, std::cerr);
  if (!loaded.ok) return std::nullopt;
  return loaded.spec;
}

std::optional<workflow::Connection> connect_or_report(const ClusterFlags& flags) {
  workflow::ConnectOptions o;
  o.kubeconfig = flags.kubeconfig;
  o.context = flags.context;
  o.verbosity = flags.verbosity;
  if (flags.verbosity > 0) o.log = [](int, const std::string& line) { std::cerr << line << "\n"; };
  auto c = workflow::connect(o);
  if (!c) {
    std::cerr << "doca-layer: " << c.error().message << "\n";
    return std::nullopt;
  }
  if (!c->insecure_warning.empty()) std::cerr << "warning: " << c->insecure_warning << "\n";
  return std::move(*c);
}

}  // namespace dl::cli

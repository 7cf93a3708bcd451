// doca-layer packages: resolves the Containerfile's package steps against the real repositories
// with libsolv and prints the transaction (or why it would fail), before anything is built.
#include <iostream>

#include "cli/command.h"
#include "cli/print.h"
#include "rpmrepo/printer.h"
#include "rpmrepo/resolve.h"

namespace dl::cli {
namespace {

struct Options {
  std::string file = "layer.yaml";
  std::string output = "text";
  std::string installed_from;
  std::string cache_dir;
};

int run_packages(const Options& o) {
  spec::Loaded loaded = load_spec_or_report(o.file, std::cerr);
  if (!loaded.ok) return k_exit_usage;
  rpmrepo::ResolveOptions ro;
  ro.cache.dir = o.cache_dir.empty() ? rpmrepo::default_cache_dir() : o.cache_dir;
  ro.installed_from = o.installed_from;
  auto res = rpmrepo::resolve_layer(loaded.spec, ro);
  if (!res) {
    std::cerr << "doca-layer: " << res.error().message << "\n";
    return k_exit_usage;
  }
  if (o.output == "json")
    std::cout << rpmrepo::to_json(*res).dump(2) << "\n";
  else
    std::cout << rpmrepo::to_text(*res);
  return res->verdict == rpmrepo::Verdict::ok ? k_exit_ok : k_exit_failure;
}

}  // namespace

Command packages_command() {
  return {"packages", "Resolve the build's package steps against the repositories (libsolv, as dnf)",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            sub.add_option("-f,--file", o->file, "Layer spec")->capture_default_str();
            sub.add_option("-o,--output", o->output, "Output format")
                ->check(CLI::IsMember({"text", "json"}))
                ->capture_default_str();
            sub.add_option("--installed-from", o->installed_from,
                           "The base image's packages: `rpm -qa` output of a node (default: built-in model of the "
                           "spec's OpenShift release)");
            sub.add_option("--cache-dir", o->cache_dir,
                           "Repository metadata cache (default: $XDG_CACHE_HOME/doca-layer/rpmrepo)");
            return [o] { return run_packages(*o); };
          }};
}

}  // namespace dl::cli

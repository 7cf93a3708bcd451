// doca-layer preflight: read-only checks that apply can succeed, each with its fix.
#include <iostream>

#include "cli/cluster_flags.h"
#include "cli/command.h"
#include "cli/reports.h"
#include "rpmrepo/metadata.h"

namespace dl::cli {
namespace {

struct Options {
  ClusterFlags cluster;
  bool skip_packages = false;
  std::string installed_from;
};

int run_preflight(const Options& o) {
  auto spec = load_spec(o.cluster);
  if (!spec) return k_exit_usage;
  auto conn = connect_or_report(o.cluster);
  if (!conn) return k_exit_failure;
  workflow::PreflightOptions po;
  po.packages = !o.skip_packages;
  po.installed_from = o.installed_from;
  po.cache_dir = rpmrepo::default_cache_dir();
  auto report = workflow::preflight(*conn->client, *spec, po);
  if (o.cluster.output == "json")
    std::cout << workflow::to_json(report).dump(2) << "\n";
  else
    print_preflight(std::cout, report);
  return report.ok() ? k_exit_ok : k_exit_failure;
}

}  // namespace

Command preflight_command() {
  return {"preflight", "Check, read-only, that apply can succeed on the cluster (each check with its fix)",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            add_cluster_flags(sub, o->cluster);
            add_preflight_flags(sub, o->skip_packages, o->installed_from);
            return [o] { return run_preflight(*o); };
          }};
}

}  // namespace dl::cli

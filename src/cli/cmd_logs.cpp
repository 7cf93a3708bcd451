// doca-layer logs: the current (or last) build's log; -f follows it across pod restarts.
#include <iostream>

#include "cli/cluster_flags.h"
#include "cli/command.h"
#include "workflow/logs.h"

namespace dl::cli {
namespace {

struct Options {
  ClusterFlags cluster;
  bool follow = false;
  std::string build;
};

int run_logs(const Options& o) {
  auto spec = load_spec(o.cluster);
  if (!spec) return k_exit_usage;
  auto conn = connect_or_report(o.cluster);
  if (!conn) return k_exit_failure;
  workflow::LogsOptions lo;
  lo.follow = o.follow;
  lo.build = o.build;
  auto st = workflow::build_logs(*conn->client, spec->pool, lo, [](std::string_view chunk) { std::cout << chunk << std::flush; });
  if (!st) {
    std::cerr << "doca-layer logs: " << st.error().message << "\n";
    return k_exit_failure;
  }
  return k_exit_ok;
}

}  // namespace

Command logs_command() {
  return {"logs", "Print the image build's log (-f to follow it)",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            add_cluster_flags(sub, o->cluster, {}, false);
            sub.add_flag("-f,--follow", o->follow, "Keep streaming until the build ends, across pod restarts");
            sub.add_option("--build", o->build, "A MachineOSBuild name (default: the MachineOSConfig's current build)");
            return [o] { return run_logs(*o); };
          }};
}

}  // namespace dl::cli

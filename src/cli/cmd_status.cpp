// doca-layer status: registry, credentials, layer, builds, pool and nodes; -w to watch.
#include <ctime>
#include <iostream>

#include "cli/cluster_flags.h"
#include "cli/command.h"
#include "cli/reports.h"
#include "util/yaml_emit.h"
#include "workflow/status.h"

namespace dl::cli {
namespace {

struct Options {
  ClusterFlags cluster;
  bool watch = false;
  std::string interval = "2s";
};

int show(const Options& o, const workflow::StatusReport& s) {
  if (o.cluster.output == "json")
    std::cout << workflow::to_json(s).dump(o.watch ? -1 : 2) << "\n";
  else if (o.cluster.output == "yaml")
    std::cout << util::to_yaml(util::ojson::parse(workflow::to_json(s).dump()));
  else
    print_status(std::cout, s);
  std::cout << std::flush;
  return k_exit_ok;
}

int run_status(const Options& o) {
  auto spec = load_spec(o.cluster);
  if (!spec) return k_exit_usage;
  auto every = parse_duration(o.interval);
  if (!every) {
    std::cerr << "doca-layer status: --interval \"" << o.interval << "\" is not a duration\n";
    return k_exit_usage;
  }
  auto conn = connect_or_report(o.cluster);
  if (!conn) return k_exit_failure;
  auto now = [] { return static_cast<long long>(std::time(nullptr)); };
  if (o.watch) {
    auto st = workflow::watch_status(*conn->client, *spec, *every, now, [&](const workflow::StatusReport& s) {
      if (o.cluster.output == "text") std::cout << "\n--- " << workflow::format_time(now()) << "\n";
      show(o, s);
      return true;
    });
    std::cerr << "doca-layer status: " << (st ? "watch ended" : st.error().message) << "\n";
    return k_exit_failure;
  }
  auto s = workflow::gather_status(*conn->client, *spec, now());
  if (!s) {
    std::cerr << "doca-layer status: " << s.error().message << "\n";
    return k_exit_failure;
  }
  return show(o, *s);
}

}  // namespace

Command status_command() {
  return {"status", "Show registry, credentials, layer, builds, pool and nodes",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            add_cluster_flags(sub, o->cluster, {"text", "table", "json", "yaml"});
            sub.add_flag("-w,--watch", o->watch, "Print again whenever the layer, its builds, the pool or its nodes change, until interrupted");
            sub.add_option("--interval", o->interval, "With -w: at most one print per interval")->capture_default_str();
            return [o] { return run_status(*o); };
          }};
}

}  // namespace dl::cli

// doca-layer verify: per node, through a debug pod, is OVS-DOCA really active?
#include <iostream>

#include "cli/cluster_flags.h"
#include "cli/command.h"
#include "cli/reports.h"
#include "workflow/verify.h"

namespace dl::cli {
namespace {

struct Options {
  ClusterFlags cluster;
  workflow::VerifyOptions verify;
};

int run_verify(const Options& o) {
  auto spec = load_spec(o.cluster);
  if (!spec) return k_exit_usage;
  auto conn = connect_or_report(o.cluster);
  if (!conn) return k_exit_failure;
  auto r = workflow::verify(*conn->client, *spec, o.verify, nullptr);
  if (!r) {
    std::cerr << "doca-layer verify: " << r.error().message << "\n";
    return k_exit_failure;
  }
  if (o.cluster.output == "json")
    std::cout << workflow::to_json(*r).dump(2) << "\n";
  else
    print_verify(std::cout, *r);
  return r->verdict == ovs::Verdict::fail ? k_exit_failure : k_exit_ok;
}

}  // namespace

Command verify_command() {
  return {"verify", "Check every node of the pool through a debug pod: image, packages, OVS-DOCA initialised",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            add_cluster_flags(sub, o->cluster);
            sub.add_option("--node", o->verify.node, "Only this node");
            sub.add_flag("--fix", o->verify.fix,
                         "Set the missing OVS settings and restart the switch where the layer did not persist them");
            sub.add_flag("--stock", o->verify.stock, "Expect stock RHCOS Open vSwitch (after a rollback)");
            sub.add_option("--image", o->verify.image, "Image of the debug pods (its userland is not used)")
                ->capture_default_str();
            return [o] { return run_verify(*o); };
          }};
}

}  // namespace dl::cli

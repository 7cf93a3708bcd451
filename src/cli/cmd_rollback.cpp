// doca-layer rollback: remove the layer, follow the pool back to stock, verify stock OVS.
#include <unistd.h>

#include <iostream>

#include "cli/cluster_flags.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "cli/reports.h"
#include "cli/verify_step.h"
#include "workflow/rollback.h"

namespace dl::cli {
namespace {

struct Options {
  ClusterFlags cluster;
  bool purge = false;
  bool no_wait = false;
  bool dry_run = false;
  std::string timeout = "2h";
};

int run_rollback(const Options& o) {
  auto spec = load_spec(o.cluster);
  if (!spec) return k_exit_usage;
  auto timeout = parse_duration(o.timeout);
  if (!timeout) {
    std::cerr << "doca-layer rollback: --timeout \"" << o.timeout << "\" is not a duration\n";
    return k_exit_usage;
  }
  auto conn = connect_or_report(o.cluster);
  if (!conn) return k_exit_failure;
  auto printer = ProgressPrinter::for_stream(std::cout, STDOUT_FILENO, o.cluster.output);
  workflow::RollbackOptions ro;
  ro.purge = o.purge;
  ro.wait = !o.no_wait;
  ro.dry_run = o.dry_run ? workflow::DryRun::client : workflow::DryRun::none;
  ro.timeout = *timeout;
  auto r = workflow::rollback(*conn->client, *spec, ro, printer.sink());
  printer.finish();
  if (!r) {
    printer({workflow::Event::Kind::fail, "rollback", r.error().message, {}});
    return k_exit_failure;
  }
  if (!ro.wait || o.dry_run) return k_exit_ok;
  workflow::VerifyOptions vo;
  vo.stock = true;
  auto v = verify_step(*conn->client, *spec, vo, printer, o.cluster.output);
  if (!v) return k_exit_failure;
  return v->verdict == ovs::Verdict::fail ? k_exit_failure : k_exit_ok;
}

}  // namespace

Command rollback_command() {
  return {"rollback", "Remove the layer: delete the MachineOSConfig and follow the pool back to stock RHCOS",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            add_cluster_flags(sub, o->cluster);
            sub.add_flag("--purge", o->purge,
                         "Also delete push-secret, pull-and-push-secret, etc-yum-repos-d, etc-pki-rpm-gpg "
                         "(never the global pull secret or the registry)");
            sub.add_flag("--no-wait", o->no_wait, "Return once the MachineOSConfig is deleted");
            sub.add_flag("--dry-run", o->dry_run, "Say what would be deleted, delete nothing");
            sub.add_option("--timeout", o->timeout, "How long to wait for the pool")->capture_default_str();
            return [o] { return run_rollback(*o); };
          }};
}

}  // namespace dl::cli

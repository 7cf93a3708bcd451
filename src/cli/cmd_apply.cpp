// doca-layer apply: preflight, then every step of the layer (idempotent), then follow the build
// and the rollout and verify the nodes.
#include <unistd.h>

#include <iostream>

#include "cli/cluster_flags.h"
#include "cli/command.h"
#include "cli/progress.h"
#include "cli/reports.h"
#include "cli/verify_step.h"
#include "rpmrepo/metadata.h"
#include "workflow/apply.h"
#include "workflow/preflight.h"

namespace dl::cli {
namespace {

struct Options {
  ClusterFlags cluster;
  std::string dry_run = "none";
  bool no_wait = false;
  std::string timeout = "2h";
  bool skip_preflight = false;
  bool skip_packages = false;
  std::string installed_from;
  bool skip_verify = false;
  bool rebuild = false;
};

int run_apply(const Options& o) {
  auto spec = load_spec(o.cluster);
  if (!spec) return k_exit_usage;
  std::string dry = o.dry_run.empty() ? "client" : o.dry_run;
  if (dry != "none" && dry != "client" && dry != "server") {
    std::cerr << "doca-layer apply: --dry-run must be client or server, not \"" << dry << "\"\n";
    return k_exit_usage;
  }
  auto timeout = parse_duration(o.timeout);
  if (!timeout) {
    std::cerr << "doca-layer apply: --timeout \"" << o.timeout << "\" is not a duration (use 90s, 30m, 2h)\n";
    return k_exit_usage;
  }
  auto conn = connect_or_report(o.cluster);
  if (!conn) return k_exit_failure;
  auto printer = ProgressPrinter::for_stream(std::cout, STDOUT_FILENO, o.cluster.output);
  bool json = o.cluster.output == "json";
  if (!o.skip_preflight) {
    workflow::PreflightOptions po;
    po.packages = !o.skip_packages;
    po.installed_from = o.installed_from;
    po.cache_dir = rpmrepo::default_cache_dir();
    po.access = false;  // asked below, only when the plan writes
    auto report = workflow::preflight(*conn->client, *spec, po);
    if (report.ok()) {
      workflow::ApplyOptions plan_only;
      plan_only.dry_run = workflow::DryRun::client;
      plan_only.rebuild = o.rebuild;
      auto plan = workflow::apply(*conn->client, *spec, plan_only, nullptr);
      if (!plan || plan->writes > 0 || plan->token_requested)
        report.checks.push_back(workflow::check_access(*conn->client));
    }
    if (json)
      std::cout << workflow::json{{"kind", "preflight"}, {"report", workflow::to_json(report)}}.dump() << "\n";
    else if (!report.ok())
      print_preflight(std::cout, report);
    else {
      for (const auto& c : report.checks)
        if (c.verdict == workflow::CheckVerdict::warn)
          printer({workflow::Event::Kind::warn, "preflight", c.title + ": " + c.detail + (c.fix.empty() ? "" : " (" + c.fix + ")"), {}});
      printer({workflow::Event::Kind::done, "preflight", std::to_string(report.checks.size()) + " checks passed", {}});
    }
    if (!report.ok()) return k_exit_failure;
  }
  workflow::ApplyOptions ao;
  ao.dry_run = dry == "client"   ? workflow::DryRun::client
               : dry == "server" ? workflow::DryRun::server
                                 : workflow::DryRun::none;
  ao.wait = !o.no_wait;
  ao.rebuild = o.rebuild;
  ao.timeout = *timeout;
  ao.registry_timeout = std::min(ao.registry_timeout, ao.timeout);
  auto r = workflow::apply(*conn->client, *spec, ao, printer.sink());
  printer.finish();
  if (!r) {
    printer({workflow::Event::Kind::fail, "apply", r.error().message, {}});
    return k_exit_failure;
  }
  if (r->writes == 0 && !r->token_requested)
    printer({workflow::Event::Kind::done, "apply", "the cluster already matches the spec: nothing written", {}});
  if (!ao.wait || ao.dry_run != workflow::DryRun::none || o.skip_verify) return k_exit_ok;
  if (!r->layer_changed && !r->image.empty() && r->verified_image == r->image) {
    printer({workflow::Event::Kind::done,
             "verify",
             "skipped: the nodes passed verify on this image already (doca-layer verify probes them again)",
             {}});
    return k_exit_ok;
  }
  auto v = verify_step(*conn->client, *spec, {}, printer, o.cluster.output);
  if (!v) return k_exit_failure;
  if (v->verdict == ovs::Verdict::fail) return k_exit_failure;
  if (auto st = workflow::mark_verified(*conn->client, spec->pool, r->image); !st)
    printer({workflow::Event::Kind::warn, "verify", "could not record the verification: " + st.error().message, {}});
  return k_exit_ok;
}

}  // namespace

Command apply_command() {
  return {"apply",
          "Make the cluster match the spec: registry, credentials, repos, MachineOSConfig; follow build and rollout",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            add_cluster_flags(sub, o->cluster);
            sub.add_option("--dry-run", o->dry_run,
                           "client (plan, send no write; the default when no value is given) or server (writes sent "
                           "with dryRun=All)")
                ->expected(0, 1);
            sub.add_flag("--no-wait", o->no_wait, "Return after the MachineOSConfig is written");
            sub.add_flag(
                "--wait", [o](int64_t) { o->no_wait = false; }, "Follow the build and the rollout (default)");
            sub.add_option("--timeout", o->timeout,
                           "How long each wait may take: the registry (10m at most), the build, the rollout")
                ->capture_default_str();
            sub.add_flag("--skip-preflight", o->skip_preflight, "Do not run the preflight checks first");
            sub.add_flag("--skip-verify", o->skip_verify, "Do not verify the nodes after the rollout");
            sub.add_flag("--rebuild", o->rebuild,
                         "Build the image again although the MachineOSConfig is unchanged (after a change of the package "
                         "repositories only); every node of the pool reboots onto the new image");
            add_preflight_flags(sub, o->skip_packages, o->installed_from);
            return [o] { return run_apply(*o); };
          }};
}

}  // namespace dl::cli

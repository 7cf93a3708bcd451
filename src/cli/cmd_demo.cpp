// doca-layer demo: the whole main job against the embedded simulated cluster, in about a
// minute: start the cluster in-process (single-node OpenShift 4.20.15, timing compressed but
// real-looking), then run the very commands a user would: init, preflight, apply, status, verify.
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "sim/simulator.h"
#include "spec/starter.h"
#include "util/files.h"

namespace dl::cli {
namespace {

struct Options {
  std::string dir = "doca-layer-demo";
  std::string topology = "sno";
  int workers = -1;
  bool quick = false;  ///< test timing (seconds instead of a minute)
};

int step(const std::string& title, std::vector<std::string> args) {
  std::cout << "\n$ doca-layer";
  for (size_t i = 1; i < args.size(); ++i) std::cout << " " << args[i];
  std::cout << "    # " << title << "\n" << std::flush;
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  return run(static_cast<int>(argv.size()), argv.data());
}

int run_demo(const Options& o) {
  if (auto st = util::make_dirs(o.dir); !st) {
    std::cerr << "doca-layer demo: " << st.error().message << "\n";
    return k_exit_failure;
  }
  sim::SimOptions so;
  auto topo = sim::cluster::parse_topology(o.topology);
  if (!topo) {
    std::cerr << "doca-layer demo: " << topo.error().message << "\n";
    return k_exit_usage;
  }
  so.seed.topology = *topo;
  so.seed.workers = o.workers;
  so.timing = o.quick ? sim::controllers::Timing::test() : sim::controllers::Timing::demo();
  sim::Simulator cluster;
  if (auto st = cluster.start(so); !st) {
    std::cerr << "doca-layer demo: cannot start the simulated cluster: " << st.error().message << "\n";
    return k_exit_failure;
  }
  std::string kubeconfig = o.dir + "/kubeconfig";
  if (auto st = util::write_file_atomic(kubeconfig, cluster.kubeconfig(), util::FileMode::private_0600); !st) {
    std::cerr << "doca-layer demo: " << st.error().message << "\n";
    return k_exit_failure;
  }
  std::cout << "== doca-layer demo: a simulated OpenShift " << so.seed.openshift_version << " (" << o.topology
            << ") at " << cluster.server_url() << "\n   kubectl works too: KUBECONFIG=" << kubeconfig
            << " kubectl get nodes\n";
  std::string spec = o.dir + "/layer.yaml";
  std::string pool = *topo == sim::cluster::Topology::standard ? "worker" : "master";
  std::vector<std::string> common = {"-f", spec, "--kubeconfig", kubeconfig};
  auto with = [&](std::vector<std::string> a) {
    a.insert(a.end(), common.begin(), common.end());
    return a;
  };
  int rc = step("write a starter spec", {"doca-layer", "init", "--force", "-f", spec, "--pool", pool});
  if (rc == 0) rc = step("read-only checks, each with its fix (repos are not reachable from the demo)",
                         with({"doca-layer", "preflight", "--skip-packages"}));
  if (rc == 0) rc = step("registry, credentials, repos, MachineOSConfig; follow build and rollout; verify",
                         with({"doca-layer", "apply", "--skip-packages"}));
  if (rc == 0) rc = step("what the cluster says now", with({"doca-layer", "status"}));
  if (rc == 0) rc = step("a second apply: the cluster already matches, nothing is written",
                         with({"doca-layer", "apply", "--skip-packages"}));
  cluster.stop();
  std::cout << "\n== demo " << (rc == 0 ? "finished" : "failed") << "; files in " << o.dir << "\n";
  return rc;
}

}  // namespace

Command demo_command() {
  return {"demo", "Run the main job end to end against the embedded simulated cluster (about a minute)",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            sub.add_option("--dir", o->dir, "Work directory for the demo's files")->capture_default_str();
            sub.add_option("--topology", o->topology, "sno, compact or standard")->capture_default_str();
            sub.add_option("--workers", o->workers, "Workers of a standard cluster");
            sub.add_flag("--quick", o->quick, "Test timing: seconds instead of about a minute");
            return [o] { return run_demo(*o); };
          }};
}

}  // namespace dl::cli

// doca-layer sim: runs the simulated OpenShift cluster until SIGINT/SIGTERM.
#include <csignal>
#include <iostream>

#include "cli/command.h"
#include "sim/simulator.h"
#include "util/files.h"

namespace dl::cli {
namespace {

struct Options {
  sim::SimOptions sim;
  std::string kubeconfig_out;
  std::string topology = "sno";
  bool realistic = false;
  double time_scale = 1.0;
  std::string node_backend = "auto";
  std::vector<std::string> repo_mirrors;  ///< URL=DIR
};

int run_sim(const Options& o) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // before any thread starts, so sigwait gets them
  sim::SimOptions so = o.sim;
  auto topology = sim::cluster::parse_topology(o.topology);
  if (!topology) {
    std::cerr << "doca-layer sim: " << topology.error().message << "\n";
    return k_exit_usage;
  }
  so.seed.topology = *topology;
  if (o.realistic) so.timing = sim::controllers::Timing::realistic();
  if (o.time_scale != 1.0) so.timing = so.timing.scaled(o.time_scale);
  if (o.node_backend == "ovsdb") so.node_backend = sim::node::Backend::ovsdb_server;
  if (o.node_backend == "memory") so.node_backend = sim::node::Backend::memory;
  for (const auto& m : o.repo_mirrors) {
    auto mirror = sim::controllers::layering::parse_repo_mirror(m);
    if (!mirror) {
      std::cerr << "doca-layer sim: " << mirror.error().message << "\n";
      return k_exit_usage;
    }
    so.repo_mirrors.push_back(*mirror);
  }
  sim::Simulator s;
  if (auto st = s.start(so); !st) {
    std::cerr << "doca-layer sim: " << st.error().message << "\n";
    return st.error().kind == util::ErrorKind::invalid_input ? k_exit_usage : k_exit_failure;
  }
  if (!o.kubeconfig_out.empty()) {
    if (auto st = util::write_file_atomic(o.kubeconfig_out, s.kubeconfig(), util::FileMode::private_0600); !st) {
      std::cerr << "doca-layer sim: " << st.error().message << "\n";
      s.stop();
      return k_exit_failure;
    }
  }
  std::cout << "sim: serving OpenShift " << so.seed.openshift_version << " (" << o.topology << ", " << so.seed.arch
            << (o.realistic ? ", realistic timing" : "") << ") on " << s.server_url();
  if (!o.kubeconfig_out.empty()) std::cout << " (kubeconfig: " << o.kubeconfig_out << ")";
  std::cout << std::endl;
  int sig = 0;
  sigwait(&set, &sig);
  std::cout << "sim: stopping (" << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ")" << std::endl;
  s.stop();
  return k_exit_ok;
}

}  // namespace

Command sim_command() {
  return {"sim", "Run the simulated OpenShift cluster (HTTPS Kubernetes API on loopback)",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            sub.add_option("--listen", o->sim.listen, "host:port to serve on (port 0: any free port)")->capture_default_str();
            sub.add_option("--kubeconfig-out", o->kubeconfig_out, "Write a kubeconfig for the simulator here (mode 0600)");
            sub.add_option("--token", o->sim.admin_token, "Admin bearer token (default: random)");
            sub.add_option("--fault", o->sim.faults, "Inject faults: METHOD:PATH_PREFIX:STATUS[:COUNT[:RETRY_AFTER]] (repeatable)");
            sub.add_option("--history", o->sim.history_limit, "Watch event history kept (older resourceVersions get 410)")
                ->capture_default_str();
            sub.add_option("--openshift-version", o->sim.seed.openshift_version, "OpenShift version the cluster runs (4.16 to 4.22)")
                ->capture_default_str();
            sub.add_option("--topology", o->topology, "Cluster shape: sno, compact (3 schedulable masters) or standard (3 masters + workers)")
                ->capture_default_str();
            sub.add_option("--workers", o->sim.seed.workers, "Workers of a standard cluster (default 3)");
            sub.add_option("--arch", o->sim.seed.arch, "Node architecture: x86_64 or aarch64")->capture_default_str();
            sub.add_flag("--nvidia-nics,!--no-nvidia-nics", o->sim.seed.nvidia_nics,
                         "Label nodes as having NVIDIA NICs (feature.node.kubernetes.io/pci-15b3.present; default on)");
            sub.add_option("--node-backend", o->node_backend,
                           "Nodes' OVS state: ovsdb (a real ovsdb-server per node), memory, or auto (ovsdb up to 10 nodes)")
                ->check(CLI::IsMember({"auto", "ovsdb", "memory"}))
                ->capture_default_str();
            sub.add_option("--repo-mirror", o->repo_mirrors,
                           "Serve repository URLs under URL from the createrepo_c tree DIR: URL=DIR (repeatable). "
                           "With any, image builds resolve their dnf steps against the build's .repo files "
                           "and fail as dnf would");
            sub.add_flag("--realistic", o->realistic, "Real-world durations (minutes) for builds, reboots, volume binding");
            sub.add_option("--time-scale", o->time_scale,
                           "Multiply every duration of the timing profile (e.g. 8: a node's update takes seconds)")
                ->check(CLI::Range(0.001, 10000.0))
                ->capture_default_str();
            return [o] { return run_sim(*o); };
          }};
}

}  // namespace dl::cli

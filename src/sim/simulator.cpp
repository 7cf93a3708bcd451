#include "sim/simulator.h"

#include <random>
#include <thread>

#include "sim/controllers/cluster_version.h"
#include "sim/controllers/debug_pods.h"
#include "sim/controllers/machine_os_builder.h"
#include "sim/controllers/node_rollout.h"
#include "sim/controllers/pv_binder.h"
#include "sim/controllers/registry.h"
#include "util/base64.h"

namespace dl::sim {
namespace {

std::string random_token() {
  std::random_device rd;
  const char* hex = "0123456789abcdef";
  std::string t = "sha256~";
  for (int i = 0; i < 43; ++i) t += hex[rd() % 16];
  return t;
}

// "4.20" of "4.20.15".
std::string minor_of(const std::string& version) {
  size_t dot = version.find('.');
  size_t second = dot == std::string::npos ? std::string::npos : version.find('.', dot + 1);
  return version.substr(0, second);
}

}  // namespace

util::Status Simulator::boot_fleet(const SimOptions& o, const std::vector<cluster::NodePlan>& plan) {
  node::Backend backend = o.node_backend.value_or(
      plan.size() <= SimOptions::k_max_ovsdb_nodes ? node::Backend::ovsdb_server : node::Backend::memory);
  m_fleet = std::make_unique<node::Fleet>(backend);
  node::OsImage stock = node::stock_rhcos_image(minor_of(o.seed.openshift_version));
  if (backend == node::Backend::memory) {
    for (const auto& n : plan)
      if (auto added = m_fleet->add(n.name, stock); !added) return added.error();
    return util::ok_status();
  }
  std::vector<util::Status> results(plan.size(), util::ok_status());
  std::vector<std::thread> threads;  // each ovsdb-server starts in its own thread (at most 10)
  for (size_t i = 0; i < plan.size(); ++i)
    threads.emplace_back([&, i] {
      if (auto added = m_fleet->add(plan[i].name, stock); !added) results[i] = added.error();
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results)
    if (!r) return r;
  return util::ok_status();
}

util::Status Simulator::start(const SimOptions& o) {
  auto plan = cluster::plan_nodes(o.seed);
  if (!plan) return plan.error();
  auto tls = http::generate_tls({});
  if (!tls) return tls.error();
  m_tls = *tls;
  m_token = o.admin_token.empty() ? random_token() : o.admin_token;
  api::ApiServerOptions ao;
  ao.admin_token = m_token;
  ao.history_limit = o.history_limit;
  ao.git_version = cluster::kubernetes_version_for(o.seed.openshift_version);
  ao.restart = [this](std::chrono::milliseconds down) { m_http.outage(std::chrono::milliseconds(100), down); };
  m_api = std::make_unique<api::ApiServer>(ao);
  for (const auto& f : o.faults) {
    auto rule = api::Faults::parse(f);
    if (!rule) return rule.error();
    m_api->faults().add(*rule);
  }
  if (auto seeded = cluster::seed_cluster(m_api->store(), m_api->logs(), o.seed); !seeded) return seeded.error();
  if (auto booted = boot_fleet(o, *plan); !booted) return booted;
  if (o.controllers) {
    m_controllers = std::make_unique<controllers::ControllerManager>(m_api->store(), m_api->logs(), o.timing, o.clock);
    m_controllers->add(std::make_unique<controllers::PvBinder>());
    m_controllers->add(std::make_unique<controllers::RegistryOperator>(o.seed.apps_domain));
    std::string minor = minor_of(o.seed.openshift_version);
    m_controllers->add(std::make_unique<controllers::MachineOsBuilder>(minor, o.repo_mirrors));
    m_controllers->add(std::make_unique<controllers::NodeRollout>(m_fleet.get(), minor));
    controllers::ClusterVersionOperator::Options cvo{o.seed.arch, [server = m_api.get()](const std::string& v) {
      server->set_git_version(cluster::kubernetes_version_for(v));  // an update moved the kube-apiserver
    }};
    m_controllers->add(std::make_unique<controllers::ClusterVersionOperator>(cvo));
    m_controllers->add(std::make_unique<controllers::DebugPods>(m_fleet.get()));
    m_controllers->start();
    m_controllers->wait_idle(std::chrono::seconds(5));  // clients first see the settled state
  }
  http::ServerOptions so;
  so.listen = o.listen;
  so.tls = m_tls;
  size_t colon = o.listen.rfind(':');
  m_host = colon == std::string::npos ? o.listen : o.listen.substr(0, colon);
  api::ApiServer* api = m_api.get();
  auto port = m_http.start(so, [api](const http::Request& r, http::ResponseWriter& w) { api->handle(r, w); });
  if (!port) return port.error();
  m_port = *port;
  return util::ok_status();
}

void Simulator::stop() {
  if (m_api) m_api->store().wake_all();
  m_http.stop();
  if (m_controllers) m_controllers->stop();
  m_fleet.reset();  // after the controllers: they use the hosts
}

std::string Simulator::server_url() const {
  std::string host = m_host == "0.0.0.0" || m_host.empty() ? "127.0.0.1" : m_host;
  return "https://" + host + ":" + std::to_string(m_port);
}

std::string Simulator::kubeconfig() const {
  return "apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: " + server_url() +
         "\n    certificate-authority-data: " + util::base64_encode(m_tls.ca_cert_pem) +
         "\nusers:\n- name: sim-admin\n  user:\n    token: " + m_token +
         "\ncontexts:\n- name: sim\n  context:\n    cluster: sim\n    user: sim-admin\n    namespace: default\n"
         "current-context: sim\npreferences: {}\n";
}

}  // namespace dl::sim

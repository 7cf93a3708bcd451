// Simulator: the embedded OpenShift cluster: TLS material, the API server on loopback, the
// seeded state, and the kubeconfig that lets kubectl (or doca-layer) reach it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/api/server.h"
#include "sim/cluster/seed.h"
#include "sim/controllers/build_repos.h"
#include "sim/controllers/manager.h"
#include "sim/http/server.h"
#include "sim/node/fleet.h"
#include "util/result.h"

namespace dl::sim {

struct SimOptions {
  std::string listen = "127.0.0.1:0";
  std::string admin_token;           ///< empty: a random one
  std::vector<std::string> faults;   ///< api::Faults::parse syntax
  size_t history_limit = 10000;
  cluster::SeedOptions seed;
  bool controllers = true;                                      ///< false: a passive API server
  controllers::Timing timing = controllers::Timing::fast();    ///< how long slow things take
  std::shared_ptr<controllers::SimClock> clock;                 ///< nullptr: real time
  /// Where the nodes' OVS state lives; nullopt: a real ovsdb-server per node for up to
  /// k_max_ovsdb_nodes nodes, in memory above.
  std::optional<node::Backend> node_backend;
  /// Repository mirrors (URL prefix -> createrepo_c tree). Not empty: image builds resolve the
  /// Containerfile's rpm/dnf steps against the etc-yum-repos-d repos through them (libsolv)
  /// and succeed or fail as dnf would; empty: the canned build output.
  std::vector<controllers::layering::RepoMirror> repo_mirrors;
  static constexpr size_t k_max_ovsdb_nodes = 10;
};

class Simulator {
 public:
  /// Generates TLS material, seeds the cluster, starts the controllers (and lets them settle on
  /// the seeded state), then serves. Not restartable. invalid_input for bad seed options.
  util::Status start(const SimOptions& options);
  /// Stops serving, then stops and joins the controllers. Idempotent.
  void stop();
  int port() const { return m_port; }
  std::string server_url() const;
  /// A kubeconfig (context "sim", namespace default) with the CA and the admin token.
  std::string kubeconfig() const;
  api::ApiServer& api() { return *m_api; }
  const http::TlsMaterial& tls() const { return m_tls; }
  const std::string& admin_token() const { return m_token; }
  /// The controller manager; nullptr before start() or with SimOptions::controllers false.
  controllers::ControllerManager* controllers() { return m_controllers.get(); }
  /// The nodes' operating systems (one NodeHost per seeded Node, booted into the release's
  /// stock RHCOS image); nullptr before start() and after stop().
  node::Fleet* fleet() { return m_fleet.get(); }

 private:
  http::TlsMaterial m_tls;
  std::string m_token;
  std::string m_host = "127.0.0.1";
  int m_port = 0;
  std::unique_ptr<api::ApiServer> m_api;
  util::Status boot_fleet(const SimOptions& options, const std::vector<cluster::NodePlan>& plan);

  std::unique_ptr<node::Fleet> m_fleet;
  std::unique_ptr<controllers::ControllerManager> m_controllers;
  http::Server m_http;
};

}  // namespace dl::sim

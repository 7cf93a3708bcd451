// ApiServer: the Kubernetes API semantics of the simulated cluster on top of the HTTP layer.
// Authenticates, applies faults, routes, and answers discovery, OpenAPI, CRUD, patches, watch,
// Tables and the token/log/status subresources from one Store. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "sim/api/auth.h"
#include "sim/api/faults.h"
#include "sim/api/logs.h"
#include "sim/api/store.h"
#include "sim/http/server.h"

namespace dl::sim::api {

struct ApiServerOptions {
  std::string admin_token;
  std::string git_version = "v1.33.6";
  size_t history_limit = 10000;
  /// POST /sim/restart-api: makes the HTTP server go down for the given time (set by Simulator;
  /// empty: the endpoint answers 501).
  std::function<void(std::chrono::milliseconds)> restart;
};

/// Counts of requests by verb, for idempotence tests and benchmarks.
struct RequestCounts {
  std::atomic<uint64_t> reads{0}, writes{0}, watches{0};
};

class ApiServer {
 public:
  explicit ApiServer(const ApiServerOptions& options);

  /// The http::Handler entry point.
  void handle(const http::Request& request, http::ResponseWriter& writer);

  Store& store() { return m_store; }
  Authenticator& auth() { return m_auth; }
  Faults& faults() { return m_faults; }
  LogStore& logs() { return m_logs; }
  const RequestCounts& counts() const { return m_counts; }
  /// Closes every open watch at its next event or poll (fault: dropped watches).
  void drop_watches() { ++m_watch_epoch; }
  /// The gitVersion GET /version reports from now on (an upgrade moved the kube-apiserver).
  void set_git_version(const std::string& git_version);
  /// The gitVersion GET /version reports.
  std::string git_version() const;

  /// One request being served (defined in call.h, used only inside src/sim/api).
  struct Call;

 private:
  void serve(Call& c);
  void serve_resource(Call& c);
  void serve_get(Call& c);
  void serve_list(Call& c);
  void serve_watch(Call& c);
  void serve_create(Call& c);
  void serve_update(Call& c);
  void serve_patch(Call& c);
  void serve_delete(Call& c);
  void serve_token(Call& c);
  void serve_log(Call& c);
  void serve_access_review(Call& c);
  void serve_admin(Call& c);
  /// Admission of a main-resource write (defaults, pruning, schema and CEL checks); warnings go to `c`.
  static std::optional<ApiError> validate(Call& c, const json* old_object, json& object);

  ApiServerOptions m_options;
  Store m_store;
  Authenticator m_auth;
  Faults m_faults;
  LogStore m_logs;
  RequestCounts m_counts;
  std::atomic<uint64_t> m_watch_epoch{0};
  mutable std::mutex m_version_mu;  ///< guards m_options.git_version
};

}  // namespace dl::sim::api

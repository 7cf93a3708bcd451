#include "sim/api/server.h"

#include <thread>

#include "sim/api/call.h"
#include "sim/api/discovery.h"
#include "sim/api/validation.h"

namespace dl::sim::api {

bool ApiServer::Call::flag(const char* name) const {
  std::string v = param(name);
  return v == "true" || v == "True" || v == "1";
}

void ApiServer::Call::reply(int code, const json& body, const http::Headers& extra) {
  http::Headers h = {{"Content-Type", "application/json"}, {"Cache-Control", "no-cache, private"}};
  h.insert(h.end(), extra.begin(), extra.end());
  for (const auto& warning : warnings) h.push_back({"Warning", "299 - " + json(warning).dump()});
  w.send(code, h, body.dump() + "\n");
}

void ApiServer::Call::fail(const ApiError& e) {
  http::Headers extra;
  if (e.details.contains("retryAfterSeconds")) extra.push_back({"Retry-After", std::to_string(e.details["retryAfterSeconds"].get<int>())});
  reply(e.code, e.to_status(), extra);
}

void ApiServer::Call::text(int code, const std::string& body) {
  w.send(code, {{"Content-Type", "text/plain; charset=utf-8"}}, body);
}

ApiServer::ApiServer(const ApiServerOptions& options)
    : m_options(options), m_store(options.history_limit), m_auth(options.admin_token) {}

void ApiServer::set_git_version(const std::string& git_version) {
  std::lock_guard lock(m_version_mu);
  m_options.git_version = git_version;
}

std::string ApiServer::git_version() const {
  std::lock_guard lock(m_version_mu);
  return m_options.git_version;
}

namespace {

ApiError fault_error(const FaultDecision& d) {
  switch (d.status) {
    case 429: return too_many_requests(d.retry_after);
    case 409: return ApiError{409, "Conflict", "Operation cannot be fulfilled: injected conflict", json::object()};
    case 503: {
      ApiError e = service_unavailable("the server is currently unable to handle the request (injected)");
      e.details = {{"retryAfterSeconds", d.retry_after}};
      return e;
    }
    case 500: return internal_error("injected fault");
    default: return ApiError{d.status, "InternalError", "injected fault", json::object()};
  }
}

}  // namespace

void ApiServer::handle(const http::Request& request, http::ResponseWriter& writer) {
  Call c{request, writer, parse_route(request.path), {}, {}, 0, {}};
  if (c.route.kind == Route::Kind::healthz) return c.text(200, "ok");
  if (c.route.kind == Route::Kind::version) return c.reply(200, version_document(git_version()));
  auto who = m_auth.authenticate(request.header("authorization"), request.client_cert_subject);
  if (!who) return c.fail(who.error());
  c.who = *who;
  bool is_watch = request.method == "GET" && c.flag("watch");
  c.watch_epoch = m_watch_epoch;  // before the fault check: a drop after this point ends the watch
  FaultDecision d = c.route.kind == Route::Kind::admin ? FaultDecision{} : m_faults.match(is_watch ? "WATCH" : request.method, request.path);
  if (d.latency_ms) std::this_thread::sleep_for(std::chrono::milliseconds(d.latency_ms));
  if (d.status) return c.fail(fault_error(d));
  c.fault = d;
  serve(c);
}

void ApiServer::serve(Call& c) {
  const Route& r = c.route;
  switch (r.kind) {
    case Route::Kind::api:
      if (!wants_aggregated(c.req.header("accept"))) return c.reply(200, legacy_core_versions());
      c.w.send(200, {{"Content-Type", k_aggregated_discovery_type}}, aggregated_discovery(true).dump());
      return;
    case Route::Kind::apis:
      if (!wants_aggregated(c.req.header("accept"))) return c.reply(200, legacy_group_list());
      c.w.send(200, {{"Content-Type", k_aggregated_discovery_type}}, aggregated_discovery(false).dump());
      return;
    case Route::Kind::group_version: {
      json doc = resource_list(r.group, r.version);
      if (doc.is_null()) break;
      return c.reply(200, doc);
    }
    case Route::Kind::openapi_v3_root: return c.reply(200, openapi_v3_root());
    case Route::Kind::openapi_v3_gv: {
      json doc = openapi_v3_group_version(r.group, r.version);
      if (doc.is_null()) break;
      return c.reply(200, doc);
    }
    case Route::Kind::resource:
      if (!r.resource) break;
      return serve_resource(c);
    case Route::Kind::admin: return serve_admin(c);
    default: break;
  }
  c.fail(ApiError{404, "NotFound", "the server could not find the requested resource", json::object()});
}

void ApiServer::serve_resource(Call& c) {
  const Route& r = c.route;
  const std::string& m = c.req.method;
  const ResourceType& t = c.type();
  if (t.namespaced && r.ns.empty() && !(m == "GET" && r.name.empty()))
    return c.fail(ApiError{404, "NotFound", "the server could not find the requested resource", json::object()});
  if (!r.subresource.empty() && !t.has_subresource(r.subresource))
    return c.fail(ApiError{404, "NotFound", "the server could not find the requested resource", json::object()});
  std::string verb = m == "GET" ? (c.flag("watch") ? "watch" : r.name.empty() ? "list" : "get")
                     : m == "POST" ? "create" : m == "PUT" ? "update" : m == "PATCH" ? "patch"
                     : m == "DELETE" ? (r.name.empty() ? "deletecollection" : "delete") : "";
  if (verb.empty() || (r.subresource.empty() && !t.allows(verb)))
    return c.fail(method_not_allowed(m == "POST" ? "create" : m, t.group, t.plural));
  if (auto denied = authorize(c.who, verb, t.group, t.plural, r.ns)) return c.fail(*denied);
  bool write = verb != "get" && verb != "list" && verb != "watch";
  (write ? m_counts.writes : verb == "watch" ? m_counts.watches : m_counts.reads)++;
  if (r.subresource == "token") return serve_token(c);
  if (r.subresource == "log") return serve_log(c);
  if (t.kind == "SelfSubjectAccessReview") return serve_access_review(c);
  if (verb == "watch") return serve_watch(c);
  if (verb == "list") return serve_list(c);
  if (verb == "get") return serve_get(c);
  if (verb == "create") {
    if (!r.name.empty()) return c.fail(method_not_allowed("create", t.group, t.plural));
    return serve_create(c);
  }
  if (verb == "update") return serve_update(c);
  if (verb == "patch") return serve_patch(c);
  if (verb == "delete") return serve_delete(c);
  c.fail(method_not_allowed("deletecollection", t.group, t.plural));
}

std::optional<ApiError> ApiServer::validate(Call& c, const json* old_object, json& object) {
  if (c.route.subresource == "status") return std::nullopt;
  Admission a = admit(c.type(), old_object, object, parse_field_validation(c.param("fieldValidation")));
  c.warnings.insert(c.warnings.end(), a.warnings.begin(), a.warnings.end());
  return a.error;
}

}  // namespace dl::sim::api

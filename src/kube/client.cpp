#include "kube/client.h"

#include <utility>
#include <vector>

namespace dl::kube {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

std::string dry_run_param(DryRun d) { return d == DryRun::yes ? "All" : ""; }

std::string propagation_name(Propagation p) {
  switch (p) {
    case Propagation::background: return "Background";
    case Propagation::foreground: return "Foreground";
    case Propagation::orphan: return "Orphan";
    case Propagation::server_default: break;
  }
  return "";
}

/// What the 401 message calls the credential that was refused.
std::string credential_name(const ClientConfig& c) {
  if (!c.token.empty()) {
    return "token";
  }
  return c.client_cert_pem.empty() ? "anonymous request" : "client certificate";
}

}  // namespace

std::string patch_content_type(PatchType type) {
  switch (type) {
    case PatchType::merge: return "application/merge-patch+json";
    case PatchType::json_patch: return "application/json-patch+json";
    case PatchType::apply: return "application/apply-patch+yaml";
  }
  return "";
}

Client::Client(ClientConfig config, std::unique_ptr<Transport> transport, ClientOptions options)
    : m_config(std::move(config)), m_transport(std::move(transport)), m_options(std::move(options)) {}

Error Client::finish(Error e) const {
  e.message = redact(std::move(e.message), m_config.token);
  for (auto& c : e.causes) {
    c.message = redact(std::move(c.message), m_config.token);
  }
  return e;
}

KubeResult<HttpResponse> Client::send(const HttpRequest& request, Idempotent idempotent) {
  const RetryPolicy& policy = m_options.retry;
  std::chrono::milliseconds waited{0};
  for (int attempt = 1;; ++attempt) {
    auto r = m_transport->send(request);
    if (r && r->status >= 200 && r->status < 300) {
      return std::move(*r);
    }
    Error e = r ? error_from_response(*r, request.method, request.url, m_config.server, credential_name(m_config))
                : error_from_transport(r.error(), request.method, request.url);
    if (!is_retryable(e, idempotent)) {
      return finish(std::move(e));
    }
    auto delay = backoff_delay(policy, attempt, e.retry_after_seconds);
    if (attempt >= policy.max_attempts || waited + delay > policy.max_total_backoff) {
      e.message += "; gave up after " + std::to_string(attempt) + " attempt(s) and " +
                   std::to_string(waited.count()) + " ms of backoff";
      return finish(std::move(e));
    }
    wait_for(policy, delay);
    waited += delay;
  }
}

KubeResult<json> Client::call(const std::string& method, const std::string& url, const std::string& body,
                              const std::string& content_type, Idempotent idempotent) {
  HttpRequest req;
  req.method = method;
  req.url = url;
  req.body = body;
  req.timeout = m_options.timeout;
  if (!content_type.empty()) {
    req.headers["Content-Type"] = content_type;
  }
  auto r = send(req, idempotent);
  if (!r) {
    return r.error();
  }
  json parsed = json::parse(r->body, nullptr, false);
  if (parsed.is_discarded()) {
    Error e;
    e.code = r->status;
    e.message = method + " " + url + ": the server's answer is not JSON";
    return e;
  }
  return parsed;
}

KubeResult<json> Client::get(const ResourceRef& ref) {
  return call("GET", resource_path(ref), "", "", Idempotent::yes);
}

KubeResult<json> Client::list(const ResourceRef& ref, const ListOptions& o) {
  std::string path = resource_path(with_name(ref, ""));
  std::string limit = o.limit > 0 ? std::to_string(o.limit) : "";
  json items = json::array();
  std::string token;
  for (int page = 0;; ++page) {
    Params q{{"labelSelector", o.label_selector}, {"fieldSelector", o.field_selector}, {"limit", limit},
             {"continue", token}};
    auto r = call("GET", path + query_string(q), "", "", Idempotent::yes);
    if (!r) {
      return r;
    }
    for (auto& item : (*r)["items"]) {
      items.push_back(std::move(item));
    }
    std::string next = r->contains("metadata") ? (*r)["metadata"].value("continue", "") : "";
    if (next.empty() || next == token) {
      json out = std::move(*r);
      out["items"] = std::move(items);
      if (out.contains("metadata")) {
        out["metadata"].erase("continue");
      }
      return out;
    }
    token = next;
  }
}

KubeResult<json> Client::create(const ResourceRef& ref, const json& object, const WriteOptions& o) {
  Params q{{"dryRun", dry_run_param(o.dry_run)}, {"fieldManager", o.field_manager}};
  return call("POST", resource_path(with_name(ref, "")) + query_string(q), object.dump(), "application/json",
              Idempotent::no);
}

KubeResult<json> Client::update(const ResourceRef& ref, const json& object, const WriteOptions& o) {
  ResourceRef target = ref;
  if (target.name.empty() && object.contains("metadata")) {
    target.name = object["metadata"].value("name", "");
  }
  Params q{{"dryRun", dry_run_param(o.dry_run)}, {"fieldManager", o.field_manager}};
  return call("PUT", resource_path(target) + query_string(q), object.dump(), "application/json", Idempotent::yes);
}

KubeResult<json> Client::patch(const ResourceRef& ref, PatchType type, const std::string& body,
                               const PatchOptions& o) {
  std::string force = type == PatchType::apply && o.force == Force::yes ? "true" : "";
  Params q{{"dryRun", dry_run_param(o.dry_run)}, {"fieldManager", o.field_manager}, {"force", force}};
  Idempotent idem = type == PatchType::json_patch ? Idempotent::no : Idempotent::yes;
  return call("PATCH", resource_path(ref) + query_string(q), body, patch_content_type(type), idem);
}

KubeResult<json> Client::remove(const ResourceRef& ref, const DeleteOptions& o) {
  json body = {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}};
  std::string policy = propagation_name(o.propagation);
  if (!policy.empty()) {
    body["propagationPolicy"] = policy;
  }
  Params q{{"dryRun", dry_run_param(o.dry_run)}};
  return call("DELETE", resource_path(ref) + query_string(q), body.dump(), "application/json", Idempotent::yes);
}

}  // namespace dl::kube

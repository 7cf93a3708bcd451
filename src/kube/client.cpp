#include "kube/client.h"

#include <thread>
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
    if (r) m_reached = true;
    if (r && r->status >= 200 && r->status < 300) {
      return std::move(*r);
    }
    Error e = r ? error_from_response(*r, request.method, request.url, m_config.server, credential_name(m_config))
                : error_from_transport(r.error(), request.method, request.url);
    if (!is_retryable(e, idempotent)) {
      return finish(std::move(e));
    }
    auto delay = backoff_delay(policy, attempt, e.retry_after_seconds);
    // Nothing listening at an address that never answered is most likely the wrong address: say
    // so after a second try instead of riding out a failover that is not happening.
    bool first_contact_refused =
        e.kind == util::ErrorKind::unreachable && !m_reached && !m_transport->connected_once();
    int max_attempts = first_contact_refused ? std::min(policy.max_attempts, 2) : policy.max_attempts;
    if (attempt >= max_attempts || waited + delay > policy.max_total_backoff) {
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
  // A named object cannot be created twice, so its create is resent like an idempotent request.
  bool named = object.contains("metadata") && !object["metadata"].value("name", "").empty();
  return call("POST", resource_path(with_name(ref, "")) + query_string(q), object.dump(), "application/json",
              named || o.stores_nothing ? Idempotent::yes : Idempotent::no);
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

KubeResult<json> Client::remove_and_wait(const ResourceRef& ref, std::chrono::milliseconds timeout,
                                         const DeleteOptions& o, std::chrono::milliseconds poll) {
  auto deleted = remove(ref, o);
  if (!deleted) {
    return deleted.error().is_not_found() ? KubeResult<json>(json::object()) : deleted;
  }
  if (o.dry_run == DryRun::yes) {
    return deleted;
  }
  std::string uid = deleted->contains("metadata") ? (*deleted)["metadata"].value("uid", "") : "";
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto now = get(ref);
    if (!now && now.error().is_not_found()) {
      return deleted;
    }
    if (!now) {
      return now;
    }
    if (!uid.empty() && (*now)["metadata"].value("uid", "") != uid) {
      return deleted;  // gone, and already recreated by someone
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      Error e;
      e.kind = util::ErrorKind::timeout;
      auto fin = (*now)["metadata"].value("finalizers", json::array());
      e.message = "timed out after " + std::to_string(timeout.count()) + " ms waiting for " + resource_path(ref) +
                  " to be deleted" + (fin.empty() ? "" : " (finalizers still set: " + fin.dump() + ")");
      return e;
    }
    std::this_thread::sleep_for(poll);
  }
}

KubeResult<json> Client::create_subresource(const ResourceRef& ref, const json& body, const WriteOptions& o) {
  Params q{{"dryRun", dry_run_param(o.dry_run)}, {"fieldManager", o.field_manager}};
  return call("POST", resource_path(ref) + query_string(q), body.dump(), "application/json",
              o.stores_nothing ? Idempotent::yes : Idempotent::no);
}

KubeResult<int> Client::stream(const HttpRequest& request, const std::function<bool(std::string_view)>& on_data) {
  auto r = m_transport->stream(request, on_data);
  if (!r) {
    return finish(error_from_transport(r.error(), request.method, request.url));
  }
  if (r->status < 200 || r->status >= 300) {
    return finish(error_from_response(*r, request.method, request.url, m_config.server, credential_name(m_config)));
  }
  return r->status;
}

KubeResult<int> Client::logs(const ResourceRef& pod, const LogOptions& o,
                             const std::function<bool(std::string_view)>& on_chunk) {
  ResourceRef ref = pod;
  ref.subresource = "log";
  Params q{{"container", o.container},
           {"follow", o.follow ? "true" : ""},
           {"previous", o.previous ? "true" : ""},
           {"sinceSeconds", o.since_seconds > 0 ? std::to_string(o.since_seconds) : ""},
           {"tailLines", o.tail_lines >= 0 ? std::to_string(o.tail_lines) : ""}};
  HttpRequest req;
  req.url = resource_path(ref) + query_string(q);
  req.headers["Accept"] = "*/*";
  req.timeout = o.follow ? std::chrono::milliseconds(0) : m_options.timeout;
  req.cancel = o.cancel;
  if (o.follow) return stream(req, on_chunk);
  // A whole log is a read: retried as send() retries a GET, while no byte has reached the caller.
  const RetryPolicy& policy = m_options.retry;
  std::chrono::milliseconds waited{0};
  for (int attempt = 1;; ++attempt) {
    bool delivered = false;
    auto r = stream(req, [&](std::string_view chunk) {
      delivered = true;
      return on_chunk(chunk);
    });
    if (r || delivered || !is_retryable(r.error(), Idempotent::yes)) return r;
    auto delay = backoff_delay(policy, attempt, r.error().retry_after_seconds);
    if (attempt >= policy.max_attempts || waited + delay > policy.max_total_backoff) return r;
    wait_for(policy, delay);
    waited += delay;
  }
}

}  // namespace dl::kube

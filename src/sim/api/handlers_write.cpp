// create, update, patch, delete and the token / access-review endpoints of ApiServer.
#include "sim/api/call.h"
#include "sim/api/patching.h"

namespace dl::sim::api {
namespace {

// A body's apiVersion/kind, when given, must be the URL's.
std::optional<ApiError> check_type(const ResourceType& t, const json& body) {
  if (!body.is_object()) return bad_request("the body of the request is not a JSON object");
  std::string av = body.value("apiVersion", t.api_version()), kind = body.value("kind", t.kind);
  if (av != t.api_version())
    return bad_request("the API version in the data (" + av + ") does not match the expected API version (" + t.api_version() + ")");
  if (kind != t.kind) return bad_request("the kind in the data (" + kind + ") does not match the expected kind (" + t.kind + ")");
  return std::nullopt;
}

DryRun dry(const ApiServer::Call& c) { return c.dry_run() ? DryRun::yes : DryRun::no; }

// The field manager of a write: the fieldManager parameter, else the User-Agent's program name.
std::string manager_of(const ApiServer::Call& c) {
  std::string m = c.param("fieldManager");
  if (!m.empty()) return m;
  std::string ua = c.req.header("user-agent");
  return ua.substr(0, ua.find('/'));
}

}  // namespace

void ApiServer::serve_create(Call& c) {
  auto body = decode_body(c.req);
  if (!body) return c.fail(body.error());
  if (auto e = check_type(c.type(), *body)) return c.fail(*e);
  if (auto e = validate(c, nullptr, *body)) return c.fail(*e);
  record_update(*body, nullptr, manager_of(c));
  auto created = m_store.create(c.type(), c.ns(), *body, dry(c));
  if (!created) return c.fail(created.error());
  c.reply(201, *created);
}

void ApiServer::serve_update(Call& c) {
  auto body = decode_body(c.req);
  if (!body) return c.fail(body.error());
  if (auto e = check_type(c.type(), *body)) return c.fail(*e);
  auto old = m_store.get(c.type(), c.ns(), c.route.name);
  if (!old) return c.fail(old.error());
  if (auto e = validate(c, &*old, *body)) return c.fail(*e);
  record_update(*body, &*old, manager_of(c));
  WritePart part = c.route.subresource == "status" ? WritePart::status : WritePart::main;
  auto updated = m_store.update(c.type(), c.ns(), c.route.name, *body, part, dry(c));
  if (!updated) return c.fail(updated.error());
  c.reply(200, *updated);
}

void ApiServer::serve_patch(Call& c) {
  std::string mt = c.req.header("content-type");
  mt = mt.substr(0, mt.find(';'));
  WritePart part = c.route.subresource == "status" ? WritePart::status : WritePart::main;
  for (int attempt = 0; attempt < 5; ++attempt) {  // an unconditional patch retries internal conflicts
    auto old = m_store.get(c.type(), c.ns(), c.route.name);
    if (!old && mt == "application/apply-patch+yaml" && part == WritePart::main) {
      auto applied = server_side_apply(c.type(), nullptr, c.req.body, c.param("fieldManager"), c.flag("force"));
      if (!applied) return c.fail(applied.error());
      if (auto e = validate(c, nullptr, *applied)) return c.fail(*e);
      auto created = m_store.create(c.type(), c.ns(), *applied, dry(c));
      if (!created) return c.fail(created.error());
      return c.reply(201, *created);
    }
    if (!old) return c.fail(old.error());
    auto patched = apply_patch(mt, c.type(), *old, c.req.body, manager_of(c), c.flag("force"));
    if (!patched) return c.fail(patched.error());
    if (auto e = validate(c, &*old, *patched)) return c.fail(*e);
    auto updated = m_store.update(c.type(), c.ns(), c.route.name, *patched, part, dry(c));
    if (!updated && updated.error().code == 409 && patched->at("metadata").value("resourceVersion", "") ==
                                                        old->at("metadata").value("resourceVersion", "") &&
        attempt < 4)
      continue;
    if (!updated) return c.fail(updated.error());
    return c.reply(200, *updated);
  }
}

void ApiServer::serve_delete(Call& c) {
  bool orphan = c.param("propagationPolicy") == "Orphan";
  if (!c.req.body.empty()) {
    json opts = json::parse(c.req.body, nullptr, false);
    if (opts.is_object()) {
      orphan = orphan || opts.value("propagationPolicy", "") == "Orphan" || opts.value("orphanDependents", false);
      std::string want = opts.contains("preconditions") ? opts["preconditions"].value("resourceVersion", "") : "";
      auto cur = m_store.get(c.type(), c.ns(), c.route.name);
      if (cur && !want.empty() && want != cur->at("metadata").value("resourceVersion", ""))
        return c.fail(conflict(c.type().group, c.type().plural, c.route.name,
                               "Precondition failed: ResourceVersion in precondition: " + want +
                                   ", ResourceVersion in object meta: " + cur->at("metadata").value("resourceVersion", "")));
    }
  }
  auto gone = m_store.remove(c.type(), c.ns(), c.route.name, orphan, dry(c));
  if (!gone) return c.fail(gone.error());
  c.reply(200, *gone);
}

void ApiServer::serve_token(Call& c) {
  auto sa = m_store.get(c.type(), c.ns(), c.route.name);
  if (!sa) return c.fail(sa.error());
  auto body = decode_body(c.req);
  if (!body) return c.fail(body.error());
  json spec = body->value("spec", json::object());
  long long secs = spec.value("expirationSeconds", 3600LL);
  if (secs < 600)
    return c.fail(invalid("authentication.k8s.io", "TokenRequest", "",
                          {Cause{"FieldValueInvalid", "Invalid value: " + std::to_string(secs) +
                                                          ": may not specify a duration less than 10 minutes",
                                 "spec.expirationSeconds"}}));
  if (secs > (1LL << 32))
    return c.fail(invalid("authentication.k8s.io", "TokenRequest", "",
                          {Cause{"FieldValueTooLong", "Invalid value: " + std::to_string(secs) +
                                                          ": may not specify a duration larger than 2^32 seconds",
                                 "spec.expirationSeconds"}}));
  std::vector<std::string> aud = spec.value("audiences", std::vector<std::string>{"https://kubernetes.default.svc"});
  if (aud.empty()) aud = {"https://kubernetes.default.svc"};
  auto issued = m_auth.issue(c.ns(), c.route.name, secs, aud);
  json out = {{"kind", "TokenRequest"}, {"apiVersion", "authentication.k8s.io/v1"},
              {"metadata", {{"name", c.route.name}, {"namespace", c.ns()}, {"creationTimestamp", now_rfc3339()}}},
              {"spec", {{"audiences", aud}, {"expirationSeconds", secs}, {"boundObjectRef", spec.value("boundObjectRef", json())}}},
              {"status", {{"token", issued.token}, {"expirationTimestamp", rfc3339(issued.expires)}}}};
  c.reply(201, out);
}

void ApiServer::serve_access_review(Call& c) {
  auto body = decode_body(c.req);
  if (!body) return c.fail(body.error());
  json attrs = body->value("spec", json::object()).value("resourceAttributes", json::object());
  auto denied = authorize(c.who, attrs.value("verb", ""), attrs.value("group", ""), attrs.value("resource", ""),
                          attrs.value("namespace", ""));
  json out = *body;
  out["apiVersion"] = "authorization.k8s.io/v1";
  out["kind"] = "SelfSubjectAccessReview";
  out["metadata"] = {{"creationTimestamp", nullptr}};
  out["status"] = {{"allowed", !denied}};  // RBAC gives no reason for a plain denial
  c.reply(201, out);
}

}  // namespace dl::sim::api

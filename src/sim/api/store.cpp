#include "sim/api/store.h"

#include <algorithm>
#include <random>
#include <regex>

#include "util/base64.h"

namespace dl::sim::api {
namespace {

const char* const k_dns1123_msg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

bool is_dns1123_subdomain(const std::string& s) {
  static const std::regex k_re(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
  return !s.empty() && s.size() <= 253 && std::regex_match(s, k_re);
}

std::string random_suffix(size_t n) {
  static thread_local std::mt19937 rng{std::random_device{}()};
  const char* alphabet = "bcdfghjklmnpqrstvwxz2456789";
  std::string out;
  for (size_t i = 0; i < n; ++i) out += alphabet[rng() % 27];
  return out;
}

// The object without the fields the server owns, for "did anything change" checks.
json comparable(json o) {
  if (o.contains("metadata")) {
    o["metadata"].erase("resourceVersion");
    o["metadata"].erase("managedFields");
    o["metadata"].erase("generation");
  }
  return o;
}

json spec_part(const json& o) {
  json copy = o;
  copy.erase("metadata");
  copy.erase("status");
  return copy;
}

bool has_finalizers(const json& o) {
  const json& m = o["metadata"];
  return m.contains("finalizers") && m["finalizers"].is_array() && !m["finalizers"].empty();
}

}  // namespace

std::string now_rfc3339() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string new_uid() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    unsigned v = static_cast<unsigned>(rng() & 15U);
    if (i == 12) v = 4;
    if (i == 16) v = 8 | (v & 3U);
    out += hex[v];
  }
  return out;
}

Store::Store(size_t history_limit) : m_history_limit(history_limit) {}

std::string Store::key(const ResourceType& r, const std::string& ns, const std::string& name) {
  return r.group + "/" + r.plural + "/" + ns + "/" + name;
}

uint64_t Store::current_rv() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_rv;
}

uint64_t Store::write_count() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_writes;
}

void Store::record(const std::string& type, const json& object, const ResourceType* r) {
  ++m_writes;
  m_history.push_back(WatchEvent{type, object, m_rv, r});
  while (m_history.size() > m_history_limit) {
    m_oldest_rv = m_history.front().rv;
    m_history.pop_front();
  }
  m_cv.notify_all();
}

void Store::compact() {
  std::lock_guard<std::mutex> lock(m_mu);
  m_history.clear();
  m_oldest_rv = m_rv;
  m_cv.notify_all();
}

void Store::wake_all() {
  std::lock_guard<std::mutex> lock(m_mu);
  ++m_wake_generation;
  m_cv.notify_all();
}

json Store::stamp(json o, const ResourceType& r, const std::string& ns) {
  o["apiVersion"] = r.api_version();
  o["kind"] = r.kind;
  json& m = o["metadata"];
  if (r.namespaced) m["namespace"] = ns;
  else m.erase("namespace");
  m["uid"] = new_uid();
  m["creationTimestamp"] = now_rfc3339();
  m.erase("deletionTimestamp");
  if (o.contains("spec") || !r.builtin) m["generation"] = 1;
  else m.erase("generation");
  if (r.group.empty() && (r.kind == "PersistentVolumeClaim" || r.kind == "PersistentVolume"))
    o["status"] = {{"phase", "Pending"}};  // the registry strategies' PrepareForCreate
  return o;
}

ApiResult<json> Store::create(const ResourceType& r, const std::string& ns, json o, DryRun dry) {
  if (!o.is_object()) return bad_request("the body of the request is not a JSON object");
  if (!o.contains("metadata") || !o["metadata"].is_object()) o["metadata"] = json::object();
  json& m = o["metadata"];
  std::string body_ns = m.value("namespace", "");
  if (r.namespaced && !body_ns.empty() && body_ns != ns)
    return bad_request("the namespace of the provided object does not match the namespace sent on the request");
  std::lock_guard<std::mutex> lock(m_mu);
  std::string name = m.value("name", "");
  if (name.empty() && m.contains("generateName")) name = m["generateName"].get<std::string>() + random_suffix(5);
  if (name.empty()) return invalid(r.group, r.kind, "", {required("metadata.name", "name or generateName is required")});
  if (!is_dns1123_subdomain(name)) return invalid(r.group, r.kind, name, {invalid_value("metadata.name", name, k_dns1123_msg)});
  m["name"] = name;
  if (r.namespaced) {
    auto nsit = m_objects.find(key(*find_resource("", "v1", "namespaces"), "", ns));
    if (nsit == m_objects.end()) return not_found("", "namespaces", ns);
    if (nsit->second.object["metadata"].contains("deletionTimestamp"))
      return forbidden(r.plural + " \"" + name + "\" is forbidden: unable to create new content in namespace " + ns +
                       " because it is being terminated");
  }
  std::string k = key(r, ns, name);
  if (m_objects.count(k)) return already_exists(r.group, r.plural, name);
  o = stamp(std::move(o), r, ns);
  if (dry == DryRun::yes) {
    o["metadata"]["resourceVersion"] = "";
    return o;
  }
  o["metadata"]["resourceVersion"] = std::to_string(++m_rv);
  m_objects[k] = Entry{o, &r};
  record("ADDED", o, &r);
  return o;
}

ApiResult<json> Store::get(const ResourceType& r, const std::string& ns, const std::string& name) const {
  std::lock_guard<std::mutex> lock(m_mu);
  auto it = m_objects.find(key(r, ns, name));
  if (it == m_objects.end()) return not_found(r.group, r.plural, name);
  return it->second.object;
}

ApiResult<ListResult> Store::list(const ResourceType& r, const std::string& ns, const Filter& filter, size_t limit,
                                  const std::string& continue_token) const {
  std::lock_guard<std::mutex> lock(m_mu);
  std::string prefix = r.group + "/" + r.plural + "/" + (r.namespaced && !ns.empty() ? ns + "/" : "");
  auto it = m_objects.lower_bound(prefix);
  if (!continue_token.empty()) {
    auto decoded = util::base64_decode(continue_token);
    json tok = decoded ? json::parse(*decoded, nullptr, false) : json();
    if (!tok.is_object() || !tok.contains("k") || !tok.contains("rv")) return bad_request("continue key is not valid");
    if (tok["rv"].get<uint64_t>() < m_oldest_rv)
      return expired("The provided continue parameter is too old to display a consistent list result. You can start "
                     "a new list without the continue parameter, or use the continue token in this response to retrieve "
                     "the remainder of the results.");
    it = m_objects.upper_bound(tok["k"].get<std::string>());
  }
  ListResult out;
  out.rv = m_rv;
  for (; it != m_objects.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (filter && !filter(it->second.object)) continue;
    if (limit && out.items.size() == limit) {
      ++out.remaining;
      continue;
    }
    out.items.push_back(it->second.object);
    if (limit && out.items.size() == limit)
      out.continue_token = util::base64_encode(json{{"k", it->first}, {"rv", m_rv}}.dump());
  }
  if (!out.remaining) out.continue_token.clear();
  return out;
}

ApiResult<json> Store::update(const ResourceType& r, const std::string& ns, const std::string& name, json o,
                              WritePart part, DryRun dry) {
  if (!o.is_object() || !o.contains("metadata") || !o["metadata"].is_object())
    return bad_request("the body of the request is not a valid object: metadata is missing");
  json& m = o["metadata"];
  if (m.value("name", name) != name)
    return bad_request("the name of the object (" + m.value("name", "") + ") does not match the name on the URL (" + name + ")");
  if (r.namespaced && !m.value("namespace", ns).empty() && m.value("namespace", ns) != ns)
    return bad_request("the namespace of the provided object does not match the namespace sent on the request");
  std::lock_guard<std::mutex> lock(m_mu);
  auto it = m_objects.find(key(r, ns, name));
  if (it == m_objects.end()) return not_found(r.group, r.plural, name);
  const json& old = it->second.object;
  std::string rv = m.value("resourceVersion", "");
  if (!rv.empty() && rv != old["metadata"]["resourceVersion"]) return conflict(r.group, r.plural, name, k_optimistic_lock);
  if (rv.empty() && !r.builtin)
    return invalid(r.group, r.kind, name, {Cause{"FieldValueInvalid", "Invalid value: 0x0: must be specified for an update",
                                                  "metadata.resourceVersion"}});
  json next;
  if (part == WritePart::status) {
    next = old;
    if (o.contains("status")) next["status"] = o["status"];
    else next.erase("status");
  } else {
    next = std::move(o);
    if (r.has_subresource("status")) {
      if (old.contains("status")) next["status"] = old["status"];
      else next.erase("status");
    }
    for (const char* f : {"uid", "creationTimestamp", "deletionTimestamp", "generation", "namespace", "name"}) {
      if (old["metadata"].contains(f)) next["metadata"][f] = old["metadata"][f];
      else next["metadata"].erase(f);
    }
    if (old["metadata"].contains("generation") && spec_part(next) != spec_part(old))
      next["metadata"]["generation"] = old["metadata"]["generation"].get<int64_t>() + 1;
  }
  next["apiVersion"] = r.api_version();
  next["kind"] = r.kind;
  next["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"];
  if (comparable(next) == comparable(old)) return old;  // no-op: no new resourceVersion, no event
  if (dry == DryRun::yes) return next;
  if (next["metadata"].contains("deletionTimestamp") && !has_finalizers(next)) {
    it->second.object = next;
    return remove_locked(r, ns, name, false);
  }
  next["metadata"]["resourceVersion"] = std::to_string(++m_rv);
  it->second.object = next;
  record("MODIFIED", next, &r);
  return next;
}

ApiResult<json> Store::remove(const ResourceType& r, const std::string& ns, const std::string& name, bool orphan,
                              DryRun dry) {
  std::lock_guard<std::mutex> lock(m_mu);
  if (dry == DryRun::yes) {
    auto it = m_objects.find(key(r, ns, name));
    if (it == m_objects.end()) return not_found(r.group, r.plural, name);
    return it->second.object;
  }
  return remove_locked(r, ns, name, orphan);
}

ApiResult<json> Store::remove_locked(const ResourceType& r, const std::string& ns, const std::string& name, bool orphan) {
  auto it = m_objects.find(key(r, ns, name));
  if (it == m_objects.end()) return not_found(r.group, r.plural, name);
  json& o = it->second.object;
  if (has_finalizers(o)) {
    if (!o["metadata"].contains("deletionTimestamp")) {
      o["metadata"]["deletionTimestamp"] = now_rfc3339();
      o["metadata"]["deletionGracePeriodSeconds"] = 0;
      if (r.kind == "Namespace") o["status"]["phase"] = "Terminating";
      o["metadata"]["resourceVersion"] = std::to_string(++m_rv);
      record("MODIFIED", o, &r);
    }
    return o;
  }
  if (r.kind == "Namespace") delete_namespace_contents_locked(name);
  json gone = o;
  m_objects.erase(it);
  gone["metadata"]["resourceVersion"] = std::to_string(++m_rv);
  record("DELETED", gone, &r);
  std::string uid = gone["metadata"].value("uid", "");
  if (orphan) {
    for (auto& [k, e] : m_objects) {
      json& refs = e.object["metadata"]["ownerReferences"];
      if (!refs.is_array()) continue;
      refs.erase(std::remove_if(refs.begin(), refs.end(), [&](const json& ref) { return ref.value("uid", "") == uid; }),
                 refs.end());
    }
  } else {
    collect_garbage_locked(uid);
  }
  return gone;
}

void Store::collect_garbage_locked(const std::string& owner_uid) {
  std::vector<std::pair<const ResourceType*, std::pair<std::string, std::string>>> dependents;
  for (const auto& [k, e] : m_objects) {
    const json& refs = e.object["metadata"].value("ownerReferences", json::array());
    for (const auto& ref : refs)
      if (ref.value("uid", "") == owner_uid)
        dependents.push_back({e.resource, {e.object["metadata"].value("namespace", ""), e.object["metadata"]["name"]}});
  }
  for (const auto& [r, id] : dependents) remove_locked(*r, id.first, id.second, false);
}

void Store::delete_namespace_contents_locked(const std::string& ns) {
  std::vector<std::pair<const ResourceType*, std::string>> victims;
  for (const auto& [k, e] : m_objects)
    if (e.resource->namespaced && e.object["metadata"].value("namespace", "") == ns)
      victims.push_back({e.resource, e.object["metadata"]["name"]});
  for (const auto& [r, name] : victims) {
    auto it = m_objects.find(key(*r, ns, name));
    if (it == m_objects.end()) continue;
    it->second.object["metadata"].erase("finalizers");  // the namespace controller forces them out
    remove_locked(*r, ns, name, false);
  }
}

std::unique_ptr<Watcher> Store::watch(const ResourceType* r, const std::string& ns, Filter filter, uint64_t from_rv) {
  auto w = std::unique_ptr<Watcher>(new Watcher());
  w->m_store = this;
  w->m_resource = r;
  w->m_ns = ns;
  w->m_filter = std::move(filter);
  std::lock_guard<std::mutex> lock(m_mu);
  if (from_rv == 0) {
    for (const auto& [k, e] : m_objects) {
      if (r && e.resource != r) continue;
      if (!ns.empty() && e.object["metadata"].value("namespace", "") != ns) continue;
      if (w->m_filter && !w->m_filter(e.object)) continue;
      w->m_pending.push_back(WatchEvent{"ADDED", e.object, m_rv, e.resource});
    }
    w->m_last_rv = m_rv;
  } else {
    w->m_last_rv = from_rv;
  }
  return w;
}

std::optional<WatchEvent> Watcher::next(std::chrono::milliseconds timeout) {
  if (!m_pending.empty()) {
    WatchEvent e = std::move(m_pending.front());
    m_pending.pop_front();
    return e;
  }
  Store& s = *m_store;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(s.m_mu);
  uint64_t wake = s.m_wake_generation;
  for (;;) {
    if (m_last_rv < s.m_oldest_rv) {
      ApiError e = expired("too old resource version: " + std::to_string(m_last_rv) + " (" +
                           std::to_string(s.m_oldest_rv) + ")");
      m_last_rv = s.m_rv;  // one ERROR; the caller closes the stream
      return WatchEvent{"ERROR", e.to_status(), s.m_rv, m_resource};
    }
    auto it = std::upper_bound(s.m_history.begin(), s.m_history.end(), m_last_rv,
                               [](uint64_t rv, const WatchEvent& e) { return rv < e.rv; });
    for (; it != s.m_history.end(); ++it) {
      m_last_rv = it->rv;
      if (m_resource && it->resource != m_resource) continue;
      if (!m_ns.empty() && it->object["metadata"].value("namespace", "") != m_ns) continue;
      if (m_filter && !m_filter(it->object)) continue;
      return *it;
    }
    if (s.m_cv.wait_until(lock, deadline) == std::cv_status::timeout || s.m_wake_generation != wake) return std::nullopt;
  }
}

}  // namespace dl::sim::api

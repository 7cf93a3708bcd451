#include "sim/controllers/objects.h"

#include <cstdio>

namespace dl::sim::controllers {

const api::ResourceType& type_of(const char* api_version, const char* kind) {
  return *api::find_kind(api_version, kind);
}

std::optional<json> get(api::Store& store, const api::ResourceType& r, const std::string& ns, const std::string& name) {
  auto o = store.get(r, ns, name);
  if (!o) return std::nullopt;
  return *o;
}

std::optional<json> ensure(api::Store& store, const api::ResourceType& r, const std::string& ns, json object) {
  std::string name = object["metadata"].value("name", "");
  if (auto existing = get(store, r, ns, name)) return existing;
  json status = object.contains("status") ? object["status"] : json();
  auto created = store.create(r, ns, object);
  if (!created) return get(store, r, ns, name);
  if (!status.is_null() && r.has_subresource("status")) {
    json with_status = *created;
    with_status["status"] = status;
    auto updated = store.update(r, ns, name, with_status, api::WritePart::status);
    if (updated) return *updated;
  }
  return *created;
}

bool remove_if_exists(api::Store& store, const api::ResourceType& r, const std::string& ns, const std::string& name) {
  return store.remove(r, ns, name).ok();
}

std::optional<json> modify(api::Store& store, const api::ResourceType& r, const std::string& ns,
                           const std::string& name, api::WritePart part,
                           const std::function<void(json& object)>& mutate) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    auto current = store.get(r, ns, name);
    if (!current) return std::nullopt;
    json next = *current;
    mutate(next);
    if (next == *current) return *current;
    auto written = store.update(r, ns, name, next, part);
    if (written) return *written;
    if (written.error().code != 409) return std::nullopt;
  }
  return std::nullopt;
}

void set_condition(json& conditions, const std::string& type, const std::string& status, const std::string& reason,
                   const std::string& message) {
  if (!conditions.is_array()) conditions = json::array();
  for (auto& c : conditions) {
    if (c.value("type", "") != type) continue;
    if (c.value("status", "") != status) c["lastTransitionTime"] = api::now_rfc3339();
    c["status"] = status;
    c["reason"] = reason;
    c["message"] = message;
    return;
  }
  conditions.push_back({{"type", type},
                        {"status", status},
                        {"reason", reason},
                        {"message", message},
                        {"lastTransitionTime", api::now_rfc3339()}});
}

void record_event(api::Store& store, const json& involved, const std::string& type, const std::string& reason,
                  const std::string& message, const std::string& component) {
  const api::ResourceType& ev = type_of("v1", "Event");
  const json& m = involved["metadata"];
  std::string ns = m.value("namespace", "");
  if (ns.empty()) ns = "default";
  std::string uid = m.value("uid", "");
  auto same = [&](const json& e) {
    return e.value("involvedObject", json::object()).value("uid", "") == uid && e.value("reason", "") == reason &&
           e.value("message", "") == message;
  };
  auto listed = store.list(ev, ns, same, 0, "");
  std::string now = api::now_rfc3339();
  if (listed && !listed->items.empty()) {
    std::string name = listed->items.front()["metadata"].value("name", "");
    modify(store, ev, ns, name, api::WritePart::main, [&](json& e) {
      e["count"] = e.value("count", 1) + 1;
      e["lastTimestamp"] = now;
    });
    return;
  }
  char suffix[20];
  std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(store.current_rv()) * 2654435761ULL);
  json involved_ref = {{"kind", involved.value("kind", "")},
                       {"namespace", m.value("namespace", "")},
                       {"name", m.value("name", "")},
                       {"uid", uid},
                       {"apiVersion", involved.value("apiVersion", "")},
                       {"resourceVersion", m.value("resourceVersion", "")}};
  if (involved_ref["namespace"] == "") involved_ref.erase("namespace");
  store.create(ev, ns,
               {{"metadata", {{"name", m.value("name", "") + "." + suffix}, {"namespace", ns}}},
                {"involvedObject", involved_ref},
                {"reason", reason},
                {"message", message},
                {"type", type},
                {"source", {{"component", component}}},
                {"firstTimestamp", now},
                {"lastTimestamp", now},
                {"count", 1},
                {"reportingComponent", component},
                {"reportingInstance", ""}});
}

json owner_ref(const json& owner) {
  return {{"apiVersion", owner.value("apiVersion", "")},
          {"kind", owner.value("kind", "")},
          {"name", owner["metadata"].value("name", "")},
          {"uid", owner["metadata"].value("uid", "")},
          {"controller", true},
          {"blockOwnerDeletion", true}};
}

bool owned_by(const json& object, const std::string& uid) {
  const json& refs = object["metadata"].value("ownerReferences", json::array());
  for (const auto& r : refs)
    if (r.value("uid", "") == uid) return true;
  return false;
}

}  // namespace dl::sim::controllers

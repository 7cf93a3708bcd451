#include "sim/api/patching.h"

#include "sim/api/call.h"
#include "sim/api/managed_fields.h"
#include "sim/api/patch.h"
#include "sim/api/store.h"

namespace dl::sim::api {
namespace {

struct ManagerEntry {
  std::string manager;
  std::string operation;  // Apply or Update
  std::string api_version;
  std::string time;
  FieldSet fields;
};

std::vector<ManagerEntry> read_managers(const json& object) {
  std::vector<ManagerEntry> out;
  const json& meta = object.contains("metadata") ? object["metadata"] : json::object();
  for (const auto& e : meta.value("managedFields", json::array()))
    out.push_back(ManagerEntry{e.value("manager", ""), e.value("operation", ""), e.value("apiVersion", ""),
                               e.value("time", ""), from_fields_v1(e.value("fieldsV1", json::object()))});
  return out;
}

void write_managers(json& object, std::vector<ManagerEntry> entries) {
  json arr = json::array();
  for (const auto& e : entries) {
    if (e.fields.empty()) continue;
    arr.push_back({{"manager", e.manager}, {"operation", e.operation}, {"apiVersion", e.api_version}, {"time", e.time},
                   {"fieldsType", "FieldsV1"}, {"fieldsV1", to_fields_v1(e.fields)}});
  }
  if (arr.empty()) object["metadata"].erase("managedFields");
  else object["metadata"]["managedFields"] = arr;
}

bool overlaps(const FieldPath& a, const FieldPath& b) {
  size_t n = std::min(a.size(), b.size());
  return std::equal(a.begin(), a.begin() + static_cast<long>(n), b.begin());
}

// Removes from `set` every path overlapping `p`.
void release(FieldSet& set, const FieldPath& p) {
  for (auto it = set.begin(); it != set.end();) it = overlaps(*it, p) ? set.erase(it) : std::next(it);
}

ManagerEntry& entry_for(std::vector<ManagerEntry>& entries, const std::string& manager, const std::string& op,
                        const std::string& api_version) {
  for (auto& e : entries)
    if (e.manager == manager && e.operation == op) return e;
  entries.push_back(ManagerEntry{manager, op, api_version, now_rfc3339(), {}});
  return entries.back();
}

ApiError apply_conflict(const std::vector<std::pair<std::string, FieldPath>>& conflicts, const std::string& api_version) {
  std::vector<Cause> causes;
  std::string msg = "Apply failed with " + std::to_string(conflicts.size()) + " conflict" + (conflicts.size() > 1 ? "s" : "") + ": ";
  if (conflicts.size() == 1) {
    msg += "conflict with \"" + conflicts[0].first + "\" using " + api_version + ": " + path_text(conflicts[0].second);
  } else {
    msg += "conflicts with \"" + conflicts[0].first + "\" using " + api_version + ":";
    for (const auto& [m, p] : conflicts) msg += "\n- " + path_text(p);
  }
  for (const auto& [m, p] : conflicts)
    causes.push_back(Cause{"FieldManagerConflict", "conflict with \"" + m + "\" using " + api_version, path_text(p)});
  json jc = json::array();
  for (const auto& c : causes) jc.push_back({{"reason", c.type}, {"message", c.message}, {"field", c.field}});
  return ApiError{409, "Conflict", msg, {{"causes", jc}}};
}

ApiResult<json> patch_error(const PatchError& e) { return ApiError{e.code, e.reason, e.message, json::object()}; }

}  // namespace

std::string accepted_patch_types(const ResourceType& r) {
  return r.builtin ? "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, "
                     "application/apply-patch+yaml"
                   : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";
}

ApiResult<json> server_side_apply(const ResourceType& r, const json* current, const std::string& body,
                                  const std::string& manager, bool force) {
  if (manager.empty())
    return invalid("meta.k8s.io", "PatchOptions", "", {Cause{"FieldValueRequired", "Required value: is required for apply patch", "fieldManager"}});
  auto config = yaml_to_json(body);
  if (!config) return config.error();
  if (!config->is_object()) return bad_request("the apply configuration is not an object");
  if (config->value("apiVersion", "") != r.api_version() || config->value("kind", "") != r.kind)
    return bad_request("the apply configuration must set apiVersion " + r.api_version() + " and kind " + r.kind);
  if ((*config)["metadata"].contains("managedFields")) return bad_request("metadata.managedFields must be nil");
  bool skip_status = r.has_subresource("status");
  FieldSet cfg = leaf_paths(*config, skip_status);
  json live = current ? *current : *config;
  std::vector<ManagerEntry> entries = current ? read_managers(*current) : std::vector<ManagerEntry>{};
  std::vector<std::pair<std::string, FieldPath>> conflicts;
  for (const auto& p : cfg) {
    const json* lv = current ? value_at(live, p) : nullptr;
    if (!lv || *lv == *value_at(*config, p)) continue;
    for (auto& e : entries) {
      if (e.manager == manager && e.operation == "Apply") continue;
      bool owned = std::any_of(e.fields.begin(), e.fields.end(), [&](const FieldPath& f) { return overlaps(f, p); });
      if (!owned) continue;
      if (force) release(e.fields, p);
      else conflicts.push_back({e.manager, p});
    }
  }
  if (!conflicts.empty()) return apply_conflict(conflicts, r.api_version());
  ManagerEntry& mine = entry_for(entries, manager, "Apply", r.api_version());
  for (const auto& p : mine.fields) {
    if (cfg.count(p)) continue;
    bool shared = std::any_of(entries.begin(), entries.end(), [&](const ManagerEntry& e) {
      return &e != &mine && std::any_of(e.fields.begin(), e.fields.end(), [&](const FieldPath& f) { return overlaps(f, p); });
    });
    if (!shared) erase_at(live, p);
  }
  for (const auto& p : cfg) {
    json* cur = &live;
    for (size_t i = 0; i + 1 < p.size(); ++i) {
      if (!(*cur)[p[i]].is_object()) (*cur)[p[i]] = json::object();
      cur = &(*cur)[p[i]];
    }
    (*cur)[p.back()] = *value_at(*config, p);
  }
  mine.fields = cfg;
  mine.time = now_rfc3339();
  write_managers(live, entries);
  return live;
}

void record_update(json& object, const json* old, const std::string& manager) {
  if (manager.empty() || !object.is_object()) return;
  std::vector<ManagerEntry> entries = old ? read_managers(*old) : std::vector<ManagerEntry>{};
  FieldSet changed;
  for (const auto& p : leaf_paths(object, false)) {
    const json* before = old ? value_at(*old, p) : nullptr;
    if (!before || *before != *value_at(object, p)) changed.insert(p);
  }
  if (changed.empty()) {
    if (old && old->at("metadata").contains("managedFields")) object["metadata"]["managedFields"] = old->at("metadata")["managedFields"];
    return;
  }
  for (auto& e : entries)
    for (const auto& p : changed) release(e.fields, p);
  ManagerEntry& mine = entry_for(entries, manager, "Update", object.value("apiVersion", ""));
  mine.fields.insert(changed.begin(), changed.end());
  mine.time = now_rfc3339();
  write_managers(object, entries);
}

ApiResult<json> apply_patch(const std::string& media_type, const ResourceType& r, const json& current,
                            const std::string& body, const std::string& field_manager, bool force) {
  if (media_type == "application/apply-patch+yaml") return server_side_apply(r, &current, body, field_manager, force);
  bool smp = media_type == "application/strategic-merge-patch+json";
  if ((smp && !r.builtin) ||
      (!smp && media_type != "application/json-patch+json" && media_type != "application/merge-patch+json"))
    return unsupported_media_type(accepted_patch_types(r));
  json patch = json::parse(body, nullptr, false);
  if (patch.is_discarded()) return bad_request("error decoding patch: invalid JSON in the request body");
  PatchResult<json> result = media_type == "application/json-patch+json" ? apply_json_patch(current, patch)
                             : smp ? apply_strategic_merge_patch(current, patch, strategic_schema_for(r.group, r.kind))
                                   : apply_merge_patch(current, patch);
  if (std::holds_alternative<PatchError>(result)) return patch_error(std::get<PatchError>(result));
  json out = std::get<json>(std::move(result));
  if (!out.is_object()) return bad_request("the patched object is not an object");
  if (out["metadata"].value("name", "") != current["metadata"].value("name", ""))
    return bad_request("the name of the object (" + out["metadata"].value("name", "") +
                       ") does not match the name on the URL (" + current["metadata"].value("name", "") + ")");
  std::string manager = field_manager;
  record_update(out, &current, manager);
  return out;
}

}  // namespace dl::sim::api

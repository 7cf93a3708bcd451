// Strategic merge patch: the entry point, map merging and the map-level directives
// ($patch, $retainKeys, $setElementOrder/<list>, $deleteFromPrimitiveList/<list>).
#include "sim/api/strategic_merge.h"

#include <string>
#include <utility>
#include <vector>

#include "sim/api/patch_support.h"

namespace dl::sim::api {
namespace smp {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

// "<prefix>/<field>" -> field; nullopt when the slash or the field is missing.
std::optional<std::string> directive_field(const std::string& key, std::string_view prefix) {
  if (key.size() <= prefix.size() + 1 || key[prefix.size()] != '/') {
    return std::nullopt;
  }
  return key.substr(prefix.size() + 1);
}

PatchError unknown_directive(const std::string& key, const std::string& path) {
  return detail::bad_request("unknown strategic merge patch directive \"" + key + "\" in " +
                             (path.empty() ? std::string("the object root") : path) +
                             ": supported are $patch, $retainKeys, $setElementOrder/<list> and "
                             "$deleteFromPrimitiveList/<list>");
}

// $retainKeys: every non-null patch field must be listed; original fields not listed go.
Failure apply_retain_keys(json& original, json& patch) {
  auto it = patch.find(k_retain_keys);
  if (it == patch.end()) {
    return std::nullopt;
  }
  json keys = std::move(*it);
  patch.erase(it);
  const PatchError bad = detail::bad_request("invalid patch format of retainKeys");
  if (!keys.is_array()) {
    return bad;
  }
  auto listed = [&keys](const std::string& key) {
    for (const auto& k : keys) {
      if (k.is_string() && k.get<std::string>() == key) {
        return true;
      }
    }
    return false;
  };
  for (const auto& [key, value] : patch.items()) {
    bool directive = starts_with(key, k_set_element_order) || starts_with(key, k_delete_from_primitive_list);
    if (!value.is_null() && !directive && !listed(key)) {
      return bad;
    }
  }
  for (auto field = original.begin(); field != original.end();) {
    field = listed(field.key()) ? std::next(field) : original.erase(field);
  }
  return std::nullopt;
}

// The list `field` after merging its patch list (if any) into the original list (if any).
Failure merged_list_for_order(const json& original, json& patch, const std::string& field,
                              const StrategicSchema& schema, const std::string& list_path, json& merged) {
  auto orig = original.find(field);
  bool has_original = orig != original.end() && orig->is_array();
  merged = has_original ? *orig : json::array();
  auto patch_list = patch.find(field);
  if (patch_list == patch.end()) {
    return std::nullopt;
  }
  json items = std::move(*patch_list);
  patch.erase(patch_list);
  auto key = schema.merge_key(list_path);
  if (has_original && key) {
    return merge_list(merged, std::move(items), *key, schema, list_path);
  }
  bool keep = true;
  Failure failure = clean_new_value(items, keep, schema, list_path);
  merged = std::move(items);
  return failure;
}

// One $setElementOrder/<field>: merge that list now, then put it in the given order.
Failure apply_one_element_order(json& original, json& patch, const std::string& directive, json order,
                                const StrategicSchema& schema, const std::string& path) {
  auto field = directive_field(directive, k_set_element_order);
  if (!field || !order.is_array()) {
    return detail::bad_request("invalid patch format of setElementOrder list");
  }
  auto patch_list = patch.find(*field);
  if (patch_list != patch.end() && !patch_list->is_array()) {
    return std::nullopt;  // not a list: the field is replaced by the main merge
  }
  auto orig = original.find(*field);
  if (patch_list == patch.end() && (orig == original.end() || !orig->is_array())) {
    return std::nullopt;
  }
  std::string list_path = child_path(path, *field);
  auto merge_key = schema.merge_key(list_path);
  std::optional<std::string> order_key = (merge_key && !merge_key->empty()) ? merge_key : std::nullopt;
  if (patch_list != patch.end()) {
    if (Failure failure = check_element_order(*patch_list, order, order_key)) {
      return failure;
    }
  }
  json server_order = (orig != original.end() && orig->is_array()) ? *orig : json::array();
  json merged;
  if (Failure failure = merged_list_for_order(original, patch, *field, schema, list_path, merged)) {
    return failure;
  }
  if (Failure failure = apply_element_order(merged, order, server_order, order_key)) {
    return failure;
  }
  original[*field] = std::move(merged);
  return std::nullopt;
}

Failure apply_element_orders(json& original, json& patch, const StrategicSchema& schema, const std::string& path) {
  std::vector<std::string> directives;
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (starts_with(it.key(), k_set_element_order)) {
      directives.push_back(it.key());
    }
  }
  for (const auto& directive : directives) {
    json order = std::move(patch[directive]);
    patch.erase(directive);
    if (Failure failure = apply_one_element_order(original, patch, directive, std::move(order), schema, path)) {
      return failure;
    }
  }
  return std::nullopt;
}

// One ordinary field: null deletes, objects and merge lists recurse, anything else replaces.
Failure merge_field(json& original, const std::string& key, json value, const StrategicSchema& schema,
                    const std::string& path) {
  if (value.is_null()) {
    original.erase(key);
    return std::nullopt;
  }
  auto it = original.find(key);
  if (it != original.end() && it->is_object() && value.is_object()) {
    return merge_map(*it, std::move(value), schema, path);
  }
  if (it != original.end() && it->is_array() && value.is_array()) {
    if (auto merge_key = schema.merge_key(path)) {
      return merge_list(*it, std::move(value), *merge_key, schema, path);
    }
  }
  bool keep = true;
  if (Failure failure = clean_new_value(value, keep, schema, path)) {
    return failure;
  }
  if (keep) {
    original[key] = std::move(value);
  } else {
    original.erase(key);
  }
  return std::nullopt;
}

Failure apply_primitive_deletion(json& original, const std::string& directive, const json& doomed) {
  auto field = directive_field(directive, k_delete_from_primitive_list);
  if (!field || !doomed.is_array()) {
    return detail::bad_request("invalid patch format of primitive list");
  }
  auto list = original.find(*field);
  if (list != original.end() && list->is_array()) {
    delete_from_list(*list, doomed);
  }
  return std::nullopt;
}

// Handles a map-level $patch. Returns true when the map is finished (replaced or deleted).
bool apply_map_directive(json& original, json& patch, const StrategicSchema& schema, const std::string& path,
                         Failure& failure) {
  auto directive = patch.find(k_patch_directive);
  if (directive == patch.end()) {
    return false;
  }
  if (*directive == "delete") {
    original = json::object();
    return true;
  }
  if (*directive != "replace" && *directive != "merge") {
    failure = bad_patch_type(*directive, patch);
    return true;
  }
  bool replace = *directive == "replace";
  patch.erase(directive);
  if (replace) {
    bool keep = true;
    failure = clean_new_value(patch, keep, schema, path);
    original = std::move(patch);
  }
  return replace;
}

}  // namespace

std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string item_path(const std::string& list_path) {
  return list_path + "[]";
}

PatchError no_merge_key(const json& item, const std::string& key) {
  return detail::unmapped("map: " + detail::go_format(item) + " does not contain declared merge key: " + key);
}

PatchError bad_patch_type(const json& directive, const json& map) {
  return detail::bad_request("unknown patch type: " + detail::go_format(directive) +
                             " in map: " + detail::go_format(map));
}

Failure merge_map(json& original, json patch, const StrategicSchema& schema, const std::string& path) {
  if (!original.is_object()) {
    original = json::object();
  }
  Failure failure;
  if (apply_map_directive(original, patch, schema, path, failure) || failure) {
    return failure;
  }
  if ((failure = apply_retain_keys(original, patch)) ||
      (failure = apply_element_orders(original, patch, schema, path))) {
    return failure;
  }
  std::vector<std::pair<std::string, json>> deletions;
  for (auto& [key, value] : patch.items()) {
    if (starts_with(key, k_delete_from_primitive_list)) {
      deletions.emplace_back(key, std::move(value));
    } else if (starts_with(key, "$")) {
      return unknown_directive(key, path);
    } else if ((failure = merge_field(original, key, std::move(value), schema, child_path(path, key)))) {
      return failure;
    }
  }
  for (const auto& [directive, doomed] : deletions) {
    if ((failure = apply_primitive_deletion(original, directive, doomed))) {
      return failure;
    }
  }
  return std::nullopt;
}

Failure clean_new_value(json& value, bool& keep, const StrategicSchema& schema, const std::string& path) {
  keep = true;
  if (value.is_object()) {
    auto directive = value.find(k_patch_directive);
    if (directive != value.end() && *directive == "delete") {
      keep = false;
      return std::nullopt;
    }
    json fresh = json::object();
    Failure failure = merge_map(fresh, std::move(value), schema, path);
    value = std::move(fresh);
    return failure;
  }
  if (!value.is_array()) {
    return std::nullopt;
  }
  json items = json::array();
  for (auto& item : value) {
    if (item.is_object() && item.contains(k_patch_directive)) {
      continue;  // list-level markers and deletions have nothing to act on here
    }
    bool keep_item = true;
    if (Failure failure = clean_new_value(item, keep_item, schema, item_path(path))) {
      return failure;
    }
    items.push_back(std::move(item));
  }
  value = std::move(items);
  return std::nullopt;
}

}  // namespace smp

PatchResult<nlohmann::json> apply_strategic_merge_patch(const nlohmann::json& target, const nlohmann::json& patch,
                                                        const StrategicSchema& schema) {
  if (patch.is_null()) {
    return target;  // encoding/json decodes null into an empty map
  }
  if (!patch.is_object()) {
    return detail::bad_request("json: cannot unmarshal " + std::string(detail::go_json_kind(patch)) +
                               " into Go value of type map[string]interface {}");
  }
  nlohmann::json result = target.is_object() ? target : nlohmann::json::object();
  if (smp::Failure failure = smp::merge_map(result, patch, schema, "")) {
    return *failure;
  }
  return result;
}

}  // namespace dl::sim::api

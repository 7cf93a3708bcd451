// Internal: the pieces of the strategic merge patch shared by strategic_merge.cpp (maps and
// directives) and strategic_merge_lists.cpp (lists and ordering).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "sim/api/patch.h"

namespace dl::sim::api::smp {

using nlohmann::json;

/// nullopt when the step succeeded, else the error to answer with.
using Failure = std::optional<PatchError>;

inline constexpr std::string_view k_patch_directive = "$patch";
inline constexpr std::string_view k_retain_keys = "$retainKeys";
inline constexpr std::string_view k_set_element_order = "$setElementOrder";
inline constexpr std::string_view k_delete_from_primitive_list = "$deleteFromPrimitiveList";

/// The schema path of member `key` of the object at `path` ("" is the root).
std::string child_path(const std::string& path, const std::string& key);
/// The schema path of the items of the list at `list_path`.
std::string item_path(const std::string& list_path);

/// 500 "map: <item> does not contain declared merge key: <key>" (apimachinery's ErrNoMergeKey).
PatchError no_merge_key(const json& item, const std::string& key);
/// 400 "unknown patch type: <directive> in map: <map>" (apimachinery's ErrBadPatchType text).
PatchError bad_patch_type(const json& directive, const json& map);

/// Merges the object `patch` into `original` (made an object if it is not one) at `path`.
Failure merge_map(json& original, json patch, const StrategicSchema& schema, const std::string& path);

/// Prepares `value` for insertion where there is nothing to merge into: null members go,
/// directives are applied against an empty original, list items carrying `$patch` go.
/// `keep` turns false when the value itself is `$patch: delete` (the key is then left out).
Failure clean_new_value(json& value, bool& keep, const StrategicSchema& schema, const std::string& path);

/// Merges the patch list into the list `original` at `path`, whose merge key is `key`
/// ("" for a set of primitives): items merge by key, `$patch` items delete or replace, new
/// items come before the server-only ones unless the order says otherwise.
Failure merge_list(json& original, json patch, const std::string& key, const StrategicSchema& schema,
                   const std::string& path);

/// Fails (500) when the items of `patch_list` do not appear in `order` in the same relative order.
Failure check_element_order(const json& patch_list, const json& order, const std::optional<std::string>& key);

/// Reorders `merged`: items named in `order` follow it, the others keep `server_order`, and the
/// two runs interleave by `server_order` where both sides appear in it.
Failure apply_element_order(json& merged, const json& order, const json& server_order,
                            const std::optional<std::string>& key);

/// Removes from the list `list` every element equal to one in the list `doomed`.
void delete_from_list(json& list, const json& doomed);

}  // namespace dl::sim::api::smp

// Field sets of server-side apply: leaf paths of a JSON object and their FieldsV1 encoding.
// Lists are atomic leaves (the simulator does not track list items by key); empty maps are not
// fields of their own.
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace dl::sim::api {

using FieldPath = std::vector<std::string>;
using FieldSet = std::set<FieldPath>;

/// Leaf paths of `object`, without apiVersion, kind, the identity parts of metadata and, when
/// `skip_status`, status.
FieldSet leaf_paths(const nlohmann::json& object, bool skip_status);
/// FieldsV1 ({"f:spec":{"f:x":{}}}) <-> FieldSet.
nlohmann::json to_fields_v1(const FieldSet& set);
FieldSet from_fields_v1(const nlohmann::json& fields);
/// ".spec.x" as kubectl prints a conflicting field.
std::string path_text(const FieldPath& p);
/// Value at `p`, or nullptr when absent.
const nlohmann::json* value_at(const nlohmann::json& o, const FieldPath& p);
/// Removes the value at `p`, and parents left empty by it.
void erase_at(nlohmann::json& o, const FieldPath& p);

}  // namespace dl::sim::api

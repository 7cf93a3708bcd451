// Internal: the documents a JSON patch walks, as json-patch v4 sees them: RFC 6901 pointers split
// on '/', array indices parsed by Go's strconv.Atoi (negative ones count from the end), and
// member access with v4's error texts.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

namespace dl::sim::api::jsonpatch {

using nlohmann::json;
/// nullopt when the step applied, else json-patch's error text.
using OpError = std::optional<std::string>;

/// The ": missing value" suffix of json-patch's ErrMissing.
inline const std::string k_missing = ": missing value";

/// The value at `key` in an object or array; nullptr for a missing member or a JSON null (v4
/// cannot tell them apart); an error text for a bad or out-of-range index.
std::variant<const json*, std::string> get_member(const json& container, const std::string& key);
/// Adds `value` at `key` (an object member, an array index to insert at, or "-" to append).
OpError add_member(json& container, const std::string& key, json value);
/// Removes the member or element `key`.
OpError remove_member(json& container, const std::string& key);
/// Replaces an element get_member accepted (a missing object member is added, as in v4).
void set_member(json& container, const std::string& key, json value);

/// The object or array holding the last token of a pointer, and that token unescaped.
struct Location {
  json* container = nullptr;
  std::string key;
};

/// Where `path` points into `doc`; a null container when the path is not "/..." or a parent on
/// the way is missing, null or not a container.
Location find_parent(json& doc, const std::string& path);

}  // namespace dl::sim::api::jsonpatch

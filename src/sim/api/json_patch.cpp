// RFC 6902 JSON patch as evanphx/json-patch v4 (kube-apiserver's library) applies it, with its
// error texts: "<what>: <cause>" where the cause is "missing value", "invalid index referenced"
// or "test failed".
#include <optional>
#include <string>
#include <utility>

#include "sim/api/json_patch_document.h"
#include "sim/api/patch.h"
#include "sim/api/patch_support.h"

namespace dl::sim::api {
namespace {

using jsonpatch::k_missing;
using jsonpatch::Location;
using jsonpatch::OpError;
using nlohmann::json;

// ---- operation fields ----

// A string member of the operation, or Go's decoding error for it.
struct Field {
  std::string value;
  std::optional<std::string> error;
};

Field op_string(const json& op, const char* name, const char* missing) {
  auto it = op.find(name);
  if (it == op.end() || it->is_null()) {
    return {{}, std::string(missing) + k_missing};
  }
  if (!it->is_string()) {
    return {{}, "json: cannot unmarshal " + std::string(detail::go_json_kind(*it)) + " into Go value of type string"};
  }
  return {it->get<std::string>(), std::nullopt};
}

Field op_path(const json& op) {
  return op_string(op, "path", "operation missing path field");
}
Field op_from(const json& op) {
  return op_string(op, "from", "operation, missing from field");
}
json op_value(const json& op) {
  return op.value("value", json());
}

// ---- the six operations ----

OpError op_add(json& doc, const json& op) {
  auto path = op_path(op);
  if (path.error) {
    return "add operation failed to decode path" + k_missing;
  }
  Location at = jsonpatch::find_parent(doc, path.value);
  if (at.container == nullptr) {
    return "add operation does not apply: doc is missing path: \"" + path.value + "\"" + k_missing;
  }
  if (auto error = jsonpatch::add_member(*at.container, at.key, op_value(op))) {
    return "error in add for path: '" + path.value + "': " + *error;
  }
  return std::nullopt;
}

OpError op_remove(json& doc, const json& op) {
  auto path = op_path(op);
  if (path.error) {
    return "remove operation failed to decode path" + k_missing;
  }
  Location at = jsonpatch::find_parent(doc, path.value);
  if (at.container == nullptr) {
    return "remove operation does not apply: doc is missing path: \"" + path.value + "\"" + k_missing;
  }
  if (auto error = jsonpatch::remove_member(*at.container, at.key)) {
    return "error in remove for path: '" + path.value + "': " + *error;
  }
  return std::nullopt;
}

OpError op_replace(json& doc, const json& op) {
  auto path = op_path(op);
  if (path.error) {
    return "replace operation failed to decode path: " + *path.error;
  }
  if (path.value.empty()) {
    json value = op_value(op);
    if (value.is_object() || value.is_array()) {
      doc = std::move(value);
    }
    return std::nullopt;
  }
  Location at = jsonpatch::find_parent(doc, path.value);
  if (at.container == nullptr) {
    return "replace operation does not apply: doc is missing path: " + path.value + k_missing;
  }
  if (std::holds_alternative<std::string>(jsonpatch::get_member(*at.container, at.key))) {
    return "replace operation does not apply: doc is missing key: " + path.value + k_missing;
  }
  jsonpatch::set_member(*at.container, at.key, op_value(op));
  return std::nullopt;
}

// The value at `at` (null when missing) or the container's error.
std::variant<json, std::string> read_member(const Location& at) {
  auto got = jsonpatch::get_member(*at.container, at.key);
  if (auto* error = std::get_if<std::string>(&got)) {
    return *error;
  }
  const json* value = std::get<const json*>(got);
  return value == nullptr ? json() : *value;
}

OpError op_move(json& doc, const json& op) {
  auto from = op_from(op);
  if (from.error) {
    return "move operation failed to decode from: " + *from.error;
  }
  Location source = jsonpatch::find_parent(doc, from.value);
  if (source.container == nullptr) {
    return "move operation does not apply: doc is missing from path: " + from.value + k_missing;
  }
  auto value = read_member(source);
  if (auto* error = std::get_if<std::string>(&value)) {
    return "error in move for path: '" + source.key + "': " + *error;
  }
  if (auto error = jsonpatch::remove_member(*source.container, source.key)) {
    return "error in move for path: '" + source.key + "': " + *error;
  }
  auto path = op_path(op);
  if (path.error) {
    return "move operation failed to decode path: " + *path.error;
  }
  Location target = jsonpatch::find_parent(doc, path.value);
  if (target.container == nullptr) {
    return "move operation does not apply: doc is missing destination path: " + path.value + k_missing;
  }
  if (auto error = jsonpatch::add_member(*target.container, target.key, std::get<json>(std::move(value)))) {
    return "error in move for path: '" + path.value + "': " + *error;
  }
  return std::nullopt;
}

OpError op_copy(json& doc, const json& op) {
  auto from = op_from(op);
  if (from.error) {
    return "copy operation failed to decode from: " + *from.error;
  }
  Location source = jsonpatch::find_parent(doc, from.value);
  if (source.container == nullptr) {
    return "copy operation does not apply: doc is missing from path: " + from.value + k_missing;
  }
  auto value = read_member(source);
  if (auto* error = std::get_if<std::string>(&value)) {
    return "error in copy for from: '" + from.value + "': " + *error;
  }
  auto path = op_path(op);
  if (path.error) {
    return "copy operation failed to decode path" + k_missing;
  }
  Location target = jsonpatch::find_parent(doc, path.value);
  if (target.container == nullptr) {
    return "copy operation does not apply: doc is missing destination path: " + path.value + k_missing;
  }
  if (auto error = jsonpatch::add_member(*target.container, target.key, std::get<json>(std::move(value)))) {
    return "error while adding value during copy: " + *error;
  }
  return std::nullopt;
}

OpError op_test(json& doc, const json& op) {
  auto path = op_path(op);
  if (path.error) {
    return "test operation failed to decode path: " + *path.error;
  }
  const std::string failure = "testing value " + path.value + " failed: test failed";
  auto expected = op.find("value");
  if (path.value.empty()) {
    return (expected != op.end() && doc == *expected) ? OpError() : failure;
  }
  Location at = jsonpatch::find_parent(doc, path.value);
  if (at.container == nullptr) {
    return "test operation does not apply: is missing path: " + path.value + k_missing;
  }
  auto got = jsonpatch::get_member(*at.container, at.key);
  if (auto* error = std::get_if<std::string>(&got)) {
    return "error in test for path: '" + path.value + "': " + *error;
  }
  const json* actual = std::get<const json*>(got);
  if (expected == op.end()) {
    return failure;
  }
  bool same = actual == nullptr ? expected->is_null() : *actual == *expected;
  return same ? OpError() : failure;
}

OpError apply_op(json& doc, const json& op) {
  auto kind = op.find("op");
  std::string name = (kind != op.end() && kind->is_string()) ? kind->get<std::string>() : "unknown";
  if (name == "add") {
    return op_add(doc, op);
  }
  if (name == "remove") {
    return op_remove(doc, op);
  }
  if (name == "replace") {
    return op_replace(doc, op);
  }
  if (name == "move") {
    return op_move(doc, op);
  }
  if (name == "copy") {
    return op_copy(doc, op);
  }
  if (name == "test") {
    return op_test(doc, op);
  }
  return "Unexpected kind: " + name;
}

}  // namespace

PatchResult<json> apply_json_patch(const json& target, const json& ops) {
  if (ops.is_null()) {
    return target;  // encoding/json decodes null into an empty patch
  }
  if (!ops.is_array()) {
    return detail::bad_request("json: cannot unmarshal " + std::string(detail::go_json_kind(ops)) +
                               " into Go value of type jsonpatch.Patch");
  }
  for (const auto& op : ops) {
    if (!op.is_object() && !op.is_null()) {
      return detail::bad_request("json: cannot unmarshal " + std::string(detail::go_json_kind(op)) +
                                 " into Go value of type jsonpatch.Operation");
    }
  }
  if (ops.size() > k_max_json_patch_ops) {
    return PatchError{413,
                      "RequestEntityTooLarge",
                      "Request entity too large: The allowed maximum operations in a JSON patch is " +
                          std::to_string(k_max_json_patch_ops) + ", got " + std::to_string(ops.size()),
                      {}};
  }
  json doc = target;
  for (const auto& op : ops) {
    if (auto error = apply_op(doc, op.is_null() ? json::object() : op)) {
      return detail::invalid_patch_op(std::move(*error));
    }
  }
  return doc;
}

}  // namespace dl::sim::api

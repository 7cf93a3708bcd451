// Internal helpers shared by the patch algorithms: Status-shaped errors and Go's %v rendering of
// decoded JSON, which the real server's messages embed.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "sim/api/patch.h"

namespace dl::sim::api::detail {

/// 400 BadRequest with `message`.
PatchError bad_request(std::string message);
/// 422 Invalid with the generic message the real server sends for a failed JSON patch operation;
/// `detail` keeps the library's text.
PatchError invalid_patch_op(std::string detail);
/// 422 Invalid with `message` (strategic merge errors the real server maps to 422).
PatchError unprocessable(std::string message);
/// 500 with an empty (Unknown) reason: a library error the real server passes through unmapped.
PatchError unmapped(std::string message);

/// Go's fmt "%v" of the value encoding/json would decode `value` into: map[k:v ...] with sorted
/// keys, [a b], <nil>, plain strings and numbers.
std::string go_format(const nlohmann::json& value);

/// Go's name for the JSON kind of `value` in "cannot unmarshal X into ..." errors:
/// object, array, string, number, bool or null.
std::string_view go_json_kind(const nlohmann::json& value);

}  // namespace dl::sim::api::detail

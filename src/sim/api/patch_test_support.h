// Test helpers for the patch algorithms: parse JSON literals and unwrap a PatchResult.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "sim/api/patch.h"

namespace dl::sim::api::testing {

using nlohmann::json;

/// `text` parsed as JSON (a test bug if it is not JSON).
inline json j(const std::string& text) {
  return json::parse(text);
}

/// The patched document; a test failure (and null) when the patch was refused.
inline json patched(const PatchResult<json>& result) {
  if (const auto* error = std::get_if<PatchError>(&result)) {
    ADD_FAILURE() << "patch refused: " << error->code << " " << error->message << " / " << error->detail;
    return json();
  }
  return std::get<json>(result);
}

/// The refusal; a test failure (and an empty error) when the patch applied.
inline PatchError refused(const PatchResult<json>& result) {
  if (const auto* doc = std::get_if<json>(&result)) {
    ADD_FAILURE() << "patch applied: " << doc->dump();
    return PatchError{0, "", "", ""};
  }
  return std::get<PatchError>(result);
}

}  // namespace dl::sim::api::testing

// Patch dispatch by media type, and server-side apply with field ownership (managedFields).
#pragma once

#include <string>

#include "sim/api/api_result.h"
#include "sim/api/resources.h"

namespace dl::sim::api {

/// Accepted PATCH media types for `r` (strategic merge only for built-in kinds).
std::string accepted_patch_types(const ResourceType& r);

/// Applies a PATCH body of media type `media_type` to `current`; 415 for unsupported types,
/// 400/422 for bad patches, 409 for apply conflicts. The result keeps current's resourceVersion
/// unless the patch set one (then it is a precondition).
ApiResult<json> apply_patch(const std::string& media_type, const ResourceType& r, const json& current,
                            const std::string& body, const std::string& field_manager, bool force);

/// Server-side apply of `body` (YAML or JSON) by `manager` onto `current` (nullptr: create).
/// Fields the manager applied before and left out now are removed when nobody else owns them.
ApiResult<json> server_side_apply(const ResourceType& r, const json* current, const std::string& body,
                                  const std::string& manager, bool force);

/// Records an Update by `manager` in managedFields: it takes the leaf fields that differ from `old`.
void record_update(json& object, const json* old, const std::string& manager);

}  // namespace dl::sim::api

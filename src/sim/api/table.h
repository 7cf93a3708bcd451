// Server-side printing: objects -> meta.k8s.io/v1 Table with the resource's printer columns.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/api/resources.h"

namespace dl::sim::api {

enum class IncludeObject { none, metadata, object };

/// True when an Accept header asks for a Table.
bool wants_table(const std::string& accept);
/// includeObject query value ("" = Metadata).
IncludeObject parse_include_object(const std::string& value);
/// A Table of `objects`; `rv` goes to metadata.resourceVersion (what `get -w` watches from).
json to_table(const ResourceType& r, const std::vector<json>& objects, IncludeObject include, const std::string& rv,
              bool with_column_definitions = true);

}  // namespace dl::sim::api

// RFC 7386 merge patch with evanphx/json-patch v4's handling of nulls and non-object patches.
#include <utility>

#include "sim/api/patch.h"
#include "sim/api/patch_support.h"

namespace dl::sim::api {
namespace {

using nlohmann::json;

constexpr const char* k_bad_merge_patch = "Invalid JSON Patch";  // json-patch's errBadJSONPatch

// Drops null members and null elements, recursively (json-patch's pruneNulls).
void prune_nulls(json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end();) {
      if (it->is_null()) {
        it = value.erase(it);
      } else {
        prune_nulls(*it);
        ++it;
      }
    }
  } else if (value.is_array()) {
    json kept = json::array();
    for (auto& item : value) {
      if (!item.is_null()) {
        prune_nulls(item);
        kept.push_back(std::move(item));
      }
    }
    value = std::move(kept);
  }
}

void merge_objects(json& doc, const json& patch);

// The merged value of one member: objects merge; anything replacing a non-object is pruned; a
// non-object replacing an object is taken as is (json-patch's merge()).
json merge_value(json current, const json& patch) {
  if (!current.is_object()) {
    json replacement = patch;
    prune_nulls(replacement);
    return replacement;
  }
  if (!patch.is_object()) {
    return patch;
  }
  merge_objects(current, patch);
  return current;
}

void merge_objects(json& doc, const json& patch) {
  for (const auto& [key, value] : patch.items()) {
    if (value.is_null()) {
      doc.erase(key);
      continue;
    }
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null()) {
      json inserted = value;
      prune_nulls(inserted);
      doc[key] = std::move(inserted);
    } else {
      *it = merge_value(std::move(*it), value);
    }
  }
}

}  // namespace

PatchResult<json> apply_merge_patch(const json& target, const json& patch) {
  if (patch.is_array()) {
    json result = patch;
    prune_nulls(result);
    return result;
  }
  if (!patch.is_object()) {
    return detail::bad_request(k_bad_merge_patch);
  }
  if (!target.is_object()) {
    json result = patch;
    prune_nulls(result);
    return result;
  }
  json result = target;
  merge_objects(result, patch);
  return result;
}

}  // namespace dl::sim::api

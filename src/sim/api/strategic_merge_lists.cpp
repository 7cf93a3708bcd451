// Strategic merge patch for lists: merging by key or as a set, `$patch` items, deletions from
// primitive lists and the ordering rules (apimachinery's normalizeElementOrder/mergeSortedSlice).
#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "sim/api/patch_support.h"
#include "sim/api/strategic_merge.h"

namespace dl::sim::api::smp {
namespace {

using Items = std::vector<json>;
constexpr std::ptrdiff_t k_absent = -1;

// The value an item is identified by: its merge key's value, or the whole item without a key.
json identity(const json& item, const std::optional<std::string>& key) {
  if (!key) {
    return item;
  }
  return item.is_object() ? item.value(*key, json()) : json();
}

std::ptrdiff_t index_of(const Items& order, const json& item, const std::optional<std::string>& key) {
  json wanted = identity(item, key);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (identity(order[i], key) == wanted) {
      return static_cast<std::ptrdiff_t>(i);
    }
  }
  return k_absent;
}

Items to_items(const json& list) {
  return Items(list.begin(), list.end());
}

// Items found in `order` sorted by their place there; the others after them, as they were.
Items sort_by(Items items, const Items& order, const std::optional<std::string>& key) {
  auto found_end = std::stable_partition(items.begin(), items.end(),
                                         [&](const json& item) { return index_of(order, item, key) != k_absent; });
  std::stable_sort(items.begin(), found_end,
                   [&](const json& a, const json& b) { return index_of(order, a, key) < index_of(order, b, key); });
  return items;
}

// Interleaves the server-only items (`left`) into the patch items (`right`): a left item goes
// first only when both sides appear in `order` and it comes earlier there.
json merge_sorted(const Items& left, const Items& right, const Items& order, const std::optional<std::string>& key) {
  json out = json::array();
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < left.size() && j < right.size()) {
    auto li = index_of(order, left[i], key);
    auto ri = index_of(order, right[j], key);
    out.push_back(li != k_absent && ri != k_absent && li < ri ? left[i++] : right[j++]);
  }
  for (; i < left.size(); ++i) {
    out.push_back(left[i]);
  }
  for (; j < right.size(); ++j) {
    out.push_back(right[j]);
  }
  return out;
}

// Splits `merged` into items present in `order` and the rest, sorts each and interleaves them.
json normalize(const json& merged, const Items& order, const Items& server_order,
               const std::optional<std::string>& key) {
  Items in_order;
  Items server_only;
  for (const auto& item : merged) {
    (index_of(order, item, key) != k_absent ? in_order : server_only).push_back(item);
  }
  return merge_sorted(sort_by(std::move(server_only), server_order, key), sort_by(std::move(in_order), order, key),
                      server_order, key);
}

// apimachinery's sliceElementType: no lists of lists, and one element type across both lists.
Failure check_element_types(const json& original, const json& patch) {
  const json* first = nullptr;
  for (const json* list : {&original, &patch}) {
    for (const auto& item : *list) {
      if (item.is_array()) {
        return detail::unprocessable("lists of lists are not supported");
      }
      bool same = first == nullptr || (first->is_number() && item.is_number()) || first->type() == item.type();
      if (!same) {
        return detail::unmapped("list element types are not identical: " +
                                detail::go_format(json::array({original, patch})));
      }
      first = first == nullptr ? &item : first;
    }
  }
  return std::nullopt;
}

// A set of primitives: the patch's values are added once each, ordered by the patch.
void merge_primitive_set(json& original, const json& patch) {
  Items patch_items;
  for (const auto& item : patch) {
    if (std::find(patch_items.begin(), patch_items.end(), item) == patch_items.end()) {
      patch_items.push_back(item);
    }
  }
  Items server_only;
  for (const auto& item : original) {
    bool seen = std::find(server_only.begin(), server_only.end(), item) != server_only.end();
    if (!seen && std::find(patch_items.begin(), patch_items.end(), item) == patch_items.end()) {
      server_only.push_back(item);
    }
  }
  original = merge_sorted(server_only, patch_items, to_items(original), std::nullopt);
}

// Applies the `$patch` items of a keyed patch list to `original`; returns the other items.
// `replace` turns true on a `$patch: replace` item.
Failure split_special_items(json& original, json& patch, const std::string& key, bool& replace, Items& plain) {
  for (auto& item : patch) {
    auto directive = item.find(k_patch_directive);
    if (directive == item.end()) {
      plain.push_back(std::move(item));
    } else if (*directive == "delete") {
      if (!item.contains(key)) {
        return no_merge_key(item, key);
      }
      json doomed = item[key];
      json kept = json::array();
      for (auto& existing : original) {
        if (!(existing.contains(key) && existing[key] == doomed)) {
          kept.push_back(std::move(existing));
        }
      }
      original = std::move(kept);
    } else if (*directive == "replace") {
      replace = true;
    } else if (*directive == "merge") {
      item.erase(k_patch_directive);  // accepted as an explicit default
      if (!item.empty()) {
        plain.push_back(std::move(item));
      }
    } else {
      return bad_patch_type(*directive, item);
    }
  }
  return std::nullopt;
}

// Merges each plain item into the original item with the same key, or appends it.
Failure merge_keyed_items(json& original, Items& plain, const std::string& key, const StrategicSchema& schema,
                          const std::string& path) {
  for (auto& item : plain) {
    if (!item.contains(key)) {
      return no_merge_key(item, key);
    }
    auto match = std::find_if(original.begin(), original.end(), [&](const json& existing) {
      return existing.contains(key) && existing[key] == item[key];
    });
    json copy = item;  // `plain` keeps the item for the ordering step
    if (match != original.end()) {
      if (Failure failure = merge_map(*match, std::move(copy), schema, item_path(path))) {
        return failure;
      }
      continue;
    }
    bool keep = true;
    if (Failure failure = clean_new_value(copy, keep, schema, item_path(path))) {
      return failure;
    }
    original.push_back(std::move(copy));
  }
  return std::nullopt;
}

Failure merge_keyed_list(json& original, json patch, const std::string& key, const StrategicSchema& schema,
                         const std::string& path) {
  if (key.empty()) {
    return detail::unmapped("cannot merge lists without merge key for type struct");
  }
  bool replace = false;
  Items plain;
  if (Failure failure = split_special_items(original, patch, key, replace, plain)) {
    return failure;
  }
  if (replace) {
    json replacement(plain);
    bool keep = true;
    Failure failure = clean_new_value(replacement, keep, schema, path);
    original = std::move(replacement);
    return failure;
  }
  Items server_order = to_items(original);
  if (Failure failure = merge_keyed_items(original, plain, key, schema, path)) {
    return failure;
  }
  original = normalize(original, plain, server_order, key);
  return std::nullopt;
}

bool has_object(const json& list) {
  return std::any_of(list.begin(), list.end(), [](const json& item) { return item.is_object(); });
}

}  // namespace

Failure merge_list(json& original, json patch, const std::string& key, const StrategicSchema& schema,
                   const std::string& path) {
  if (original.empty() && patch.empty()) {
    return std::nullopt;
  }
  if (Failure failure = check_element_types(original, patch)) {
    return failure;
  }
  if (!has_object(original) && !has_object(patch)) {
    merge_primitive_set(original, patch);
    return std::nullopt;
  }
  return merge_keyed_list(original, std::move(patch), key, schema, path);
}

Failure check_element_order(const json& patch_list, const json& order, const std::optional<std::string>& key) {
  if (order.empty() || patch_list.empty()) {
    return std::nullopt;
  }
  Items listed;
  for (const auto& item : patch_list) {
    bool deletion = key && item.is_object() && item.value(std::string(k_patch_directive), json()) == "delete";
    if (!deletion) {
      listed.push_back(item);
    }
  }
  std::size_t p = 0;
  for (std::size_t s = 0; p < listed.size() && s < order.size(); ++s) {
    while (p < listed.size() && listed[p].is_object() && listed[p].contains(k_patch_directive)) {
      ++p;
    }
    if (p == listed.size()) {
      break;
    }
    if (key && !(listed[p].is_object() && listed[p].contains(*key))) {
      return no_merge_key(listed[p], *key);
    }
    if (key && !(order[s].is_object() && order[s].contains(*key))) {
      return no_merge_key(order[s], *key);
    }
    if (identity(listed[p], key) == identity(order[s], key)) {
      ++p;
    }
  }
  if (p < listed.size()) {
    return detail::unmapped("The order in patch list:\n" + detail::go_format(patch_list) +
                            "\n doesn't match $setElementOrder list:\n" + detail::go_format(order) + "\n");
  }
  return std::nullopt;
}

Failure apply_element_order(json& merged, const json& order, const json& server_order,
                            const std::optional<std::string>& key) {
  if (key) {
    const json& merged_items = merged;
    for (const json* list : {&merged_items, &order}) {
      for (const auto& item : *list) {
        if (!(item.is_object() && item.contains(*key))) {
          return no_merge_key(item, *key);
        }
      }
    }
  }
  merged = normalize(merged, to_items(order), to_items(server_order), key);
  return std::nullopt;
}

void delete_from_list(json& list, const json& doomed) {
  json kept = json::array();
  for (auto& item : list) {
    if (std::find(doomed.begin(), doomed.end(), item) == doomed.end()) {
      kept.push_back(std::move(item));
    }
  }
  list = std::move(kept);
}

}  // namespace dl::sim::api::smp

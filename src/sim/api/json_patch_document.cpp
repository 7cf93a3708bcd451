// JSON pointers and container access for JSON patch, with json-patch v4's texts.
#include "sim/api/json_patch_document.h"

#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace dl::sim::api::jsonpatch {
namespace {

const std::string k_bad_index = ": invalid index referenced";

// ---- JSON pointer and Go's strconv.Atoi ----

std::string go_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

// strconv.Atoi: optional sign, then decimal digits that fit an int64.
std::variant<std::int64_t, std::string> go_atoi(const std::string& text) {
  std::size_t i = (!text.empty() && (text[0] == '+' || text[0] == '-')) ? 1 : 0;
  bool negative = i == 1 && text[0] == '-';
  if (i == text.size()) {
    return "strconv.Atoi: parsing " + go_quote(text) + ": invalid syntax";
  }
  std::uint64_t magnitude = 0;
  const std::uint64_t limit = std::uint64_t{std::numeric_limits<std::int64_t>::max()} + (negative ? 1U : 0U);
  bool overflow = false;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return "strconv.Atoi: parsing " + go_quote(text) + ": invalid syntax";
    }
    auto digit = static_cast<std::uint64_t>(text[i] - '0');
    overflow = overflow || magnitude > (limit - digit) / 10;
    magnitude = overflow ? magnitude : magnitude * 10 + digit;
  }
  if (overflow) {
    return "strconv.Atoi: parsing " + go_quote(text) + ": value out of range";
  }
  return negative ? -static_cast<std::int64_t>(magnitude - 1) - 1 : static_cast<std::int64_t>(magnitude);
}

// RFC 6901 unescaping in one left-to-right pass ("~01" is "~1"); other '~' stay as they are.
std::string unescape_token(const std::string& token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', start)) {
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  parts.push_back(path.substr(start));
  return parts;
}

std::string invalid_index(std::int64_t index) {
  return "Unable to access invalid index: " + std::to_string(index) + k_bad_index;
}

auto ssize(const json& array) {
  return static_cast<std::int64_t>(array.size());
}

// ---- containers (json-patch's partialDoc / partialArray) ----

// The existing element `key` names in `array`, counting negative indices from the end.
std::variant<std::size_t, std::string> element_index(const json& array, const std::string& key) {
  auto parsed = go_atoi(key);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    return *error;
  }
  std::int64_t index = std::get<std::int64_t>(parsed);
  if (index < -ssize(array)) {
    return invalid_index(index);
  }
  index = index < 0 ? index + ssize(array) : index;
  if (index >= ssize(array)) {
    return invalid_index(index);
  }
  return static_cast<std::size_t>(index);
}

// The object or array at `key` inside `container`, or nullptr.
json* child_container(json& container, const std::string& key) {
  json* child = nullptr;
  if (container.is_object()) {
    auto it = container.find(key);
    child = it == container.end() ? nullptr : &*it;
  } else {
    auto index = element_index(container, key);
    child = std::holds_alternative<std::size_t>(index) ? &container[std::get<std::size_t>(index)] : nullptr;
  }
  return (child != nullptr && (child->is_object() || child->is_array())) ? child : nullptr;
}

}  // namespace

std::variant<const json*, std::string> get_member(const json& container, const std::string& key) {
  if (container.is_object()) {
    auto it = container.find(key);
    return (it == container.end() || it->is_null()) ? nullptr : &*it;
  }
  auto index = element_index(container, key);
  if (auto* error = std::get_if<std::string>(&index)) {
    return *error;
  }
  const json& item = container[std::get<std::size_t>(index)];
  return item.is_null() ? nullptr : &item;
}

OpError add_member(json& container, const std::string& key, json value) {
  if (container.is_object()) {
    container[key] = std::move(value);
    return std::nullopt;
  }
  if (key == "-") {
    container.push_back(std::move(value));
    return std::nullopt;
  }
  auto parsed = go_atoi(key);
  if (auto* error = std::get_if<std::string>(&parsed)) {
    return "value was not a proper array index: '" + key + "': " + *error;
  }
  std::int64_t index = std::get<std::int64_t>(parsed);
  std::int64_t grown = ssize(container) + 1;
  if (index >= grown || index < -grown) {
    return invalid_index(index);
  }
  index = index < 0 ? index + grown : index;
  container.insert(container.begin() + index, std::move(value));
  return std::nullopt;
}

OpError remove_member(json& container, const std::string& key) {
  if (container.is_object()) {
    if (!container.contains(key)) {
      return "Unable to remove nonexistent key: " + key + k_missing;
    }
    container.erase(key);
    return std::nullopt;
  }
  auto index = element_index(container, key);
  if (auto* error = std::get_if<std::string>(&index)) {
    return *error;
  }
  container.erase(std::get<std::size_t>(index));
  return std::nullopt;
}

void set_member(json& container, const std::string& key, json value) {
  if (container.is_object()) {
    container[key] = std::move(value);
  } else {
    container[std::get<std::size_t>(element_index(container, key))] = std::move(value);
  }
}

Location find_parent(json& doc, const std::string& path) {
  auto parts = split_path(path);
  if (parts.size() < 2 || !parts.front().empty() || !(doc.is_object() || doc.is_array())) {
    return {};
  }
  json* current = &doc;
  for (std::size_t i = 1; i + 1 < parts.size() && current != nullptr; ++i) {
    current = child_container(*current, unescape_token(parts[i]));
  }
  return current == nullptr ? Location{} : Location{current, unescape_token(parts.back())};
}

}  // namespace dl::sim::api::jsonpatch

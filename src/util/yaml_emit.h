// Deterministic YAML output for JSON values: keys in insertion order, two-space indent,
// multi-line strings as literal blocks, every ambiguous scalar double-quoted so that YAML 1.1
// and 1.2 readers (kubectl, PyYAML) read back exactly the JSON value.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace dl::util {

using ojson = nlohmann::ordered_json;

/// One YAML document (no leading `---`) ending in a newline.
std::string to_yaml(const ojson& value);

/// True when `s` can be written as a plain YAML scalar and read back as the same string.
bool is_plain_safe(const std::string& s);

}  // namespace dl::util

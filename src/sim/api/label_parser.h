// Internal to selectors.cpp: the label selector grammar and the Go formatting helpers it shares.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/api/selectors.h"
#include "util/result.h"

namespace dl::sim::api::detail {

/// The requirements of label selector `text` in source order, or apimachinery's parse error.
util::Result<std::vector<LabelSelector::Requirement>> parse_label_requirements(std::string_view text);

/// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, no overflow.
std::optional<int64_t> go_parse_int(std::string_view s);

/// Go's %q for the byte strings a selector can hold (bytes >= 0x80 are copied as they are).
std::string go_quote(std::string_view s);

}  // namespace dl::sim::api::detail

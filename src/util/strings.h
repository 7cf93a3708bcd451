// String helpers with no project knowledge.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dl::util {

std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
std::string trim(std::string_view s);

/// Levenshtein distance between `a` and `b`.
size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is a plausible typo (distance <= max(1, len/3)),
/// as ninja's SpellcheckString does; nullopt when nothing is close.
std::optional<std::string> did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// Replaces every occurrence of `from` in `s` with `to`.
std::string replace_all(std::string s, std::string_view from, std::string_view to);

/// `s` with ASCII letters lower-cased.
std::string to_lower(std::string_view s);

}  // namespace dl::util

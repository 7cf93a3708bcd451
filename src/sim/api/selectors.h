// Label and field selectors as the API server parses them from `labelSelector` / `fieldSelector`
// query parameters (k8s.io/apimachinery pkg/labels and pkg/fields), with its error messages.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace dl::sim::api {

/// Parsed label selector (apimachinery labels.Parse grammar: `=`, `==`, `!=`, `in (..)`,
/// `notin (..)`, a bare `key` (exists), `!key`, and `>`/`<` integer comparisons; comma = AND).
/// Keys are qualified names with an optional DNS-subdomain prefix (`example.com/key`); keys and
/// values are at most 63 characters; the empty value is allowed.
class LabelSelector {
 public:
  enum class Op { equals, double_equals, not_equals, in, not_in, exists, does_not_exist, greater_than, less_than };

  struct Requirement {
    std::string key;
    Op op = Op::exists;
    std::vector<std::string> values;  ///< sorted, without duplicates
  };

  /// Parses `text`; an empty (or all-blank) text is the empty selector, which matches everything.
  /// invalid_input with apimachinery's message, e.g. `unable to parse requirement: <nil>: Invalid
  /// value: "a b": ...` or `found ',', expected: in, notin, =, ==, !=, gt, lt`.
  static util::Result<LabelSelector> parse(std::string_view text);

  /// True when every requirement holds for `labels`: a JSON object of strings; null, a
  /// non-object, or non-string values count as absent labels.
  [[nodiscard]] bool matches(const nlohmann::json& labels) const;

  /// True when the selector has no requirements (matches everything).
  [[nodiscard]] bool empty() const { return m_requirements.empty(); }

  /// The requirements, sorted by key as apimachinery does.
  [[nodiscard]] const std::vector<Requirement>& requirements() const { return m_requirements; }

 private:
  std::vector<Requirement> m_requirements;
};

/// Field selector: `field=value`, `field==value`, `field!=value` joined by commas (AND); `\,`,
/// `\=` and `\\` escape those characters in values. Supports metadata.name, metadata.namespace
/// and the per-kind `extra_fields` given to parse (e.g. Pod: spec.nodeName, status.phase).
class FieldSelector {
 public:
  struct Term {
    std::string field;
    bool negate = false;  ///< `!=`
    std::string value;
  };

  /// Parses `text` ("" = everything). invalid_input for bad syntax (`invalid selector: '...';
  /// can't understand '...'`, bad escapes) and for an unknown field: `"<field>" is not a known
  /// field selector: only "metadata.name", "metadata.namespace"` followed by the extras.
  static util::Result<FieldSelector> parse(std::string_view text, const std::vector<std::string>& extra_fields);

  /// True when every term holds; each field is read from `object` by its dotted path (strings as
  /// they are, booleans and numbers as their JSON text; missing or null = "").
  [[nodiscard]] bool matches(const nlohmann::json& object) const;

  /// True when there are no terms (matches everything).
  [[nodiscard]] bool empty() const { return m_terms.empty(); }

  /// The value of the first `metadata.name=X` (or `==`) term, for a direct lookup; callers still
  /// apply matches() for the other terms.
  [[nodiscard]] std::optional<std::string> exact_name() const;

  /// The terms, sorted as apimachinery sorts them.
  [[nodiscard]] const std::vector<Term>& terms() const { return m_terms; }

 private:
  std::vector<Term> m_terms;
};

}  // namespace dl::sim::api

#include "sim/api/selectors.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "sim/api/label_parser.h"
#include "util/strings.h"

namespace dl::sim::api {
namespace {

using Op = LabelSelector::Op;
using detail::go_parse_int;
using detail::go_quote;

util::Error invalid(std::string message) {
  return util::make_error(util::ErrorKind::invalid_input, std::move(message));
}

bool requirement_matches(const LabelSelector::Requirement& r, const nlohmann::json& labels) {
  const bool has = labels.is_object() && labels.contains(r.key) && labels[r.key].is_string();
  const std::string value = has ? labels[r.key].get<std::string>() : std::string();
  const bool listed = std::find(r.values.begin(), r.values.end(), value) != r.values.end();
  switch (r.op) {
    case Op::equals:
    case Op::double_equals:
    case Op::in:
      return has && listed;
    case Op::not_equals:
    case Op::not_in:
      return !has || !listed;
    case Op::exists:
      return has;
    case Op::does_not_exist:
      return !has;
    case Op::greater_than:
    case Op::less_than: {
      const auto have = has ? go_parse_int(value) : std::nullopt;
      const auto want = r.values.size() == 1 ? go_parse_int(r.values.front()) : std::nullopt;
      return have && want && (r.op == Op::greater_than ? *have > *want : *have < *want);
    }
  }
  return false;
}

// --- field selectors (apimachinery pkg/fields/selector.go) ---

/// Splits on commas not escaped by a backslash (escapes are kept).
std::vector<std::string> split_terms(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  bool escaped = false;
  for (const char c : s) {
    if (!escaped && c == ',') {
      out.push_back(std::move(current));
      current.clear();
      continue;
    }
    escaped = !escaped && c == '\\';
    current += c;
  }
  out.push_back(std::move(current));
  return out;
}

util::Result<std::string> unescape_value(std::string_view s) {
  std::string out;
  bool escaped = false;
  for (const char c : s) {
    if (escaped) {
      if (c != '\\' && c != ',' && c != '=') {
        return invalid("invalid field selector: invalid escape sequence: \\" + std::string(1, c));
      }
      out += c;
      escaped = false;
    } else if (c == '\\') {
      escaped = true;
    } else if (c == ',' || c == '=') {
      return invalid("invalid field selector: unescaped character in value: " + std::to_string(static_cast<int>(c)));
    } else {
      out += c;
    }
  }
  if (escaped) {
    return invalid("invalid field selector: invalid escape sequence: \\");
  }
  return out;
}

/// The first `!=`, `==` or `=` in `part`, scanning left to right.
std::optional<FieldSelector::Term> split_term(std::string_view part, std::string& raw_value) {
  for (size_t i = 0; i < part.size(); ++i) {
    for (const std::string_view op : {"!=", "==", "="}) {
      if (part.substr(i, op.size()) == op) {
        raw_value = std::string(part.substr(i + op.size()));
        return FieldSelector::Term{std::string(part.substr(0, i)), op == "!=", ""};
      }
    }
  }
  return std::nullopt;
}

std::string field_text(const nlohmann::json& object, std::string_view path) {
  const nlohmann::json* node = &object;
  for (const std::string& key : util::split(path, '.')) {
    if (!node->is_object() || !node->contains(key)) {
      return "";
    }
    node = &(*node)[key];
  }
  if (node->is_string()) {
    return node->get<std::string>();
  }
  return node->is_null() || node->is_structured() ? "" : node->dump();
}

}  // namespace

util::Result<LabelSelector> LabelSelector::parse(std::string_view text) {
  auto reqs = detail::parse_label_requirements(text);
  if (!reqs) {
    return reqs.error();
  }
  LabelSelector out;
  out.m_requirements = std::move(*reqs);
  std::stable_sort(out.m_requirements.begin(), out.m_requirements.end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return out;
}

bool LabelSelector::matches(const nlohmann::json& labels) const {
  return std::all_of(m_requirements.begin(), m_requirements.end(),
                     [&](const Requirement& r) { return requirement_matches(r, labels); });
}

util::Result<FieldSelector> FieldSelector::parse(std::string_view text, const std::vector<std::string>& extra_fields) {
  std::vector<std::string> parts = text.empty() ? std::vector<std::string>{} : split_terms(text);
  std::sort(parts.begin(), parts.end());
  FieldSelector out;
  for (const std::string& part : parts) {
    if (part.empty()) {
      continue;
    }
    std::string raw_value;
    auto term = split_term(part, raw_value);
    if (!term) {
      return invalid("invalid selector: '" + std::string(text) + "'; can't understand '" + part + "'");
    }
    auto value = unescape_value(raw_value);
    if (!value) {
      return value.error();
    }
    term->value = std::move(*value);
    out.m_terms.push_back(std::move(*term));
  }
  std::vector<std::string> known = {"metadata.name", "metadata.namespace"};
  known.insert(known.end(), extra_fields.begin(), extra_fields.end());
  for (const Term& t : out.m_terms) {
    if (std::find(known.begin(), known.end(), t.field) == known.end()) {
      std::vector<std::string> quoted;
      std::transform(known.begin(), known.end(), std::back_inserter(quoted), go_quote);
      return invalid(go_quote(t.field) + " is not a known field selector: only " + util::join(quoted, ", "));
    }
  }
  return out;
}

bool FieldSelector::matches(const nlohmann::json& object) const {
  return std::all_of(m_terms.begin(), m_terms.end(),
                     [&](const Term& t) { return (field_text(object, t.field) == t.value) != t.negate; });
}

std::optional<std::string> FieldSelector::exact_name() const {
  for (const Term& t : m_terms) {
    if (t.field == "metadata.name" && !t.negate) {
      return t.value;
    }
  }
  return std::nullopt;
}

}  // namespace dl::sim::api

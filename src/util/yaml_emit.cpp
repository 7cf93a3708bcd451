#include "util/yaml_emit.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace dl::util {
namespace {

bool is_reserved_word(const std::string& s) {
  std::string l = s;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  static const char* const k_words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
                                        ".inf", "-.inf", "+.inf", ".nan"};
  return std::any_of(std::begin(k_words), std::end(k_words), [&](const char* w) { return l == w; });
}

bool looks_numeric_or_time(const std::string& s) {
  // Integers, floats, hex/octal/binary, sexagesimal and dates all start like this in YAML 1.1.
  static const std::regex k_num(R"(^[-+]?(\.?[0-9][0-9a-fA-FxXoObB_.:eE+-]*|\.[0-9].*)$)");
  static const std::regex k_date(R"(^[0-9][0-9-: tT.:+zZ]*$)");
  return std::regex_match(s, k_num) || std::regex_match(s, k_date);
}

bool allowed_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_./:@$=+-() ").find(c) != std::string_view::npos;
}

std::string quoted(const std::string& s) { return ojson(s).dump(-1, ' ', false); }

void emit(const ojson& v, int indent, std::string& out);

std::string scalar(const ojson& v) {
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    return is_plain_safe(s) ? s : quoted(s);
  }
  if (v.is_null()) return "null";
  return v.dump();
}

bool is_block_literal_ok(const std::string& s) {
  if (s.find('\n') == std::string::npos || s.empty()) return false;
  if (s.front() == ' ' || s.front() == '\n') return false;           // would need an indentation indicator
  if (s.size() >= 2 && s.substr(s.size() - 2) == "\n\n") return false;  // would need keep chomping
  return std::all_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return c == '\n' || c == '\t' || u >= 0x20;
  });
}

void block_literal(const std::string& s, int indent, std::string& out) {
  bool trailing_newline = s.back() == '\n';
  out += trailing_newline ? "|\n" : "|-\n";
  std::string body = trailing_newline ? s.substr(0, s.size() - 1) : s;
  size_t start = 0;
  for (;;) {
    size_t nl = body.find('\n', start);
    std::string line = body.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) out += std::string(static_cast<size_t>(indent), ' ') + line;
    out += '\n';
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

bool is_empty_collection(const ojson& v) { return (v.is_object() || v.is_array()) && v.empty(); }

// Writes the value that follows "key:" or "- " on the current line.
void emit_inline_value(const ojson& v, int indent, std::string& out) {
  if (v.is_string() && is_block_literal_ok(v.get_ref<const std::string&>())) {
    out += ' ';
    block_literal(v.get_ref<const std::string&>(), indent + 2, out);
  } else if (is_empty_collection(v)) {
    out += v.is_object() ? " {}\n" : " []\n";
  } else if (v.is_object() || v.is_array()) {
    out += '\n';
    emit(v, v.is_array() ? indent : indent + 2, out);
  } else {
    out += ' ' + scalar(v) + '\n';
  }
}

void emit(const ojson& v, int indent, std::string& out) {
  std::string pad(static_cast<size_t>(indent), ' ');
  if (v.is_object()) {
    for (const auto& [k, child] : v.items()) {
      out += pad + (is_plain_safe(k) ? k : quoted(k)) + ':';
      emit_inline_value(child, indent, out);
    }
  } else if (v.is_array()) {
    for (const auto& child : v) {
      if (child.is_object() && !child.empty()) {
        // First key on the dash line, the rest aligned under it.
        std::string nested;
        emit(child, indent + 2, nested);
        out += pad + "- " + nested.substr(static_cast<size_t>(indent) + 2);
      } else {
        out += pad + '-';
        emit_inline_value(child, indent, out);
      }
    }
  } else {
    out += pad + scalar(v) + '\n';
  }
}

}  // namespace

bool is_plain_safe(const std::string& s) {
  if (s.empty() || s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
  if (!std::all_of(s.begin(), s.end(), allowed_char)) return false;
  char f = s.front();
  if (f == '-' || f == ':' || f == '@' || f == '(' || f == '$' || f == '=') return false;
  if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) return false;
  if (is_reserved_word(s) || looks_numeric_or_time(s)) return false;
  return true;
}

std::string to_yaml(const ojson& value) {
  std::string out;
  if (value.is_object() || value.is_array()) {
    if (value.empty()) return value.is_object() ? "{}\n" : "[]\n";
    emit(value, 0, out);
  } else {
    out = scalar(value) + '\n';
  }
  return out;
}

}  // namespace dl::util

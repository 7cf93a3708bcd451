#include "sim/node/ovs_datum.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace dl::sim::node {
namespace {

using nlohmann::json;
using util::ErrorKind;
using util::make_error;

bool ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool ascii_alnum(char c) {
  return ascii_alpha(c) || (c >= '0' && c <= '9');
}
bool hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool looks_like_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !hex_digit(s[i])) return false;
  }
  return true;
}

/// ovsdb-data.c string_needs_quotes(), confirmed against ovs-vsctl 3.1: "a1" bare, "3.1" quoted.
bool needs_quotes(const std::string& s) {
  if (s.empty() || (!ascii_alpha(s[0]) && s[0] != '_')) return true;
  for (char c : s) {
    if (!ascii_alnum(c) && c != '_' && c != '-' && c != '.') return true;
  }
  return s == "true" || s == "false" || looks_like_uuid(s);
}

/// JSON string as OVS writes it (lib/json.c): only '"', '\\' and control characters escaped.
std::string quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

/// Atom order as ovsdb-server keeps sets and map keys (strings bytewise, numbers numerically).
bool atom_less(const json& a, const json& b) {
  if (a.is_array() && b.is_array()) return a[1].get<std::string>() < b[1].get<std::string>();
  return a < b;
}

std::string atom_type_name(const json& t) {
  return t.is_string() ? t.get<std::string>() : t.value("type", "");
}

}  // namespace

ColumnType column_type(const json& column_schema) {
  ColumnType type;
  const json& t = column_schema.at("type");
  if (t.is_string()) {
    type.key = t.get<std::string>();
    return type;
  }
  type.key = atom_type_name(t.at("key"));
  if (t.contains("value")) type.value = atom_type_name(t["value"]);
  type.min = t.value("min", 1);
  if (t.contains("max")) type.max = t["max"].is_string() ? -1 : t["max"].get<int>();
  return type;
}

json default_datum(const ColumnType& type) {
  if (type.is_map()) return json{"map", json::array()};
  if (!type.is_scalar()) return json{"set", json::array()};
  if (type.key == "integer") return 0;
  if (type.key == "real") return 0.0;
  if (type.key == "boolean") return false;
  if (type.key == "uuid") return json{"uuid", "00000000-0000-0000-0000-000000000000"};
  return "";
}

std::string atom_to_string(const json& atom) {
  if (atom.is_string()) {
    const auto& s = atom.get_ref<const std::string&>();
    return needs_quotes(s) ? quote(s) : s;
  }
  if (atom.is_boolean()) return atom.get<bool>() ? "true" : "false";
  if (atom.is_number_integer()) return std::to_string(atom.get<long long>());
  if (atom.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%.15g", atom.get<double>());
    return buf;
  }
  if (atom.is_array() && atom.size() == 2) return atom[1].get<std::string>();  // ["uuid", "..."]
  return atom.dump();
}

json set_elements(const json& datum) {
  if (datum.is_array() && datum.size() == 2 && datum[0] == "set") return datum[1];
  return json::array({datum});
}

std::string datum_to_string(const json& datum, const ColumnType& type) {
  std::string out;
  if (type.is_map()) {
    json pairs = datum.is_array() && datum.size() == 2 ? datum[1] : json::array();
    std::sort(pairs.begin(), pairs.end(), [](const json& a, const json& b) { return atom_less(a[0], b[0]); });
    for (const auto& p : pairs) out += (out.empty() ? "" : ", ") + atom_to_string(p[0]) + "=" + atom_to_string(p[1]);
    return "{" + out + "}";
  }
  json elems = set_elements(datum);
  if (type.is_scalar() || (type.max == 1 && elems.size() == 1)) return atom_to_string(elems[0]);
  std::sort(elems.begin(), elems.end(), atom_less);
  for (const auto& e : elems) out += (out.empty() ? "" : ", ") + atom_to_string(e);
  return "[" + out + "]";
}

util::Result<json> atom_from_string(const std::string& text, const std::string& type) {
  if (type == "string") {
    if (text.empty()) {
      return make_error(ErrorKind::invalid_input,
                        "An empty string is not valid as input; use \"\" to represent the empty string");
    }
    if (text[0] != '"') return json(text);
    json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_string())
      return make_error(ErrorKind::invalid_input, text + ": syntax error");
    return parsed;
  }
  if (type == "boolean") {
    if (text == "true" || text == "false") return json(text == "true");
    return make_error(ErrorKind::invalid_input, "\"" + text + "\" is not a valid boolean (use \"true\" or \"false\")");
  }
  if (type == "integer") {
    char* end = nullptr;
    long long v = std::strtoll(text.c_str(), &end, 10);
    if (!text.empty() && end && *end == '\0') return json(v);
    return make_error(ErrorKind::invalid_input, "\"" + text + "\" is not a valid integer or range");
  }
  if (type == "real") {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (!text.empty() && end && *end == '\0') return json(v);
    return make_error(ErrorKind::invalid_input, "\"" + text + "\" is not a valid real number");
  }
  if (looks_like_uuid(text)) return json{"uuid", text};
  return make_error(ErrorKind::invalid_input, "\"" + text + "\" is not a valid UUID");
}

}  // namespace dl::sim::node

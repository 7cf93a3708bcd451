#include "spec/decoder.h"

#include <regex>
#include <set>

#include "util/strings.h"

namespace dl::spec {
namespace {

bool is_plain(const YAML::Node& n) { return n.Tag() == "?"; }

bool plain_is_number(const std::string& v) {
  static const std::regex k_num(R"(^[-+]?([0-9][0-9_]*(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$)");
  return std::regex_match(v, k_num);
}

bool plain_is_bool(const std::string& v) {
  return v == "true" || v == "false" || v == "True" || v == "False" || v == "TRUE" || v == "FALSE";
}

bool plain_is_null(const std::string& v) { return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL"; }

}  // namespace

std::string describe(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing (null)";
  if (n.IsMap()) return "a mapping";
  if (n.IsSequence()) return "a list";
  const std::string& v = n.Scalar();
  if (is_plain(n) && plain_is_bool(v)) return "a boolean (" + v + ")";
  if (is_plain(n) && plain_is_number(v)) return "a number (" + v + ")";
  return "a string (\"" + v + "\")";
}

Pos Decoder::pos_of(const YAML::Node& node) {
  YAML::Mark m = node.Mark();
  if (m.line < 0) return {};
  return Pos{m.line + 1, m.column + 1};
}

void Decoder::record(const std::string& path, const YAML::Node& node) { m_pos.set(path, pos_of(node)); }

YAML::Node Decoder::child(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Null);
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  return YAML::Node(YAML::NodeType::Null);
}

bool Decoder::has(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return false;
  for (const auto& kv : map)
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return true;
  return false;
}

bool Decoder::mapping(const YAML::Node& node, const std::string& path, const std::vector<std::string>& known) {
  if (!node.IsMap()) {
    type_error(node, path, "a mapping");
    return false;
  }
  std::set<std::string> seen;
  for (const auto& kv : node) {  // yaml-cpp iterators yield temporaries: copy, never bind it->first
    const YAML::Node key = kv.first;
    const YAML::Node value = kv.second;
    std::string name = key.IsScalar() ? key.Scalar() : "?";
    std::string child_path = path.empty() ? name : path + "." + name;
    if (!seen.insert(name).second) {
      m_r.at(pos_of(key), Severity::error, child_path, "duplicate key", "remove one of the two entries");
      continue;
    }
    bool is_known = false;
    for (const auto& k : known) is_known = is_known || k == name;
    if (!is_known) {
      auto guess = util::did_you_mean(name, known);
      std::string hint = guess ? "did you mean \"" + *guess + "\"?" : "known fields: " + util::join(known, ", ");
      m_r.at(pos_of(key), Severity::error, child_path, "unknown field \"" + name + "\"", hint);
      continue;
    }
    // Scalars and nulls point at the value; collections at their key (a block's own mark
    // is the start of its first entry, which reads oddly in a message).
    m_pos.set(child_path, value.IsScalar() ? pos_of(value) : pos_of(key));
  }
  return true;
}

void Decoder::type_error(const YAML::Node& n, const std::string& path, const char* expected) {
  Pos p = pos_of(n);
  if (p.line == 0) p = m_pos.find(path);
  m_r.at(p, Severity::error, path, std::string("expected ") + expected + ", got " + describe(n));
}

bool Decoder::scalar_string(const YAML::Node& n, const std::string& path, std::string& out) {
  if (!n.IsScalar()) {
    type_error(n, path, "a string");
    return false;
  }
  const std::string& v = n.Scalar();
  if (is_plain(n) && (plain_is_bool(v) || plain_is_number(v))) {
    m_r.at(pos_of(n), Severity::error, path, "expected a string, got " + describe(n),
           "quote it: \"" + v + "\" (YAML readers would otherwise change it)");
    return false;
  }
  if (is_plain(n) && plain_is_null(v)) {
    type_error(n, path, "a string");
    return false;
  }
  out = v;
  return true;
}

bool Decoder::str(const YAML::Node& map, const std::string& key, const std::string& path, std::string& out) {
  YAML::Node n = child(map, key);
  if (n.IsNull()) return false;
  return scalar_string(n, path, out);
}

bool Decoder::boolean(const YAML::Node& map, const std::string& key, const std::string& path, bool& out) {
  YAML::Node n = child(map, key);
  if (n.IsNull()) return false;
  if (!n.IsScalar() || !is_plain(n) || !plain_is_bool(n.Scalar())) {
    type_error(n, path, "a boolean (true or false)");
    return false;
  }
  out = n.Scalar()[0] == 't' || n.Scalar()[0] == 'T';
  return true;
}

bool Decoder::integer(const YAML::Node& map, const std::string& key, const std::string& path, int& out) {
  YAML::Node n = child(map, key);
  if (n.IsNull()) return false;
  static const std::regex k_int(R"(^-?[0-9]{1,9}$)");
  if (!n.IsScalar() || !is_plain(n) || !std::regex_match(n.Scalar(), k_int)) {
    type_error(n, path, "an integer");
    return false;
  }
  out = std::stoi(n.Scalar());
  return true;
}

bool Decoder::str_list(const YAML::Node& map, const std::string& key, const std::string& path,
                       std::vector<std::string>& out) {
  YAML::Node n = child(map, key);
  if (n.IsNull()) return false;
  if (!n.IsSequence()) {
    type_error(n, path, "a list of strings");
    return false;
  }
  std::vector<std::string> items;
  bool ok = true;
  for (size_t i = 0; i < n.size(); ++i) {
    std::string item_path = path + "[" + std::to_string(i) + "]";
    record(item_path, n[i]);
    std::string v;
    if (scalar_string(n[i], item_path, v)) items.push_back(v);
    else ok = false;
  }
  if (ok) out = items;
  return ok;
}

bool Decoder::str_map(const YAML::Node& map, const std::string& key, const std::string& path,
                      std::map<std::string, std::string>& out) {
  YAML::Node n = child(map, key);
  if (n.IsNull()) return false;
  if (!n.IsMap()) {
    type_error(n, path, "a mapping of strings");
    return false;
  }
  bool ok = true;
  for (const auto& kv : n) {
    const YAML::Node k_node = kv.first;
    const YAML::Node value = kv.second;
    std::string k = k_node.IsScalar() ? k_node.Scalar() : "?";
    std::string item_path = path + "." + k;
    record(item_path, value);
    if (out.count(k)) {
      m_r.at(pos_of(k_node), Severity::error, item_path, "duplicate key", "remove one of the two entries");
      ok = false;
      continue;
    }
    // Values are OVSDB-style strings: numbers and booleans are kept as written.
    if (!value.IsScalar() || (is_plain(value) && plain_is_null(value.Scalar()))) {
      type_error(value, item_path, "a string");
      ok = false;
      continue;
    }
    out[k] = value.Scalar();
  }
  return ok;
}

}  // namespace dl::spec

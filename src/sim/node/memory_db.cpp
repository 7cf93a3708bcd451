#include "sim/node/memory_db.h"

#include <algorithm>
#include <cctype>
#include <climits>

#include "sim/node/switch_status.h"
#include "util/strings.h"

namespace dl::sim::node {
namespace {

using nlohmann::json;
using util::ErrorKind;
using util::make_error;

char fold(char c) {
  return c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

/// The candidates with the best score for `s`: one name, an ambiguity (several) or none.
std::vector<std::string> best_matches(const std::vector<std::string>& names, const std::string& s) {
  unsigned best = 0;
  std::vector<std::string> found;
  for (const auto& n : names) {
    unsigned score = score_partial_match(n, s);
    if (score == 0 || score < best) continue;
    if (score > best) found.clear();
    best = score;
    found.push_back(n);
  }
  std::sort(found.begin(), found.end());
  return found;
}

const json& table_schema(const json& schema) {
  return schema.at("tables").at("Open_vSwitch");
}

}  // namespace

unsigned score_partial_match(const std::string& name, const std::string& s) {
  if (name == s) return UINT_MAX;
  size_t i = 0;
  for (; i < name.size() && i < s.size(); ++i) {
    if (fold(name[i]) != fold(s[i])) break;
  }
  if (i == name.size() && i == s.size()) return UINT_MAX - 1;
  return i == s.size() ? static_cast<unsigned>(i) : 0;
}

MemoryDb::MemoryDb(Schema schema) : m_schema(std::move(schema)) {}

void MemoryDb::convert(Schema schema) {
  m_schema = std::move(schema);
  if (m_uuid.empty()) return;
  json row = json::object();
  for (const auto& column : columns()) {
    row[column] = m_row.contains(column) ? m_row[column] : default_datum(type_of(column));
  }
  m_row = std::move(row);
}

void MemoryDb::ensure_row() {
  if (!m_uuid.empty()) return;
  m_uuid = random_uuid();
  for (const auto& column : columns()) m_row[column] = default_datum(type_of(column));
}

void MemoryDb::load_row(const json& selected) {
  m_uuid = selected.at("_uuid").at(1).get<std::string>();
  m_row = json::object();
  for (const auto& column : columns()) {
    m_row[column] = selected.contains(column) ? selected[column] : default_datum(type_of(column));
  }
}

std::map<std::string, std::string> MemoryDb::string_map(const std::string& column) const {
  std::map<std::string, std::string> out;
  if (!m_row.contains(column)) return out;
  for (const auto& pair : m_row[column][1]) out[pair[0].get<std::string>()] = pair[1].get<std::string>();
  return out;
}

util::Result<std::string> MemoryDb::find_table(const std::string& name) const {
  std::vector<std::string> names;
  for (const auto& [table, unused] : m_schema->at("tables").items()) names.push_back(table);
  auto found = best_matches(names, name);
  if (found.size() == 1) return found[0];
  if (found.empty()) return make_error(ErrorKind::not_found, "unknown table \"" + name + "\"");
  return make_error(ErrorKind::invalid_input, "multiple table names match \"" + name + "\"");
}

util::Result<std::string> MemoryDb::find_column(const std::string& name) const {
  std::vector<std::string> names = columns();
  names.emplace_back("_uuid");
  auto found = best_matches(names, name);
  if (found.size() == 1) return found[0];
  if (found.empty()) {
    return make_error(ErrorKind::not_found,
                      "Open_vSwitch does not contain a column whose name matches \"" + name + "\"");
  }
  return make_error(ErrorKind::invalid_input, "Open_vSwitch contains more than one column whose name matches \"" +
                                                  name + "\": " + util::join(found, ", "));
}

ColumnType MemoryDb::type_of(const std::string& column) const {
  if (column == "_uuid") return ColumnType{"uuid", "", 1, 1};
  return column_type(table_schema(*m_schema).at("columns").at(column));
}

std::vector<std::string> MemoryDb::columns() const {
  std::vector<std::string> names;
  for (const auto& [column, unused] : table_schema(*m_schema).at("columns").items()) names.push_back(column);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace dl::sim::node

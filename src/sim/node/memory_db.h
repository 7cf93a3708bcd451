// MemoryDb: the in-memory node's Open_vSwitch database, one row of one table kept as OVSDB JSON
// datums under the node's current schema, with the name lookups ovs-vsctl does (case-insensitive,
// '-' equal to '_', unique prefixes: `open` is Open_vSwitch, `cur` is cur_cfg).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/node/ovs_datum.h"
#include "sim/node/ovsdb_schema.h"
#include "util/result.h"

namespace dl::sim::node {

class MemoryDb {
 public:
  /// An empty database under `schema` (no Open_vSwitch row until ensure_row()).
  explicit MemoryDb(Schema schema);

  /// Switches to `schema` as ovsdb-server's convert does: columns it lacks are dropped, new ones
  /// get their default value, the rest keep their data.
  void convert(Schema schema);
  /// The schema's version string ("8.3.1").
  std::string schema_version() const { return m_schema->value("version", ""); }

  /// Creates the Open_vSwitch row with default values when there is none (`ovs-vsctl init`).
  void ensure_row();
  /// Replaces the row with `selected`, the row as an OVSDB "select" returns it (_uuid included).
  void load_row(const nlohmann::json& selected);
  /// The row's uuid; empty when there is no row.
  const std::string& uuid() const { return m_uuid; }
  /// The row: column -> datum (no _uuid entry).
  nlohmann::json& row() { return m_row; }
  const nlohmann::json& row() const { return m_row; }
  /// A string map column as a std::map (other_config, external_ids).
  std::map<std::string, std::string> string_map(const std::string& column) const;

  /// The table `name` resolves to, with ovs-vsctl's errors ("unknown table \"x\"").
  util::Result<std::string> find_table(const std::string& name) const;
  /// The Open_vSwitch column `name` resolves to ("_uuid" included), with ovs-vsctl's errors
  /// ("Open_vSwitch does not contain a column whose name matches \"x\"", ambiguity list).
  util::Result<std::string> find_column(const std::string& name) const;
  /// The type of Open_vSwitch column `name` (which must exist; _uuid is a uuid).
  ColumnType type_of(const std::string& column) const;
  /// The Open_vSwitch column names, sorted, without _uuid.
  std::vector<std::string> columns() const;

 private:
  Schema m_schema;
  std::string m_uuid;
  nlohmann::json m_row = nlohmann::json::object();
};

/// ovs-vsctl's score_partial_match(): how well user text `s` names `name` (0 = not at all).
unsigned score_partial_match(const std::string& name, const std::string& s);

}  // namespace dl::sim::node

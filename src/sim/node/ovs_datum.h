// OVSDB values ("datums") in the in-memory node: column types from the schema, the text notation
// ovs-vsctl prints (lib/ovsdb-data.c ovsdb_datum_to_string) and the parsing of the values users
// give to `ovs-vsctl set`. Datums are kept in OVSDB JSON notation (RFC 7047 §5.1): an atom, a
// ["set", [...]] or a ["map", [[k, v], ...]], with elements sorted as ovsdb-server keeps them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "util/result.h"

namespace dl::sim::node {

/// A column's type: atomic key type, value type for maps, and the element count bounds.
struct ColumnType {
  std::string key;    ///< "string", "integer", "real", "boolean" or "uuid"
  std::string value;  ///< value atom type for maps; empty otherwise
  int min = 1;
  int max = 1;  ///< -1 = unlimited

  bool is_map() const { return !value.empty(); }
  /// One atom exactly (min = max = 1).
  bool is_scalar() const { return !is_map() && min == 1 && max == 1; }
};

/// The type of a column from its schema entry ({"type": ...}).
ColumnType column_type(const nlohmann::json& column_schema);

/// The value a new row or a newly added column gets: 0, "", false, 0.0, the zero uuid, or empty.
nlohmann::json default_datum(const ColumnType& type);

/// `datum` as ovs-vsctl prints it: atoms bare or JSON-quoted ("3.1.0", netdev), sets `[a, b]`,
/// maps `{k=v}`, an absent optional value `[]`.
std::string datum_to_string(const nlohmann::json& datum, const ColumnType& type);

/// One atom as ovs-vsctl prints it; strings are quoted unless they look like an identifier.
std::string atom_to_string(const nlohmann::json& atom);

/// Parses one atom of `type` from ovs-vsctl's command-line syntax (`true`, `42`, `"a b"`,
/// `bare-word`), with ovs-vsctl's error texts (without the "ovs-vsctl: " prefix).
util::Result<nlohmann::json> atom_from_string(const std::string& text, const std::string& type);

/// The elements of a set datum (a bare atom is a one-element set).
nlohmann::json set_elements(const nlohmann::json& datum);

}  // namespace dl::sim::node

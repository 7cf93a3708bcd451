// Values in ovs-vsctl's text notation, as `ovs-vsctl get` and `list` print them
// (lib/ovsdb-data.c in Open vSwitch): an atom (`42`, `true`, `netdev`, `"3.3.0040"`), a set
// `[a, b]` (also how an absent optional value prints: `[]`) or a map `{k=v, "k 2"="v"}`.
// Quoted strings use JSON escapes. The parser keeps whether an atom was quoted, so the boolean
// `true` and the string "true" stay apart.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace dl::ovs {

/// One atom: its text with quotes and escapes removed.
struct Atom {
  std::string text;
  bool quoted = false;  ///< written as a JSON string ("3.1.0"), so never a boolean or number

  bool operator==(const Atom&) const = default;
};

/// A parsed value. Sets and maps keep the order in which ovs-vsctl printed them (it sorts).
struct Datum {
  enum class Kind { atom, set, map };
  Kind kind = Kind::set;
  std::vector<Atom> elements;                  ///< the atom (one element) or the set's elements
  std::vector<std::pair<Atom, Atom>> entries;  ///< the map's key/value pairs

  /// The boolean of a bare `true`/`false` atom; nullopt for anything else.
  std::optional<bool> as_bool() const;
  /// The integer of a bare decimal atom; nullopt for anything else.
  std::optional<long long> as_integer() const;
  /// An optional string column: the atom's text, nullopt for `[]`; a one-element set counts
  /// as its element. nullopt also for maps and sets of two or more.
  std::optional<std::string> as_optional_string() const;
  /// The texts of a set's elements (an atom counts as a set of one); empty for maps.
  std::set<std::string> as_string_set() const;
  /// The map's entries as texts (a later duplicate key wins); empty for sets and atoms.
  /// `{}` and `[]` both give an empty map.
  std::map<std::string, std::string> as_string_map() const;
};

/// Why a value did not parse, and where.
struct DatumError {
  size_t offset = 0;  ///< byte offset into the text given to parse_datum
  std::string message;
};

/// Parses one value from `text` (one line of `ovs-vsctl get` output; surrounding whitespace and
/// a trailing newline are ignored). Errors name the byte offset of the offending character.
util::Result<Datum, DatumError> parse_datum(std::string_view text);

/// `s` as ovs-vsctl accepts a string on its command line: bare when it is a non-empty run of
/// letters, digits, '_', '-' and '.', otherwise a JSON string ("-a 0000:00:00.0").
std::string vsctl_string_arg(std::string_view s);

}  // namespace dl::ovs

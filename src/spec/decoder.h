// Decoder: strict, position-aware reading of YAML nodes into plain values. Every problem
// becomes a Diagnostic with file:line:column and field path; decoding carries on so one run
// reports every mistake.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "spec/diagnostics.h"

namespace dl::spec {

class Decoder {
 public:
  Decoder(Reporter& reporter, Positions& positions) : m_r(reporter), m_pos(positions) {}

  /// Checks `node` is a mapping with only `known` keys (unknown ones get a did-you-mean) and
  /// no duplicates; records key positions. False when `node` is not a mapping.
  bool mapping(const YAML::Node& node, const std::string& path, const std::vector<std::string>& known);

  /// Field readers: leave `out` untouched when the key is absent; report a type error otherwise.
  /// Return true when the key was present and well-typed.
  bool str(const YAML::Node& map, const std::string& key, const std::string& path, std::string& out);
  bool boolean(const YAML::Node& map, const std::string& key, const std::string& path, bool& out);
  bool integer(const YAML::Node& map, const std::string& key, const std::string& path, int& out);
  bool str_list(const YAML::Node& map, const std::string& key, const std::string& path, std::vector<std::string>& out);
  bool str_map(const YAML::Node& map, const std::string& key, const std::string& path,
               std::map<std::string, std::string>& out);

  /// The child node (null node when absent; absent and explicit null are the same).
  static YAML::Node child(const YAML::Node& map, const std::string& key);
  /// True when `key` is written in `map`, even with a null value.
  static bool has(const YAML::Node& map, const std::string& key);

  void record(const std::string& path, const YAML::Node& node);
  static Pos pos_of(const YAML::Node& node);
  Reporter& reporter() { return m_r; }

 private:
  bool scalar_string(const YAML::Node& n, const std::string& path, std::string& out);
  void type_error(const YAML::Node& n, const std::string& path, const char* expected);

  Reporter& m_r;
  Positions& m_pos;
};

/// What a YAML node holds, in words for messages ("a mapping", "a number", ...).
std::string describe(const YAML::Node& n);

}  // namespace dl::spec

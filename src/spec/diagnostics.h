// Diagnostics: what is wrong with a spec, where, and how to fix it.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace dl::spec {

struct Pos {
  int line = 0;    ///< 1-based; 0 = unknown
  int column = 0;  ///< 1-based
};

enum class Severity { error, warning };

struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;
  Pos pos;
  std::string path;     ///< field path, e.g. spec.registry.internal.size
  std::string message;
  std::string hint;     ///< empty when there is nothing more to say
};

/// "file:line:col: error: path: message (hint: ...)" — the one format every command prints.
std::string format(const Diagnostic& d);

bool has_errors(const std::vector<Diagnostic>& diags);

/// Where each field path was found in the source, filled by the parser.
class Positions {
 public:
  void set(const std::string& path, Pos pos) { m_by_path[path] = pos; }
  /// Position of `path`, or of its nearest ancestor that has one.
  Pos find(std::string path) const;

 private:
  std::map<std::string, Pos> m_by_path;
};

/// Collects diagnostics for one file.
class Reporter {
 public:
  Reporter(std::string file, const Positions* positions) : m_file(std::move(file)), m_positions(positions) {}
  void error(const std::string& path, std::string message, std::string hint = {});
  void warning(const std::string& path, std::string message, std::string hint = {});
  void at(Pos pos, Severity sev, const std::string& path, std::string message, std::string hint = {});
  std::vector<Diagnostic>& diagnostics() { return m_diags; }
  const std::string& file() const { return m_file; }

 private:
  std::string m_file;
  const Positions* m_positions;
  std::vector<Diagnostic> m_diags;
};

}  // namespace dl::spec

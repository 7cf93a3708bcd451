#include "spec/diagnostics.h"

#include <algorithm>

namespace dl::spec {

std::string format(const Diagnostic& d) {
  std::string out = d.file;
  if (d.pos.line > 0) out += ":" + std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column);
  out += d.severity == Severity::error ? ": error: " : ": warning: ";
  if (!d.path.empty()) out += d.path + ": ";
  out += d.message;
  if (!d.hint.empty()) out += " (hint: " + d.hint + ")";
  return out;
}

bool has_errors(const std::vector<Diagnostic>& diags) {
  return std::any_of(diags.begin(), diags.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
}

Pos Positions::find(std::string path) const {
  for (;;) {
    auto it = m_by_path.find(path);
    if (it != m_by_path.end()) return it->second;
    size_t cut = path.find_last_of(".[");
    if (cut == std::string::npos) return {};
    path.resize(cut);
  }
}

void Reporter::error(const std::string& path, std::string message, std::string hint) {
  at(m_positions ? m_positions->find(path) : Pos{}, Severity::error, path, std::move(message), std::move(hint));
}

void Reporter::warning(const std::string& path, std::string message, std::string hint) {
  at(m_positions ? m_positions->find(path) : Pos{}, Severity::warning, path, std::move(message), std::move(hint));
}

void Reporter::at(Pos pos, Severity sev, const std::string& path, std::string message, std::string hint) {
  m_diags.push_back(Diagnostic{sev, m_file, pos, path, std::move(message), std::move(hint)});
}

}  // namespace dl::spec

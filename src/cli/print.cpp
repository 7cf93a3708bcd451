#include "cli/print.h"

namespace dl::cli {

void print_diagnostics(std::ostream& err, const std::vector<spec::Diagnostic>& diags) {
  for (const auto& d : diags) err << spec::format(d) << "\n";
}

util::ojson diagnostics_json(const std::vector<spec::Diagnostic>& diags) {
  util::ojson out = util::ojson::array();
  for (const auto& d : diags) {
    out.push_back({{"severity", d.severity == spec::Severity::error ? "error" : "warning"},
                   {"file", d.file},
                   {"line", d.pos.line},
                   {"column", d.pos.column},
                   {"path", d.path},
                   {"message", d.message},
                   {"hint", d.hint}});
  }
  return out;
}

spec::Loaded load_spec_or_report(const std::string& path, std::ostream& err) {
  spec::Loaded loaded = spec::load_file(path);
  print_diagnostics(err, loaded.diagnostics);
  return loaded;
}

}  // namespace dl::cli

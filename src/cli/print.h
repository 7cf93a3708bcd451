// Printing shared by subcommands: diagnostics and data in the formats `-o` offers.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "spec/diagnostics.h"
#include "spec/validate.h"
#include "util/yaml_emit.h"

namespace dl::cli {

/// Writes each diagnostic on its own line.
void print_diagnostics(std::ostream& err, const std::vector<spec::Diagnostic>& diags);

/// Diagnostics as data (for -o json|yaml).
util::ojson diagnostics_json(const std::vector<spec::Diagnostic>& diags);

/// Loads a spec and prints its diagnostics; nullopt-like: `ok` false means exit 2.
spec::Loaded load_spec_or_report(const std::string& path, std::ostream& err);

}  // namespace dl::cli

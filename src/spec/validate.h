// Semantic validation and defaults: turns a Parsed spec into a complete LayerSpec, or
// diagnostics saying what to fix. Nothing here touches a cluster.
#pragma once

#include <string>
#include <vector>

#include "spec/diagnostics.h"
#include "spec/layer_spec.h"
#include "spec/parse.h"

namespace dl::spec {

/// Fills defaults into `parsed.spec` and reports every semantic problem.
void validate(Parsed& parsed, Reporter& reporter);

/// The manual workflow's dependency packages (what the DOCA profile needs beyond RHCOS).
const std::vector<std::string>& default_dependencies();

/// CentOS Stream + EPEL repos for a RHEL major and arch.
std::vector<RepoSpec> default_repos(int rhel_major, const std::string& arch);

struct Loaded {
  LayerSpec spec;
  std::vector<Diagnostic> diagnostics;  ///< errors and warnings, in file order
  bool ok = false;                      ///< no errors
};

/// Parses, loads referenced key files (relative to `base_dir`) and validates.
Loaded load_string(const std::string& text, const std::string& file, const std::string& base_dir);

/// Reads `path` and calls load_string; an unreadable file is one diagnostic.
Loaded load_file(const std::string& path);

}  // namespace dl::spec

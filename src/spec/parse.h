// Parsing a layer.yaml into a LayerSpec (syntax, structure and types only; semantic checks
// and defaults are in validate.h).
#pragma once

#include <string>
#include <vector>

#include "spec/diagnostics.h"
#include "spec/layer_spec.h"

namespace dl::spec {

struct Parsed {
  LayerSpec spec;
  Positions positions;
  bool repos_given = false;         ///< spec.repos was written (it replaces the defaults)
  bool dependencies_given = false;  ///< spec.packages.dependencies was written
  bool doca_os_given = false;
  bool doca_gpg_key_given = false;
  bool renew_before_given = false;
};

/// Parses `text` (named `file` in messages). Diagnostics get every problem found.
Parsed parse(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags);

}  // namespace dl::spec

// kubectl's plugin completion: `kubectl doca-layer <TAB>` runs `kubectl_complete-doca_layer` with
// the words after the plugin name and reads Cobra's completion protocol back (one candidate a
// line, then ":<directive>"). The candidates come from the same command table as --help.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cli/help_gen.h"

namespace dl::cli {

/// Looks up names a flag's value can take (pools, nodes, contexts); empty on any failure.
using NameSource = std::function<std::vector<std::string>(ValueKind kind)>;

/// The candidates for the last of `words` (the word being completed, possibly empty), in Cobra's
/// protocol: subcommands, a command's flags, a flag's choices or cluster names, each filtered by
/// the typed prefix; the directive is 4 (no file completion) except for file and directory
/// values, which get 0 (the shell completes files).
std::string plugin_completions(const ProgramDoc& program, const std::vector<std::string>& words,
                               const NameSource& names);

/// True when the process was started as `kubectl_complete-doca_layer`.
bool is_plugin_completer(const std::string& argv0);

}  // namespace dl::cli

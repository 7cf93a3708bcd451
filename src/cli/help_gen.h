// Man pages and shell completion scripts generated from the one CLI11 parser tree (build_app):
// pure functions, the tree in, text out. Hidden subcommands and options (empty group) are left out.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace dl::cli {

/// What a flag's value is, for completion.
enum class ValueKind { none, text, file, dir, choice, pools, nodes, contexts };

struct FlagDoc {
  std::vector<std::string> names;  ///< "-f", "--file" (short ones first), or the positional's name
  std::string description;
  ValueKind value = ValueKind::none;
  bool optional_value = false;       ///< --dry-run[=VALUE]
  bool repeatable = false;
  std::string value_name;            ///< "FILE", "TEXT", ...
  std::vector<std::string> choices;  ///< IsMember sets (value == choice)
  std::string default_value;
};

struct CommandDoc {
  std::string name;
  std::string summary;
  std::vector<FlagDoc> flags;
  std::vector<FlagDoc> positionals;
};

struct ProgramDoc {
  std::string name;  ///< "doca-layer"
  std::string summary;
  std::string version;
  std::vector<FlagDoc> flags;  ///< the root's own (--help)
  std::vector<CommandDoc> commands;
};

/// The visible commands and flags of `app` (a build_app tree), in help order.
ProgramDoc describe_app(const CLI::App& app, const std::string& version);

/// `doca-layer.1`: every command with its summary, exit status, see also.
std::string man_overview(const ProgramDoc& program);

/// `doca-layer-<cmd>.1`: synopsis, every flag with its value, choices and default, exit status.
std::string man_command_page(const ProgramDoc& program, const CommandDoc& command);

/// File name of a command's man page: "doca-layer-init.1" ("doca-layer.1" for an empty name).
std::string man_file_name(const ProgramDoc& program, const std::string& command);

/// A bash completion script for doca-layer and kubectl-doca_layer (bash 4+, no bash-completion
/// package needed). Pools, nodes and contexts come from `<program> __complete KIND`.
std::string bash_completion(const ProgramDoc& program);

/// A zsh completion script (`#compdef doca-layer kubectl-doca_layer`) defining `_doca-layer`; works
/// from fpath and when sourced.
std::string zsh_completion(const ProgramDoc& program);

}  // namespace dl::cli

// The subcommand table: one entry per subcommand, each defined in its own cmd_*.cpp file.
// `--help`, man pages and shell completions are all generated from this table (help_gen.h).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dl::cli {

/// Process exit codes (docs/cli.md).
enum ExitCode : int { k_exit_ok = 0, k_exit_failure = 1, k_exit_usage = 2 };

/// Binds a subcommand's flags to its options and returns the function that runs it.
using Setup = std::function<std::function<int()>(CLI::App& sub)>;

struct Command {
  const char* name;
  const char* summary;
  Setup setup;
  bool hidden = false;  ///< internal (completion helpers): no help, man page or completion
};

Command init_command();
Command validate_command();
Command render_command();
Command demo_command();
Command sim_command();
Command packages_command();
Command preflight_command();
Command apply_command();
Command status_command();
Command logs_command();
Command verify_command();
Command rollback_command();
Command version_command();
Command completion_command();  ///< completion bash|zsh
Command complete_command();    ///< hidden __complete pools|nodes|contexts
Command man_command();         ///< hidden __man DIR

/// Every subcommand, in help order.
std::vector<Command> commands();

/// The name usage lines show: "kubectl doca-layer" (resp. "oc doca-layer") when the basename of
/// `argv0` is kubectl-doca_layer (oc-doca_layer), the plugin names; else "doca-layer".
std::string program_name(const std::string& argv0);

/// kubectl's plugin completion (`kubectl_complete-doca_layer WORDS...`, plugin_complete.h): prints
/// the candidates for the last word, asking the cluster for pool and node names (about 2 s at most).
int run_plugin_completion(const CLI::App& root, const std::vector<std::string>& words);

/// The one parser tree of every command in commands() (hidden ones in the empty group): --help,
/// man pages and completions all come from it. After a parse, `*chosen` (when given) holds the
/// selected subcommand's runner.
std::unique_ptr<CLI::App> build_app(const std::string& program,
                                    const std::shared_ptr<std::function<int()>>& chosen = nullptr);

/// Parses `argv`, runs the chosen subcommand, returns the exit code. Streams are the process's.
int run(int argc, const char* const* argv);

}  // namespace dl::cli

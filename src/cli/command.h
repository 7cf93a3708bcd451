// The subcommand table: one entry per subcommand, each defined in its own cmd_*.cpp file.
// `--help`, and later man pages and completions, are generated from this table.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
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

/// Every subcommand, in help order.
std::vector<Command> commands();

/// Parses `argv`, runs the chosen subcommand, returns the exit code. Streams are the process's.
int run(int argc, const char* const* argv);

}  // namespace dl::cli

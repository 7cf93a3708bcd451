// The framing of the scripts doca-layer runs on a node (`chroot /host /bin/sh -c SCRIPT` in a
// debug pod) and of the log they print. Each command runs as one "section":
//
//   echo '@@begin NAME'; COMMAND 2>&1; echo "@@end $?"
//
// so the log carries every command's output (stdout and stderr merged) and exit code, and a log
// cut short shows as a section without its end. Only a small POSIX sh subset is used (`;`,
// `&&`, '...' quoting, `$?`, echo, `2>&1`), which the simulated nodes' shell also runs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace dl::ovs {

/// One command of a script: its section name and its argument vector.
struct ShellCommand {
  std::string section;
  std::vector<std::string> argv;
};

/// What one section of a log holds.
struct Section {
  std::string name;
  int exit_code = 0;
  std::vector<std::string> lines;  ///< the command's output lines (stdout and stderr merged)
};

/// `word` quoted for sh: unchanged when it only has characters sh never interprets
/// (letters, digits, `_-./:=,+@%`), else in single quotes ('\'' for a quote inside).
std::string shell_quote(std::string_view word);

/// `argv` as one sh command line, each word quoted by shell_quote.
std::string shell_join(const std::vector<std::string>& argv);

/// The script line that runs `command_line` (already sh syntax) as section `name`.
std::string section_line(std::string_view name, std::string_view command_line);

/// The log text a section line prints when its command printed `output` and exited `exit_code`;
/// for callers (and tests) that run the commands one by one instead of as one script.
std::string format_section(std::string_view name, std::string_view output, int exit_code);

/// The sections of `log`, in order. Text outside sections (e.g. lines a debug pod prints before
/// the script starts) is ignored. Errors (`invalid_input`) name the line: a section that starts
/// inside another or never ends (a truncated log), an end without a begin, a bad exit code, a
/// name that appears twice.
util::Result<std::vector<Section>> parse_sections(std::string_view log);

}  // namespace dl::ovs

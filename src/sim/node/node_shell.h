// The simulated node's /bin/sh: the small POSIX-shell subset that debug pods use to run several
// commands in one container (`chroot /host /bin/sh -c 'rpm -q X 2>&1; echo "rc=$?"'`).
//
// Grammar (anything else is refused before any command runs, see below):
//   script    := { list-sep } [ and-or { list-sep and-or } { list-sep } ]
//   list-sep  := newline | ';'            (';' needs a command before it)
//   and-or    := command { ('&&' | '||') { newline } command }
//   command   := { word | redirect }      (at least one of either)
//   redirect  := [fd] '>' ('&' fd | '/dev/null') | [fd] '>>' '/dev/null'     fd: 1 or 2
//   word      := characters, '...' (literal), "..." (backslash escapes $ ` " \ newline; $? expands),
//                \c (literal c; backslash-newline joins lines), $? (the last command's status)
//   comment   := '#' at the start of a word, to the end of the line
// Builtins: echo [-n] [-E] ARGS, true, false, exit [N]. Every other command is handed to the
// node's host commands (host_commands.h). Redirections apply left to right (`>/dev/null 2>&1`
// drops both streams, `2>&1 >/dev/null` keeps stderr as stdout). Unquoted globs and `~` are
// passed through literally.
//
// Refused with exit 2 and `SH: unsupported in the simulated node shell: X` on stderr: pipes `|`,
// background `&`, `<`, `(`/`)`, `$(...)`, backquotes, `${...}`, `$NAME` and other parameters
// except `$?`, `$'...'`, redirections to files or other fds, keywords (if, for, while, case, {,
// !, ...), variable assignments, and builtins outside the list (cd, export, test, [, printf, ...).
// Syntax errors (unterminated quotes, `;` or `&&` without a command) exit 2 as bash reports them.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "sim/node/node_host.h"

namespace dl::sim::node {

/// Runs one simple command (its words after expansion) on the node.
using CommandRunner = std::function<ExecResult(const std::vector<std::string>& argv)>;

/// True when `program` names a shell this module answers: sh, bash, or a path ending in /sh or /bash.
bool is_shell(const std::string& program);

/// Runs `script` as `SHELL -c SCRIPT` would, with `shell` ("sh", "bash") naming the shell in
/// messages. stdout and stderr of the script are the result's streams; the exit code is the last
/// command's, or exit N's.
ExecResult run_shell_script(const std::string& shell, const std::string& script, const CommandRunner& run);

/// Runs a shell invocation `argv` (argv[0] is_shell()): `SHELL -c SCRIPT [NAME ARGS...]` (also
/// `-lc`/`-l -c`); `SHELL` alone reads an empty stdin and exits 0. Other options exit 2.
ExecResult run_shell(const std::vector<std::string>& argv, const CommandRunner& run);

}  // namespace dl::sim::node

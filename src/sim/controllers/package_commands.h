// The package commands of a Containerfile RUN as the simulated build replays them: one shell
// command (the RUN already split at `&&` and `;`) -> what it does to the image's packages. The
// simulator's own reading of the shell (the client renders these lines; the two only meet in
// the MachineOSConfig), covering what Containerfiles for layering write: `dnf install|remove|
// distro-sync|upgrade`, `rpm -e`, `rpm -q`, `rpm-ostree override remove`, and the
// `VAR=$(rpm -qa ... | grep -E 'RE')` / `if [ -n "$VAR" ]; then ...; fi` pattern.
#pragma once

#include <string>
#include <vector>

#include "rpmrepo/package_steps.h"

namespace dl::sim::controllers::layering {

/// What one shell command does, for the package build.
struct ShellCommand {
  enum class Kind {
    other,        ///< not about packages (mkdir, dnf clean, bootc, ...)
    assign,       ///< `var=$(rpm -qa ... | grep -E 'pattern' ...)`
    if_nonempty,  ///< `if [ -n "$var" ]` (the body runs only when var is not empty)
    end_if,       ///< `fi`
    package,      ///< an rpm/dnf/rpm-ostree command; `command` says which
  };
  Kind kind = Kind::other;
  std::string var;                  ///< assign, if_nonempty: the variable
  std::string pattern;              ///< assign: the extended regular expression names are kept by
  std::string tool;                 ///< package: "dnf", "rpm" or "rpm-ostree"
  rpmrepo::PackageCommand command;  ///< package: names may be `$var` words, expanded by the caller
};

/// Reads one shell command (a leading `then`/`else` is dropped).
ShellCommand parse_shell_command(const std::string& cmd);

/// `words` split at blanks, with single and double quotes removed.
std::vector<std::string> shell_words(const std::string& cmd);

}  // namespace dl::sim::controllers::layering

// The solver steps: a Containerfile's package commands replayed on a SolvPool, one libsolv solve
// per dnf command, each starting from the installed set the previous one left.
#pragma once

#include <vector>

#include "rpmrepo/installed_set.h"
#include "rpmrepo/package_steps.h"
#include "rpmrepo/pool.h"
#include "rpmrepo/resolution.h"

namespace dl::rpmrepo {

/// Runs `ops` against `pool` (its repos loaded) starting from `installed`. Fills steps,
/// verdict, totals and installed_after of a Resolution; the caller fills arch, sources, repos.
Resolution solve_operations(SolvPool& pool, const InstalledSet& installed, const Operations& ops);

/// Runs one command against `pool`, whose @System is the current installed set (replaced by the
/// result when the step succeeds). For callers that interleave other work between commands.
Step solve_command(SolvPool& pool, const PackageCommand& command);

/// Runs `commands` in order against `pool` (its repos loaded) starting from `installed`,
/// stopping at the first failing one (verdict missing_packages, unresolvable, or not_installed
/// for a failed verify). Fills the same fields as solve_operations.
Resolution solve_commands(SolvPool& pool, const InstalledSet& installed, const std::vector<PackageCommand>& commands);

}  // namespace dl::rpmrepo

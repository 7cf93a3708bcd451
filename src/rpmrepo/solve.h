// The solver steps: the Containerfile's operations replayed on a SolvPool, one libsolv solve
// per dnf command, each starting from the installed set the previous one left.
#pragma once

#include "rpmrepo/installed.h"
#include "rpmrepo/operations.h"
#include "rpmrepo/pool.h"
#include "rpmrepo/resolution.h"

namespace dl::rpmrepo {

/// Runs `ops` against `pool` (its repos loaded) starting from `installed`. Fills steps,
/// verdict, totals and installed_after of a Resolution; the caller fills arch, sources, repos.
Resolution solve_operations(SolvPool& pool, const InstalledSet& installed, const Operations& ops);

}  // namespace dl::rpmrepo

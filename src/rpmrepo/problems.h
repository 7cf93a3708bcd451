// libsolv's problem rules in plain words. Internal to rpmrepo.
#pragma once

#include <vector>

#include "rpmrepo/pool.h"
#include "rpmrepo/resolution.h"

namespace dl::rpmrepo {

/// Every problem of a failed solver_solve, each with its rules (libsolv's text and plain words).
std::vector<Problem> describe_problems(const SolvPool& pool, Solver* solver);

}  // namespace dl::rpmrepo

// One libsolv solve per rpm/dnf command, on a SolvPool whose @System is the installed set the
// previous command left (each step replaces it on success). Internal to rpmrepo; solve.cpp
// strings them together.
#pragma once

#include <string>
#include <vector>

#include "rpmrepo/pool.h"
#include "rpmrepo/resolution.h"

namespace dl::rpmrepo {

/// `dnf distro-sync names` (with `--repo=repo` when not empty: only that repo and @System).
/// Names matching no package go to Step::missing (dnf skips them); fails when none is left.
Step distro_sync_step(SolvPool& pool, const std::vector<std::string>& names, const std::string& repo,
                      const std::string& command);

/// `dnf install names` (weak dependencies as asked). Any name matching nothing fails the step.
Step install_step(SolvPool& pool, const std::vector<std::string>& names, bool weak_deps, const std::string& command);

/// `dnf remove names`: the installed packages they match and what requires them (clean deps).
/// Names matching nothing installed go to Step::missing; fails when none is left.
Step remove_step(SolvPool& pool, const std::vector<std::string>& names, const std::string& command);

/// `rpm -e --nodeps names` / `rpm-ostree override remove names`: exactly the installed packages
/// of those names (globs allowed), dependents stay. A name not installed fails the step.
Step erase_nodeps_step(SolvPool& pool, const std::vector<std::string>& names, const std::string& command);

/// `rpm -q names`: ok when every name is installed; the others go to Step::missing.
Step verify_step(const SolvPool& pool, const std::vector<std::string>& names, const std::string& command);

/// NEVRAs of @System, sorted.
std::vector<std::string> installed_nevras(const SolvPool& pool);

}  // namespace dl::rpmrepo

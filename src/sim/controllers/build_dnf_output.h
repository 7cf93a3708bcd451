// What dnf, rpm and rpm-ostree print for one resolved package command of a simulated image
// build (a Step of rpmrepo_core's solver): the transaction table and progress lines on success,
// dnf's error lines ("Unable to find a match", "Problem: ...") on failure.
#pragma once

#include <string>

#include "rpmrepo/package_steps.h"
#include "rpmrepo/resolution.h"

namespace dl::sim::controllers::layering {

/// The lines dnf prints before it resolves anything.
std::string dnf_preamble();

/// The output of `command` (run by `tool`: "dnf", "rpm" or "rpm-ostree") whose solve gave `step`.
/// When the step failed, `failure` gets one line saying why (for conditions and Events).
std::string step_output(const std::string& tool, const rpmrepo::PackageCommand& command, const rpmrepo::Step& step,
                        std::string& failure);

}  // namespace dl::sim::controllers::layering

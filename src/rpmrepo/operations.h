// The package operations of the generated Containerfile (render/containerfile.cpp), as data the
// resolver replays: remove the stock Open vSwitch, distro-sync the replaced packages from the
// DOCA repo, install dependencies + profile + extras without weak deps, check the result.
#pragma once

#include <vector>

#include "rpmrepo/metadata.h"
#include "rpmrepo/package_steps.h"
#include "spec/layer_spec.h"

namespace dl::rpmrepo {

/// Exactly what containerfile(spec) runs, in the same order.
Operations operations_for(const spec::LayerSpec& spec);

/// The repositories the build sees: the DOCA repo for the spec's version/os/arch, then spec.repos.
std::vector<RepoSource> repos_for(const spec::LayerSpec& spec);

}  // namespace dl::rpmrepo

// The package operations of the generated Containerfile (render/containerfile.cpp), as data the
// resolver replays: remove the stock Open vSwitch, distro-sync the replaced packages from the
// DOCA repo, install dependencies + profile + extras without weak deps, check the result.
#pragma once

#include <string>
#include <vector>

#include "rpmrepo/metadata.h"
#include "spec/layer_spec.h"

namespace dl::rpmrepo {

/// Repo id the Containerfile's `dnf --repo=doca distro-sync` uses (render's doca.repo).
inline constexpr const char* k_doca_repo_id = "doca";

struct Operations {
  bool erase_stock_ovs = true;              ///< `rpm -e --nodeps` of installed ^openvswitch[0-9] packages
  std::vector<std::string> replace;         ///< `dnf -y --repo=doca distro-sync ...` (skipped when empty)
  std::vector<std::string> install;         ///< `dnf -y --setopt=install_weak_deps=False install ...`
  std::string verify = "doca-openvswitch";  ///< `rpm -q ...` after the install
};

/// Exactly what containerfile(spec) runs, in the same order.
Operations operations_for(const spec::LayerSpec& spec);

/// The repositories the build sees: the DOCA repo for the spec's version/os/arch, then spec.repos.
std::vector<RepoSource> repos_for(const spec::LayerSpec& spec);

/// True for the names the Containerfile's `grep -E '^openvswitch[0-9]'` removes.
bool is_stock_ovs(const std::string& name);

}  // namespace dl::rpmrepo

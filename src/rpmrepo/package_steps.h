// The package steps a Containerfile runs, as data the solver replays (spec-free, part of
// dl_rpmrepo_core): Operations is the fixed shape of doca-layer's own Containerfile
// (render/containerfile.cpp); PackageCommand is one rpm/dnf command of any Containerfile, in
// the order it runs (the simulated build replays those).
#pragma once

#include <string>
#include <vector>

namespace dl::rpmrepo {

/// Repo id the Containerfile's `dnf --repo=doca distro-sync` uses (render's doca.repo).
inline constexpr const char* k_doca_repo_id = "doca";

struct Operations {
  bool erase_stock_ovs = true;              ///< `rpm -e --nodeps` of installed ^openvswitch[0-9] packages
  std::vector<std::string> replace;         ///< `dnf -y --repo=doca distro-sync ...` (skipped when empty)
  std::vector<std::string> install;         ///< `dnf -y --setopt=install_weak_deps=False install ...`
  std::string verify = "doca-openvswitch";  ///< `rpm -q ...` after the install
};

/// True for the names the Containerfile's `grep -E '^openvswitch[0-9]'` removes.
bool is_stock_ovs(const std::string& name);

enum class CommandKind {
  erase_nodeps,  ///< `rpm -e --nodeps A B`, `rpm-ostree override remove A B`: exactly these, dependents stay
  remove,        ///< `dnf remove A B`: these and what requires them
  distro_sync,   ///< `dnf distro-sync A B`
  install,       ///< `dnf install A B`
  verify,        ///< `rpm -q A B`: every name must be installed
};

/// One rpm/dnf command of a Containerfile.
struct PackageCommand {
  CommandKind kind = CommandKind::install;
  std::vector<std::string> names;  ///< package names (install also takes provides, globs, name.arch)
  std::string repo;                ///< `--repo=ID`: only this repository (and @System); empty: all
  bool weak_deps = true;           ///< install: false with `--setopt=install_weak_deps=False`
  std::string command;             ///< the command as written (becomes Step::command)
};

}  // namespace dl::rpmrepo

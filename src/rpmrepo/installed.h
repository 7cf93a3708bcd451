// The base image's installed package set: what `rpm -qa` shows on a node of an OpenShift
// release. Built-in models per RHCOS base, or a list exported from a real node.
#pragma once

#include <string>

#include "rpmrepo/installed_set.h"
#include "spec/platform.h"

namespace dl::rpmrepo {

/// The representative stock package set of RHCOS for `base` on `arch` (x86_64 or aarch64):
/// kernel, glibc, systemd, bash, the release's openvswitch3.x, libibverbs, rdma-core, ...
/// Versions are typical of the RHEL minor, not exact; export a node's set for exact answers.
InstalledSet builtin_installed(const spec::RhcosBase& base, const std::string& arch);

}  // namespace dl::rpmrepo

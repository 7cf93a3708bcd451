// The `rpm` queries an admin runs on a node, answered from the booted image's package set.
#pragma once

#include <string>
#include <vector>

#include "sim/node/node_host.h"

namespace dl::sim::node {

/// What `rpm ARGS` prints with `installed` (NVRA strings) in the rpm database. Supported:
/// `-q NAME...` (NAME may be name, name-version, name-version-release, the full NVRA or
/// name.arch; missing ones print "package NAME is not installed" on stdout and the exit code is
/// their count, as rpm's is) and `-qa [GLOB...]` (globs match the name or the NVRA).
/// `args` excludes the program name.
ExecResult rpm_command(const std::vector<std::string>& args, const std::vector<std::string>& installed);

}  // namespace dl::sim::node

// The cluster-object checks of preflight (pool, registry and pull secret, an existing layer)
// and the package check; preflight.cpp orders them. Each reads only.
#pragma once

#include <vector>

#include "kube/client.h"
#include "workflow/preflight.h"

namespace dl::workflow {

/// The pool exists, is not paused or degraded, has RHCOS nodes (with NVIDIA NICs when labelled).
PreflightCheck pool_check(kube::Client& client, const spec::LayerSpec& spec);
/// Storage class, registry operator config (internal) or push secret (external), global pull secret.
std::vector<PreflightCheck> registry_checks(kube::Client& client, const spec::LayerSpec& spec);
/// No MachineOSConfig for the pool that doca-layer did not create.
PreflightCheck layer_check(kube::Client& client, const spec::LayerSpec& spec);
/// The Containerfile's package steps resolve against the repos (libsolv); skip when disabled.
PreflightCheck packages_check(const spec::LayerSpec& spec, const PreflightOptions& options);

}  // namespace dl::workflow

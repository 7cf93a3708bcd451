// The objects the simulated registry operator creates, as the real one shapes them (trimmed).
#pragma once

#include <string>

#include "sim/api/resources.h"

namespace dl::sim::controllers::registry {

using api::json;

/// Volume of the registry pod for `storage` (Config spec.storage) and the claim name ("" = emptyDir).
json storage_volume(const std::string& claim);
/// Deployment image-registry for `config`, mounting `volume`.
json deployment(const json& config, const json& volume);
/// A pod of `deployment` (generateName; owned by the Deployment), Pending, not yet scheduled.
json pod(const json& deployment);
/// Pod status once scheduled on `node`: ContainerCreating.
json pod_status_creating(const std::string& node);
/// Pod status when it runs and is Ready.
json pod_status_running(const json& current_status);
/// Pod status while the scheduler cannot place it (`message`).
json pod_status_unschedulable(const std::string& message);
/// Route default-route to Service image-registry at `host`.
json default_route(const std::string& host, const std::string& apps_domain);
/// The PVC the operator creates when spec.storage.pvc.claim is empty.
json managed_claim();
/// The registry container's start-up log.
std::string startup_log(const std::string& claim);

}  // namespace dl::sim::controllers::registry

// Discovery and OpenAPI documents of the simulated API server, built from the resource table.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace dl::sim::api {

using json = nlohmann::json;

/// Media type of aggregated discovery answers (kubectl keys on the Content-Type, not the body).
inline constexpr const char* k_aggregated_discovery_type =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

/// GET /version for Kubernetes `minor` (OpenShift 4.20 runs Kubernetes 1.33).
json version_document(const std::string& git_version);
/// GET /api and /apis, legacy (APIVersions / APIGroupList).
json legacy_core_versions();
json legacy_group_list();
/// GET /api/v1 and /apis/G/V (APIResourceList); null when the group-version is not served.
json resource_list(const std::string& group, const std::string& version);
/// Aggregated discovery for /api (`core` true) or /apis.
json aggregated_discovery(bool core);
/// True when an Accept header asks for aggregated discovery.
bool wants_aggregated(const std::string& accept);
/// GET /openapi/v3 and /openapi/v3/api/v1, /openapi/v3/apis/G/V: the minimal documents that
/// make kubectl use server-side field validation (a PATCH operation per kind with the GVK
/// extension and the fieldValidation parameter). Null when not served.
json openapi_v3_root();
json openapi_v3_group_version(const std::string& group, const std::string& version);

}  // namespace dl::sim::api

// The API resources the workflow touches, by kind, and small read helpers over plain JSON
// objects (conditions, labels, annotations). No requests here.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "kube/resource_ref.h"
#include "util/result.h"
#include "util/yaml_emit.h"

namespace dl::workflow {

using json = nlohmann::json;

/// Refs of the collections the workflow uses (namespace and name left to the caller).
namespace refs {
kube::ResourceRef pvc(const std::string& ns);
kube::ResourceRef registry_config();  ///< configs.imageregistry.operator.openshift.io/cluster
kube::ResourceRef configmap(const std::string& ns);
kube::ResourceRef secret(const std::string& ns);
kube::ResourceRef service_account(const std::string& ns);
kube::ResourceRef pod(const std::string& ns);
kube::ResourceRef deployment(const std::string& ns);
kube::ResourceRef node();
kube::ResourceRef pool();         ///< MachineConfigPools
kube::ResourceRef mosc();         ///< MachineOSConfigs
kube::ResourceRef mosb();         ///< MachineOSBuilds
kube::ResourceRef storage_class();
kube::ResourceRef cluster_version();
kube::ResourceRef namespace_();
kube::ResourceRef access_review();  ///< SelfSubjectAccessReviews
}  // namespace refs

/// The ref naming `object` (its apiVersion, kind, namespace and name); invalid_input for a
/// kind the workflow does not manage.
util::Result<kube::ResourceRef> ref_of(const json& object);

/// "Kind/name" or "Kind ns/name", for messages.
std::string describe(const json& object);

/// The render layer's ordered JSON as plain JSON.
json to_plain(const util::ojson& value);

/// True when every field of `desired` is present in `live` with the same value (objects
/// compared key by key, recursively; arrays and scalars compared whole).
bool contains(const json& live, const json& desired);

/// status.conditions[type=`type`].status ("" when absent), and the condition itself.
std::string condition_status(const json& object, const std::string& type);
std::optional<json> condition(const json& object, const std::string& type);

/// metadata.annotations[key] / metadata.labels[key] ("" when absent).
std::string annotation(const json& object, const std::string& key);
std::string label(const json& object, const std::string& key);

/// "machineconfiguration.openshift.io/<suffix>".
std::string mco_key(const char* suffix);

/// The release a ClusterVersion runs: the newest Completed status.history entry (during an
/// update status.desired is the target, not what runs); desired.version when no history.
std::string running_version(const json& cluster_version);

/// Parses an RFC 3339 UTC time ("2026-11-26T18:00:00Z"); nullopt when malformed.
std::optional<long long> parse_time(const std::string& text);
/// Formats seconds since the epoch as RFC 3339 UTC.
std::string format_time(long long epoch_seconds);

}  // namespace dl::workflow

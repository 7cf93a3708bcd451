// Patch algorithms of the simulated API server, as pure functions over nlohmann::json values:
// RFC 7386 merge patch, RFC 6902 JSON patch and Kubernetes strategic merge patch. Results and
// error texts follow kube-apiserver, which uses gopkg.in/evanphx/json-patch.v4 for the first two
// and apimachinery's strategicpatch package for the third. Each deliberate difference is listed
// beside its function. Nothing here does I/O; the HTTP layer turns a PatchError into a Status.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>

namespace dl::sim::api {

/// A refused patch, shaped like the Status kube-apiserver answers with.
struct PatchError {
  int code = 500;       ///< HTTP status: 400, 413, 422, or 500 for the library errors the server does not map
  std::string reason;   ///< Status reason: BadRequest, RequestEntityTooLarge, Invalid; "" (Unknown) with 500
  std::string message;  ///< Status message, worded as kube-apiserver words it
  /// The patch library's own text when the server replaces it with a generic message (a failed
  /// JSON patch operation); empty otherwise. Meant for logs: real clients never see it.
  std::string detail;
};

/// The patched document (alternative 0) or why the patch was refused (alternative 1).
/// A variant rather than util::Result because the caller needs the HTTP code and the Status
/// reason, which util::ErrorKind cannot carry (same choice as sim/http's Parsed<T>).
template <class T>
using PatchResult = std::variant<T, PatchError>;

/// kube-apiserver's limit on the operations of one JSON patch (413 above it).
inline constexpr std::size_t k_max_json_patch_ops = 10000;

/// RFC 7386 merge patch of `patch` into `target`, as evanphx/json-patch v4 does it: an object
/// patch merges recursively and a null member deletes; arrays and scalars replace whole. Nulls
/// inside a value that is inserted (new key, or replacing a non-object) are dropped, also inside
/// arrays. A null or scalar patch is 400 "Invalid JSON Patch" (the RFC would return the patch);
/// an array patch becomes the result.
PatchResult<nlohmann::json> apply_merge_patch(const nlohmann::json& target, const nlohmann::json& patch);

/// RFC 6902 JSON patch `ops` applied to `target` (an object or array), atomically.
/// - `ops` not an array of objects: 400 with Go's decoding text; `null` is an empty patch.
/// - More than k_max_json_patch_ops operations: 413.
/// - A failing operation: 422 reason Invalid, message "the server rejected our request due to an
///   error in our request" (what the real server sends); `detail` holds json-patch's text.
/// Behaves like json-patch v4, including its departures from the RFC: negative array indices
/// count from the end; "replace" of a missing object member adds it; "copy" from a missing
/// member copies null; "test" of a missing member against null passes; an empty path "" works
/// for replace and test only (replace "" with a scalar value does nothing).
/// Differences from v4: a path must start with '/'; numbers compare by value in "test".
PatchResult<nlohmann::json> apply_json_patch(const nlohmann::json& target, const nlohmann::json& ops);

/// Which lists a strategic merge patch merges by key instead of replacing. A path is the field
/// names from the object root joined by '.', with "[]" after a list to step into its items:
/// "spec.containers", "spec.containers[].env".
struct StrategicSchema {
  /// List path -> patchMergeKey. An empty key marks a list of primitives merged as a set
  /// (patchStrategy merge without a key, like metadata.finalizers).
  std::map<std::string, std::string> merge_keys;

  /// The merge key of the list at `path`, or nullopt when that list is replaced whole.
  [[nodiscard]] std::optional<std::string> merge_key(const std::string& path) const;
};

/// Strategic merge patch of `patch` into `target` (an object), with list strategies from
/// `schema`. Maps merge recursively and null deletes; lists replace unless `schema` lists them.
/// Directives: `$patch: replace|delete|merge` on a map or as a list item (delete needs the merge
/// key), `$retainKeys`, `$setElementOrder/<list>`, `$deleteFromPrimitiveList/<list>`.
/// A null patch changes nothing. Errors: a non-object patch, a malformed directive or an unknown `$` key is 400; a list
/// of lists is 422; other library errors (missing merge key, mixed element types, an order that contradicts
/// `$setElementOrder`) are 500 with an empty reason, as the real server answers them. Differences from apimachinery:
/// `$patch: merge` is accepted (a no-op marker; the real server fails), unknown `$patch` values and unknown `$` keys
/// are 400 (real: 500, or silently dropped by the typed decoder), and inserted values are cleaned of nulls and
/// directives, also inside lists that are replaced, since the simulator stores JSON without a typed round trip.
PatchResult<nlohmann::json> apply_strategic_merge_patch(const nlohmann::json& target, const nlohmann::json& patch,
                                                        const StrategicSchema& schema);

/// Merge keys for the built-in kinds the simulator serves, from the Go struct tags of k8s.io/api:
/// metadata.finalizers (set) and metadata.ownerReferences (uid) for every kind; Pod spec lists
/// (containers, initContainers, ephemeralContainers, volumes, imagePullSecrets, schedulingGates,
/// resourceClaims by name; hostAliases by ip; topologySpreadConstraints by topologyKey) and
/// container lists (env by name, ports by containerPort, volumeMounts by mountPath, volumeDevices
/// by devicePath) under Pod, the apps workloads, Job and CronJob templates; status.conditions by
/// type; Node status.addresses by type and spec.podCIDRs as a set; ServiceAccount secrets by
/// name. Tolerations and Node spec.taints carry no strategy, so they are replaced. `group` is ""
/// for the core group. Unknown kinds get the metadata entries only.
StrategicSchema strategic_schema_for(const std::string& group, const std::string& kind);

}  // namespace dl::sim::api

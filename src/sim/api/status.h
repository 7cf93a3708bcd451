// ApiError: a Kubernetes `Status` failure (reason, code, message, details) as the simulated API
// server answers it. Message formats follow apimachinery's errors package.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace dl::sim::api {

using json = nlohmann::json;

struct Cause {
  std::string type;   ///< e.g. FieldValueInvalid, FieldValueRequired, FieldManagerConflict
  std::string message;
  std::string field;
};

struct ApiError {
  int code = 500;
  std::string reason;   ///< NotFound, AlreadyExists, Conflict, Invalid, BadRequest, ...
  std::string message;
  json details = json::object();  ///< name, group, kind, causes, retryAfterSeconds
  /// The `Status` object for the response body.
  json to_status() const;
};

/// `resource` for the core group, else `resource.group` ("configmaps", "machineosconfigs.machineconfiguration.openshift.io").
std::string group_resource(const std::string& group, const std::string& plural);

ApiError not_found(const std::string& group, const std::string& plural, const std::string& name);
ApiError already_exists(const std::string& group, const std::string& plural, const std::string& name);
/// 409 Conflict: `Operation cannot be fulfilled on GR "name": why`.
ApiError conflict(const std::string& group, const std::string& plural, const std::string& name, const std::string& why);
/// The optimistic-lock reason for stale resourceVersions.
inline constexpr const char* k_optimistic_lock =
    "the object has been modified; please apply your changes to the latest version and try again";
/// 422 Invalid: `Kind.group "name" is invalid: field: msg, field: msg` with one cause per field.
ApiError invalid(const std::string& group, const std::string& kind, const std::string& name,
                 const std::vector<Cause>& causes);
ApiError bad_request(const std::string& message);
ApiError unauthorized();
ApiError forbidden(const std::string& message);
ApiError method_not_allowed(const std::string& verb, const std::string& group, const std::string& plural);
ApiError unsupported_media_type(const std::string& accepted);
ApiError expired(const std::string& message);
ApiError too_many_requests(int retry_after_seconds);
ApiError internal_error(const std::string& message);
ApiError service_unavailable(const std::string& message);

/// `field: message` with the Invalid-value prefix apimachinery uses for FieldValueInvalid.
Cause invalid_value(const std::string& field, const json& value, const std::string& detail);
Cause required(const std::string& field, const std::string& detail = "");
Cause not_supported(const std::string& field, const json& value, const std::vector<std::string>& supported);

}  // namespace dl::sim::api

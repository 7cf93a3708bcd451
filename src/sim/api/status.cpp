#include "sim/api/status.h"

namespace dl::sim::api {

json ApiError::to_status() const {
  json s = {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object()}, {"status", "Failure"},
            {"message", message}, {"reason", reason}, {"code", code}};
  if (!details.empty()) s["details"] = details;
  return s;
}

std::string group_resource(const std::string& group, const std::string& plural) {
  return group.empty() ? plural : plural + "." + group;
}

namespace {
ApiError make(int code, const char* reason, std::string message, json details = json::object()) {
  return ApiError{code, reason, std::move(message), std::move(details)};
}
json name_details(const std::string& group, const std::string& plural, const std::string& name) {
  json d = {{"name", name}, {"kind", plural}};
  if (!group.empty()) d["group"] = group;
  return d;
}
std::string value_text(const json& value) {
  if (value.is_string()) return "\"" + value.get<std::string>() + "\"";
  return value.dump();
}
}  // namespace

ApiError not_found(const std::string& group, const std::string& plural, const std::string& name) {
  return make(404, "NotFound", group_resource(group, plural) + " \"" + name + "\" not found",
              name_details(group, plural, name));
}

ApiError already_exists(const std::string& group, const std::string& plural, const std::string& name) {
  return make(409, "AlreadyExists", group_resource(group, plural) + " \"" + name + "\" already exists",
              name_details(group, plural, name));
}

ApiError conflict(const std::string& group, const std::string& plural, const std::string& name, const std::string& why) {
  return make(409, "Conflict", "Operation cannot be fulfilled on " + group_resource(group, plural) + " \"" + name +
                                   "\": " + why,
              name_details(group, plural, name));
}

ApiError invalid(const std::string& group, const std::string& kind, const std::string& name,
                 const std::vector<Cause>& causes) {
  std::string gk = group.empty() ? kind : kind + "." + group;
  std::string joined;
  json jc = json::array();
  for (size_t i = 0; i < causes.size(); ++i) {
    if (i) joined += ", ";
    joined += causes[i].field.empty() ? causes[i].message : causes[i].field + ": " + causes[i].message;
    jc.push_back({{"reason", causes[i].type}, {"message", causes[i].message}, {"field", causes[i].field}});
  }
  std::string msg = gk + " \"" + name + "\" is invalid: " + joined;
  if (causes.size() > 1) msg = gk + " \"" + name + "\" is invalid: [" + joined + "]";
  json d = {{"name", name}, {"kind", kind}, {"causes", jc}};
  if (!group.empty()) d["group"] = group;
  return make(422, "Invalid", msg, d);
}

ApiError bad_request(const std::string& message) { return make(400, "BadRequest", message); }
ApiError unauthorized() { return make(401, "Unauthorized", "Unauthorized"); }
ApiError forbidden(const std::string& message) { return make(403, "Forbidden", message); }

ApiError method_not_allowed(const std::string& verb, const std::string& group, const std::string& plural) {
  return make(405, "MethodNotAllowed",
              verb + " is not supported on resources of kind \"" + group_resource(group, plural) + "\"");
}

ApiError unsupported_media_type(const std::string& accepted) {
  return make(415, "UnsupportedMediaType",
              "the body of the request was in an unknown format - accepted media types include: " + accepted);
}

ApiError expired(const std::string& message) { return make(410, "Expired", message); }

ApiError too_many_requests(int retry_after_seconds) {
  return make(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later",
              {{"retryAfterSeconds", retry_after_seconds}});
}

ApiError internal_error(const std::string& message) {
  return make(500, "InternalError", "Internal error occurred: " + message);
}

ApiError service_unavailable(const std::string& message) { return make(503, "ServiceUnavailable", message); }

Cause invalid_value(const std::string& field, const json& value, const std::string& detail) {
  return Cause{"FieldValueInvalid", "Invalid value: " + value_text(value) + ": " + detail, field};
}

Cause required(const std::string& field, const std::string& detail) {
  return Cause{"FieldValueRequired", detail.empty() ? "Required value" : "Required value: " + detail, field};
}

Cause not_supported(const std::string& field, const json& value, const std::vector<std::string>& supported) {
  std::string list;
  for (size_t i = 0; i < supported.size(); ++i) list += (i ? ", \"" : "\"") + supported[i] + "\"";
  return Cause{"FieldValueNotSupported", "Unsupported value: " + value_text(value) + ": supported values: " + list, field};
}

}  // namespace dl::sim::api

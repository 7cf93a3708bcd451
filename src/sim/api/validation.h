// Admission checks the real API server applies to the OpenShift kinds (CRD schemas, CEL rules),
// with the same field paths and messages: MachineOSConfig, MachineOSBuild, the image registry
// Config. Also applies CRD defaults and unknown-field handling (fieldValidation).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/api/api_result.h"
#include "sim/api/resources.h"

namespace dl::sim::api {

enum class FieldValidation { strict, warn, ignore };

/// "Strict" (kubectl's default), "Warn", "Ignore"; anything else is strict.
FieldValidation parse_field_validation(const std::string& value);

struct Admission {
  std::optional<ApiError> error;
  std::vector<std::string> warnings;  ///< for Warning: 299 headers
};

/// Checks `object` (defaulted and pruned in place) against the schema of `r`; `old_object` is set
/// for updates (CEL transition rules).
Admission admit(const ResourceType& r, const json* old_object, json& object, FieldValidation fv);

}  // namespace dl::sim::api

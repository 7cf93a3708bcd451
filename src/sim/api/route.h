// Route: what an API request path addresses.
#pragma once

#include <string>

#include "sim/api/resources.h"

namespace dl::sim::api {

struct Route {
  enum class Kind { not_found, version, api, apis, group_version, openapi_v3_root, openapi_v3_gv, openapi_v2, resource,
                    healthz, admin };
  Kind kind = Kind::not_found;
  std::string group;
  std::string version;
  std::string plural;
  std::string ns;           ///< from /namespaces/NS/...; empty otherwise
  std::string name;
  std::string subresource;  ///< status, token, log, ...
  std::string admin_path;   ///< for /sim/... admin endpoints
  const ResourceType* resource = nullptr;  ///< set when kind == resource and the type is served
};

/// Parses a percent-decoded request path.
Route parse_route(const std::string& path);

}  // namespace dl::sim::api

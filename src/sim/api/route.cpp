#include "sim/api/route.h"

#include "util/strings.h"

namespace dl::sim::api {
namespace {

// segs: resource path segments after the group-version prefix.
void parse_resource_part(const std::vector<std::string>& segs, Route& r) {
  size_t i = 0;
  if (segs.size() >= 2 && segs[0] == "namespaces" && segs.size() >= 3) {
    r.ns = segs[1];
    i = 2;
  }
  if (i >= segs.size()) return;
  r.plural = segs[i];
  if (i + 1 < segs.size()) r.name = segs[i + 1];
  if (i + 2 < segs.size()) r.subresource = segs[i + 2];
  if (i + 3 < segs.size()) return;  // too deep
  r.kind = Route::Kind::resource;
  r.resource = find_resource(r.group, r.version, r.plural);
}

}  // namespace

Route parse_route(const std::string& path) {
  Route r;
  std::vector<std::string> segs;
  for (auto& s : util::split(path, '/'))
    if (!s.empty()) segs.push_back(s);
  if (path == "/version" || path == "/version/") r.kind = Route::Kind::version;
  else if (path == "/healthz" || path == "/readyz" || path == "/livez") r.kind = Route::Kind::healthz;
  else if (path == "/api" || path == "/api/") r.kind = Route::Kind::api;
  else if (path == "/apis" || path == "/apis/") r.kind = Route::Kind::apis;
  else if (path == "/openapi/v3" || path == "/openapi/v3/") r.kind = Route::Kind::openapi_v3_root;
  else if (path == "/openapi/v2") r.kind = Route::Kind::openapi_v2;
  else if (!segs.empty() && segs[0] == "sim") {
    r.kind = Route::Kind::admin;
    r.admin_path = path.substr(4);
  } else if (segs.size() >= 3 && segs[0] == "openapi" && segs[1] == "v3") {
    r.kind = Route::Kind::openapi_v3_gv;
    if (segs[2] == "api" && segs.size() == 4) r.version = segs[3];
    else if (segs[2] == "apis" && segs.size() == 5) {
      r.group = segs[3];
      r.version = segs[4];
    } else r.kind = Route::Kind::not_found;
  } else if (segs.size() >= 2 && segs[0] == "api") {
    r.version = segs[1];
    if (segs.size() == 2) r.kind = Route::Kind::group_version;
    else parse_resource_part({segs.begin() + 2, segs.end()}, r);
  } else if (segs.size() >= 3 && segs[0] == "apis") {
    r.group = segs[1];
    r.version = segs[2];
    if (segs.size() == 3) r.kind = Route::Kind::group_version;
    else parse_resource_part({segs.begin() + 3, segs.end()}, r);
  }
  return r;
}

}  // namespace dl::sim::api

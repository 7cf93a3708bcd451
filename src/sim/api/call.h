// One request being served by ApiServer (private to src/sim/api).
#pragma once

#include <string>

#include "sim/api/auth.h"
#include "sim/api/route.h"
#include "sim/api/server.h"

namespace dl::sim::api {

struct ApiServer::Call {
  const http::Request& req;
  http::ResponseWriter& w;
  Route route;
  Identity who;
  FaultDecision fault;  ///< the fault chosen for this request (drop/latency already applied)
  uint64_t watch_epoch = 0;  ///< drop_watches() generation when the request arrived
  std::vector<std::string> warnings;  ///< sent as Warning: 299 headers

  std::string param(const char* name) const { return req.query_param(name).value_or(""); }
  bool flag(const char* name) const;  ///< true/True/1
  bool dry_run() const { return param("dryRun") == "All"; }
  const std::string& ns() const { return route.ns; }
  const ResourceType& type() const { return *route.resource; }

  void reply(int code, const json& body, const http::Headers& extra = {});
  void fail(const ApiError& e);
  void text(int code, const std::string& body);
};

/// Decodes a request body: JSON, YAML (application/yaml, apply-patch+yaml) or k8s protobuf.
ApiResult<json> decode_body(const http::Request& req);
/// YAML text to JSON with YAML 1.2 core scalar typing (plain true/false/null/numbers).
ApiResult<json> yaml_to_json(const std::string& text);

}  // namespace dl::sim::api

#include <yaml-cpp/yaml.h>

#include <regex>

#include "sim/api/call.h"
#include "sim/api/protobuf.h"

namespace dl::sim::api {
namespace {

json scalar_to_json(const YAML::Node& n) {
  const std::string& v = n.Scalar();
  if (n.Tag() != "?") return v;  // quoted: always a string
  static const std::regex k_int(R"(^[-+]?[0-9]+$)");
  static const std::regex k_float(R"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$)");
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
  if (std::regex_match(v, k_int)) {
    try {
      return std::stoll(v);
    } catch (const std::out_of_range&) {
      return v;
    }
  }
  if (std::regex_match(v, k_float)) return std::stod(v);
  return v;
}

json node_to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      json o = json::object();
      for (const auto& kv : n) o[kv.first.Scalar()] = node_to_json(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      json a = json::array();
      for (const auto& item : n) a.push_back(node_to_json(item));
      return a;
    }
    case YAML::NodeType::Scalar: return scalar_to_json(n);
    default: return nullptr;
  }
}

std::string media_type(const http::Request& req) {
  std::string ct = req.header("content-type");
  ct = ct.substr(0, ct.find(';'));
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  return ct;
}

}  // namespace

ApiResult<json> yaml_to_json(const std::string& text) {
  try {
    return node_to_json(YAML::Load(text));
  } catch (const YAML::Exception& e) {
    return bad_request("error converting YAML to JSON: yaml: line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

ApiResult<json> decode_body(const http::Request& req) {
  std::string mt = media_type(req);
  if (mt == "application/yaml" || mt == "application/apply-patch+yaml") return yaml_to_json(req.body);
  if (mt == "application/vnd.kubernetes.protobuf") {
    auto decoded = decode_protobuf_object(req.body);
    if (!decoded) return unsupported_media_type("application/json, application/yaml (protobuf: " + decoded.error().message + ")");
    return *decoded;
  }
  json j = json::parse(req.body, nullptr, false);
  if (j.is_discarded()) return bad_request("couldn't get version/kind; json parse error: invalid JSON in the request body");
  return j;
}

}  // namespace dl::sim::api

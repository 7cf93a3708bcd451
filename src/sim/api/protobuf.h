// Decoding of the Kubernetes protobuf request bodies kubectl 1.32+ sends for typed creates
// (`create token|secret|configmap|namespace|serviceaccount`, `debug`), into the JSON object the
// JSON API would have received. The messages are declared in k8s.proto.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace dl::sim::api {

/// The media type kubectl uses for protobuf bodies.
inline constexpr std::string_view k_protobuf_media_type = "application/vnd.kubernetes.protobuf";

/// True when `content_type` (parameters after ';' ignored, case-insensitive, spaces trimmed) is
/// application/vnd.kubernetes.protobuf.
bool is_protobuf_content_type(std::string_view content_type);

/// The "apiVersion Kind" pairs decode_protobuf_object understands, e.g. "v1 Secret".
std::vector<std::string> supported_protobuf_kinds();

/// Decodes a k8s protobuf body (the magic "k8s\0", then a runtime.Unknown envelope) into the JSON
/// object the JSON API would get: apiVersion/kind from the envelope's TypeMeta; empty or default
/// fields omitted (gogo writes empty non-pointer fields), pointer fields kept when set; Secret data
/// and ConfigMap binaryData as base64 strings; Time as RFC 3339; Volume's embedded VolumeSource
/// flattened. Fields the sim does not declare are ignored.
/// invalid_input with a message for bad magic, an unknown kind (listing the supported ones), a
/// content encoding, malformed bytes, or strings that are not UTF-8.
util::Result<nlohmann::json> decode_protobuf_object(std::string_view body);

}  // namespace dl::sim::api

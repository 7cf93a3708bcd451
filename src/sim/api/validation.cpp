#include "sim/api/validation.h"

#include <regex>

namespace dl::sim::api {
namespace {

const char* const k_push_spec_msg =
    "the OCI Image name should follow the host[:port][/namespace]/name format, resembling a valid URL without the "
    "scheme. Or it must be a valid .svc followed by a port, repository, image name, and tag.";
const char* const k_dns_msg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    "and end with an alphanumeric character.";

bool dns1123(const std::string& s) {
  static const std::regex k_re(R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
  return !s.empty() && s.size() <= 253 && std::regex_match(s, k_re);
}

bool push_spec_ok(const std::string& s) {
  static const std::regex k_host(
      R"(^([a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+(:[0-9]{2,5})?(/[a-zA-Z0-9_-]{1,61})*/[a-zA-Z0-9_.-]+:[a-zA-Z0-9._-]+$)");
  static const std::regex k_svc(R"(^[^.]+\.[^.]+\.svc:\d+\/[^\/]+\/[^\/]+:[^\/]+$)");
  return std::regex_match(s, k_host) || std::regex_match(s, k_svc);
}

Cause cel(const std::string& field, const char* type, const std::string& msg) {
  return Cause{"FieldValueInvalid", std::string("Invalid value: \"") + type + "\": " + msg, field};
}

Cause too_long(const std::string& field, size_t max) {
  return Cause{"FieldValueTooLong", "Too long: may not be more than " + std::to_string(max) + " bytes", field};
}

// Schema of the fields users write, for unknown-field detection: path -> allowed keys.
struct Shape {
  std::string path;
  std::vector<std::string> keys;
};

void unknown_fields(const json& o, const std::string& path, const std::vector<Shape>& shapes, std::vector<std::string>& out) {
  for (const auto& s : shapes) {
    if (s.path != path || !o.is_object()) continue;
    for (const auto& [k, v] : o.items()) {
      std::string child = path.empty() ? k : path + "." + k;
      if (std::find(s.keys.begin(), s.keys.end(), k) == s.keys.end()) out.push_back(child);
      else if (v.is_array()) {
        for (const auto& item : v) unknown_fields(item, child + "[]", shapes, out);
      } else unknown_fields(v, child, shapes, out);
    }
  }
}

void prune(json& o, const std::string& path, const std::vector<Shape>& shapes) {
  for (const auto& s : shapes) {
    if (s.path != path || !o.is_object()) continue;
    for (auto it = o.begin(); it != o.end();) {
      std::string child = path.empty() ? it.key() : path + "." + it.key();
      if (std::find(s.keys.begin(), s.keys.end(), it.key()) == s.keys.end()) {
        it = o.erase(it);
        continue;
      }
      if (it->is_array()) for (auto& item : *it) prune(item, child + "[]", shapes);
      else prune(*it, child, shapes);
      ++it;
    }
  }
}

const std::vector<Shape>& mosc_shapes() {
  static const std::vector<Shape> k = {
      {"", {"apiVersion", "kind", "metadata", "spec", "status"}},
      {"spec", {"machineConfigPool", "imageBuilder", "baseImagePullSecret", "renderedImagePushSecret",
                "renderedImagePushSpec", "containerFile"}},
      {"spec.machineConfigPool", {"name"}},
      {"spec.imageBuilder", {"imageBuilderType"}},
      {"spec.baseImagePullSecret", {"name"}},
      {"spec.renderedImagePushSecret", {"name"}},
      {"spec.containerFile[]", {"containerfileArch", "content"}}};
  return k;
}

void secret_ref(const json& spec, const char* key, bool needed, std::vector<Cause>& causes) {
  std::string f = std::string("spec.") + key;
  if (!spec.contains(key)) {
    if (needed) causes.push_back(required(f));
    return;
  }
  const json& ref = spec[key];
  if (!ref.is_object() || !ref.contains("name")) return causes.push_back(required(f + ".name"));
  std::string name = ref["name"].is_string() ? ref["name"].get<std::string>() : "";
  if (name.size() > 253) causes.push_back(too_long(f + ".name", 253));
  else if (!dns1123(name)) causes.push_back(cel(f + ".name", "string", k_dns_msg));
}

void check_mosc(const json* old, json& o, std::vector<Cause>& causes) {
  if (!o.contains("spec") || !o["spec"].is_object()) return causes.push_back(required("spec"));
  json& spec = o["spec"];
  std::string pool;
  if (!spec.contains("machineConfigPool")) causes.push_back(required("spec.machineConfigPool"));
  else if (!spec["machineConfigPool"].contains("name")) causes.push_back(required("spec.machineConfigPool.name"));
  else {
    pool = spec["machineConfigPool"]["name"].is_string() ? spec["machineConfigPool"]["name"].get<std::string>() : "";
    if (!dns1123(pool)) causes.push_back(cel("spec.machineConfigPool.name", "string", k_dns_msg));
  }
  if (!spec.contains("imageBuilder")) causes.push_back(required("spec.imageBuilder"));
  else if (!spec["imageBuilder"].contains("imageBuilderType")) causes.push_back(required("spec.imageBuilder.imageBuilderType"));
  else if (spec["imageBuilder"]["imageBuilderType"] != "Job")
    causes.push_back(not_supported("spec.imageBuilder.imageBuilderType", spec["imageBuilder"]["imageBuilderType"], {"Job"}));
  secret_ref(spec, "baseImagePullSecret", false, causes);
  secret_ref(spec, "renderedImagePushSecret", true, causes);
  if (!spec.contains("renderedImagePushSpec")) causes.push_back(required("spec.renderedImagePushSpec"));
  else {
    std::string ps = spec["renderedImagePushSpec"].is_string() ? spec["renderedImagePushSpec"].get<std::string>() : "";
    if (ps.size() > 447) causes.push_back(too_long("spec.renderedImagePushSpec", 447));
    else if (!push_spec_ok(ps)) causes.push_back(cel("spec.renderedImagePushSpec", "string", k_push_spec_msg));
  }
  if (spec.contains("containerFile")) {
    json& files = spec["containerFile"];
    if (files.size() > 4)
      causes.push_back(Cause{"FieldValueTooMany", "Too many: " + std::to_string(files.size()) + ": must have at most 4 items", "spec.containerFile"});
    std::vector<std::string> seen;
    for (size_t i = 0; i < files.size(); ++i) {
      std::string f = "spec.containerFile[" + std::to_string(i) + "]";
      json& cf = files[i];
      if (!cf.contains("containerfileArch")) cf["containerfileArch"] = "NoArch";  // CRD default
      std::string arch = cf["containerfileArch"].is_string() ? cf["containerfileArch"].get<std::string>() : "";
      const std::vector<std::string> archs = {"ARM64", "AMD64", "PPC64LE", "S390X", "NoArch"};
      if (std::find(archs.begin(), archs.end(), arch) == archs.end())
        causes.push_back(not_supported(f + ".containerfileArch", cf["containerfileArch"], archs));
      else if (std::find(seen.begin(), seen.end(), arch) != seen.end())
        causes.push_back(Cause{"FieldValueDuplicate", "Duplicate value: map[string]interface {}{\"containerfileArch\":\"" + arch + "\"}", f});
      seen.push_back(arch);
      if (!cf.contains("content")) causes.push_back(required(f + ".content"));
      else if (cf["content"].is_string() && cf["content"].get<std::string>().size() > 4096)
        causes.push_back(too_long(f + ".content", 4096));
    }
  }
  std::string name = o["metadata"].value("name", "");
  bool pool_unchanged = old && old->contains("spec") && (*old)["spec"].value("machineConfigPool", json::object()).value("name", "") == pool;
  if (!pool.empty() && name != pool && !pool_unchanged)
    causes.push_back(Cause{"FieldValueInvalid",
                           "Invalid value: \"object\": MachineOSConfig name must match the referenced MachineConfigPool "
                           "name; can only have one MachineOSConfig per MachineConfigPool",
                           "<nil>"});
}

void check_mosb(const json* old, const json& o, std::vector<Cause>& causes) {
  if (old && old->contains("spec") && o.value("spec", json()) != (*old)["spec"])
    return causes.push_back(cel("spec", "object", "machineOSBuildSpec is immutable once set"));
  if (!o.contains("spec")) return causes.push_back(required("spec"));
  const json& spec = o["spec"];
  for (const char* k : {"machineConfig", "machineOSConfig"})
    if (!spec.contains(k) || !spec[k].contains("name")) causes.push_back(required(std::string("spec.") + k + ".name"));
  if (!spec.contains("renderedImagePushSpec")) causes.push_back(required("spec.renderedImagePushSpec"));
  else if (!push_spec_ok(spec.value("renderedImagePushSpec", "")))
    causes.push_back(cel("spec.renderedImagePushSpec", "string", k_push_spec_msg));
}

void check_registry_config(const json& o, std::vector<Cause>& causes) {
  const json& spec = o.value("spec", json::object());
  static const std::regex k_ms("^(Managed|Unmanaged|Force|Removed)$");
  if (spec.contains("managementState")) {
    std::string v = spec["managementState"].is_string() ? spec["managementState"].get<std::string>() : "";
    if (!std::regex_match(v, k_ms))
      causes.push_back(Cause{"FieldValueInvalid", "Invalid value: \"" + v + "\": spec.managementState in body should match '^(Managed|Unmanaged|Force|Removed)$'",
                             "spec.managementState"});
  }
  if (spec.contains("rolloutStrategy")) {
    std::string v = spec["rolloutStrategy"].is_string() ? spec["rolloutStrategy"].get<std::string>() : "";
    if (v != "RollingUpdate" && v != "Recreate")
      causes.push_back(Cause{"FieldValueInvalid", "Invalid value: \"" + v + "\": spec.rolloutStrategy in body should match '^(RollingUpdate|Recreate)$'",
                             "spec.rolloutStrategy"});
  }
  if (spec.contains("replicas") && !spec["replicas"].is_number_integer())
    causes.push_back(Cause{"FieldValueTypeInvalid", "Invalid value: \"" + spec["replicas"].dump() + "\": spec.replicas in body must be of type integer: \"" +
                           std::string(spec["replicas"].type_name()) + "\"", "spec.replicas"});
}

}  // namespace

FieldValidation parse_field_validation(const std::string& value) {
  if (value == "Ignore") return FieldValidation::ignore;
  if (value == "Warn") return FieldValidation::warn;
  return value.empty() ? FieldValidation::ignore : FieldValidation::strict;
}

Admission admit(const ResourceType& r, const json* old_object, json& object, FieldValidation fv) {
  Admission a;
  if (r.group != "machineconfiguration.openshift.io" && r.group != "imageregistry.operator.openshift.io") return a;
  std::vector<Cause> causes;
  if (r.kind == "MachineOSConfig") {
    std::vector<std::string> unknown;
    unknown_fields(object, "", mosc_shapes(), unknown);
    if (!unknown.empty() && fv == FieldValidation::strict) {
      std::string msg = r.kind + " in body: strict decoding error: ";
      for (size_t i = 0; i < unknown.size(); ++i) msg += (i ? ", " : "") + std::string("unknown field \"") + unknown[i] + "\"";
      a.error = bad_request(msg);
      return a;
    }
    for (const auto& u : unknown) if (fv == FieldValidation::warn) a.warnings.push_back("unknown field \"" + u + "\"");
    prune(object, "", mosc_shapes());
    check_mosc(old_object, object, causes);
  } else if (r.kind == "MachineOSBuild") {
    check_mosb(old_object, object, causes);
  } else if (r.kind == "Config") {
    check_registry_config(object, causes);
  }
  if (!causes.empty()) a.error = invalid(r.group, r.kind, object["metadata"].value("name", ""), causes);
  return a;
}

}  // namespace dl::sim::api

// The `exec` block of a kubeconfig user (client-go's ExecConfig).
#include "kube/kubeconfig_entries.h"

namespace dl::kube::detail {
namespace {

const char* const k_exec_api_versions[] = {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"};

util::Status read_args(const Entry& e, const YAML::Node& node, ExecConfig& out) {
  if (!node) {
    return util::ok_status();
  }
  if (!node.IsSequence()) {
    return field_error(e, "exec.args must be a list of strings");
  }
  for (const auto& a : node) {
    if (!a.IsScalar()) {
      return field_error(e, "exec.args must be a list of strings");
    }
    out.args.push_back(a.Scalar());
  }
  return util::ok_status();
}

util::Status read_env(const Entry& e, const YAML::Node& node, ExecConfig& out) {
  if (!node || node.IsNull()) {
    return util::ok_status();
  }
  if (!node.IsSequence()) {
    return field_error(e, "exec.env must be a list of {name, value}");
  }
  for (size_t i = 0; i < node.size(); ++i) {
    const YAML::Node item = node[i];
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar() || item["name"].Scalar().empty() ||
        (item["value"] && !item["value"].IsScalar())) {
      return field_error(e, "exec.env[" + std::to_string(i) + "] must have a name and a string value");
    }
    out.env[item["name"].Scalar()] = item["value"] ? item["value"].Scalar() : "";
  }
  return util::ok_status();
}

}  // namespace

util::Result<std::optional<ExecConfig>> exec_field(const Entry& e) {
  if (!e.body || !e.body.IsMap() || !e.body["exec"]) {
    return std::optional<ExecConfig>();
  }
  const YAML::Node x = e.body["exec"];
  if (!x.IsMap()) {
    return field_error(e, "exec must be a map");
  }
  ExecConfig out;
  for (auto [key, field] : {std::pair{"command", &out.command}, std::pair{"apiVersion", &out.api_version},
                            std::pair{"installHint", &out.install_hint}}) {
    if (x[key] && !x[key].IsScalar()) {
      return field_error(e, std::string("exec.") + key + " must be a string");
    }
    *field = x[key] ? x[key].Scalar() : "";
  }
  if (out.command.empty()) {
    return field_error(e, "exec.command is not set");
  }
  bool known = false;
  for (const char* v : k_exec_api_versions) {
    known = known || out.api_version == v;
  }
  if (!known) {
    return field_error(e, "exec.apiVersion \"" + out.api_version +
                              "\" is not supported (use client.authentication.k8s.io/v1 or v1beta1)");
  }
  if (out.command.find('/') != std::string::npos) {
    out.command = resolve_path(e.file, out.command);
  }
  auto st = read_args(e, x["args"], out);
  if (st) {
    st = read_env(e, x["env"], out);
  }
  if (!st) {
    return st.error();
  }
  out.provide_cluster_info = x["provideClusterInfo"] && x["provideClusterInfo"].IsScalar() &&
                             x["provideClusterInfo"].Scalar() == "true";
  return std::optional<ExecConfig>(std::move(out));
}

}  // namespace dl::kube::detail

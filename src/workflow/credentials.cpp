#include "workflow/credentials.h"

#include "render/manifests.h"
#include "util/base64.h"

namespace dl::workflow {
namespace {

kube::Error invalid(std::string message) {
  kube::Error e;
  e.kind = util::ErrorKind::invalid_input;
  e.message = std::move(message);
  return e;
}

std::string push_host(const spec::LayerSpec& spec) {
  std::string s = spec::push_spec(spec);
  return s.substr(0, s.find('/'));
}

json layer_labels(const spec::LayerSpec& spec) {
  return {{render::k_managed_by_label, "doca-layer"}, {render::k_layer_label, spec.name}};
}

/// The push config to keep from an existing push-secret, when its token is still good.
std::optional<json> reusable_push(const json& secret, const std::string& host, long long now, long long renew_before) {
  auto expires = parse_time(annotation(secret, k_token_expiry_annotation));
  if (!expires || *expires - now <= renew_before) return std::nullopt;
  auto auths = docker_auths(secret);
  if (!auths || !auths->contains(host)) return std::nullopt;
  return json{{"auths", *auths}};
}

kube::KubeResult<json> read_secret(kube::Client& client, const std::string& ns, const std::string& name) {
  return client.get(kube::with_name(refs::secret(ns), name));
}

}  // namespace

util::Result<json> docker_auths(const json& secret) {
  std::string name = describe(secret);
  if (secret.value("type", "") != "kubernetes.io/dockerconfigjson")
    return util::make_error(util::ErrorKind::invalid_input,
                            name + " is of type " + secret.value("type", "<none>") +
                                ", not kubernetes.io/dockerconfigjson");
  const json data = secret.value("data", json::object());
  if (!data.contains(".dockerconfigjson") || !data[".dockerconfigjson"].is_string())
    return util::make_error(util::ErrorKind::invalid_input, name + " has no .dockerconfigjson key");
  auto raw = util::base64_decode(data[".dockerconfigjson"].get<std::string>());
  if (!raw) return util::make_error(util::ErrorKind::invalid_input, name + ": .dockerconfigjson is not valid base64");
  json config = json::parse(*raw, nullptr, false);
  if (config.is_discarded() || !config.is_object())
    return util::make_error(util::ErrorKind::invalid_input, name + ": .dockerconfigjson is not a JSON object");
  if (!config.contains("auths") || !config["auths"].is_object())
    return util::make_error(util::ErrorKind::invalid_input, name + ": .dockerconfigjson has no \"auths\" object");
  for (const auto& [host, entry] : config["auths"].items())
    if (!entry.is_object())
      return util::make_error(util::ErrorKind::invalid_input, name + ": the entry for registry " + host + " is not an object");
  return config["auths"];
}

json docker_config(const std::string& host, const std::string& user, const std::string& token) {
  return {{"auths", {{host, {{"username", user}, {"password", token}, {"auth", util::base64_encode(user + ":" + token)}}}}}};
}

json merge_auths(const json& global_auths, const json& push_auths) {
  json merged = global_auths;
  for (const auto& [host, entry] : push_auths.items()) merged[host] = entry;
  return merged;
}

json docker_secret(const std::string& name, const json& config, const json& labels, const json& annotations) {
  json meta = {{"name", name}, {"namespace", spec::k_mco_namespace}, {"labels", labels}};
  if (!annotations.empty()) meta["annotations"] = annotations;
  return {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", meta}, {"type", "kubernetes.io/dockerconfigjson"},
          {"data", {{".dockerconfigjson", util::base64_encode(config.dump())}}}};
}

kube::KubeResult<CredentialsResult> ensure_credentials(kube::Client& client, const spec::LayerSpec& spec,
                                                       long long now, DryRun dry_run) {
  auto global = read_secret(client, k_global_pull_secret_ns, k_global_pull_secret);
  if (!global) return global.error();
  auto global_auths = docker_auths(*global);
  if (!global_auths) return invalid("the global pull secret " + global_auths.error().message);
  CredentialsResult result;
  if (spec.registry.external) {
    auto push = read_secret(client, spec::k_mco_namespace, spec.registry.external->push_secret);
    if (!push) return push.error();
    if (auto auths = docker_auths(*push); !auths) return invalid("the push secret " + auths.error().message);
    return result;
  }
  std::string host = push_host(spec);
  std::optional<json> push;
  auto existing = read_secret(client, spec::k_mco_namespace, spec::k_push_secret);
  if (!existing && !existing.error().is_not_found()) return existing.error();
  if (existing) {
    push = reusable_push(*existing, host, now, spec.credentials.renew_before_seconds);
    if (push) result.token_expires = parse_time(annotation(*existing, k_token_expiry_annotation));
  }
  if (!push) {
    std::string token = "dry-run-token";
    long long expires = now + spec.credentials.token_ttl_seconds;
    if (dry_run != DryRun::client) {
      json request = {{"apiVersion", "authentication.k8s.io/v1"}, {"kind", "TokenRequest"},
                      {"spec", {{"expirationSeconds", spec.credentials.token_ttl_seconds}}}};
      auto ref = kube::with_name(refs::service_account(spec::k_mco_namespace), k_builder_sa);
      ref.subresource = "token";
      kube::WriteOptions wo;
      wo.dry_run = dry_run == DryRun::server ? kube::DryRun::yes : kube::DryRun::no;
      wo.stores_nothing = true;  // a lost answer's token is never stored or used: ask again
      auto answer = client.create_subresource(ref, request, wo);
      if (!answer) return answer.error();
      token = answer->value("status", json::object()).value("token", "");
      if (auto t = parse_time(answer->value("status", json::object()).value("expirationTimestamp", ""))) expires = *t;
      if (token.empty() && dry_run == DryRun::none) return invalid("the TokenRequest for " + std::string(k_builder_sa) + " returned no token");
    }
    result.token_requested = true;
    result.token_expires = expires;
    push = docker_config(host, k_builder_sa, token);
  }
  json labels = layer_labels(spec);
  json push_secret = docker_secret(spec::k_push_secret, *push, labels,
                                   {{k_token_expiry_annotation, format_time(*result.token_expires)}});
  json merged = {{"auths", merge_auths(*global_auths, (*push)["auths"])}};
  json pull_and_push = docker_secret(spec::k_pull_and_push_secret, merged, labels, json::object());
  for (const json* s : {&push_secret, &pull_and_push}) {
    auto o = reconcile(client, *s, dry_run);
    if (!o) return o.error();
    o->object.erase("data");  // the caller keeps the outcome; the secret's content stays here
    result.outcomes.push_back(*o);
  }
  return result;
}

}  // namespace dl::workflow

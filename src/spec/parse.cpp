#include "spec/parse.h"

#include "spec/decoder.h"
#include "spec/formats.h"

namespace dl::spec {
namespace {

void parse_doca(Decoder& d, const YAML::Node& n, Parsed& out) {
  const std::string p = "spec.doca";
  if (!d.mapping(n, p, {"version", "baseURL", "os", "arch", "profile", "gpgCheck", "gpgKey", "replace"})) return;
  DocaSpec& doca = out.spec.doca;
  d.str(n, "version", p + ".version", doca.version);
  d.str(n, "baseURL", p + ".baseURL", doca.base_url);
  out.doca_os_given = d.str(n, "os", p + ".os", doca.os);
  d.str(n, "arch", p + ".arch", doca.arch);
  d.str(n, "profile", p + ".profile", doca.profile);
  d.boolean(n, "gpgCheck", p + ".gpgCheck", doca.gpg_check);
  out.doca_gpg_key_given = d.str(n, "gpgKey", p + ".gpgKey", doca.gpg_key);
  d.str_list(n, "replace", p + ".replace", doca.replace);
}

void parse_repos(Decoder& d, const YAML::Node& n, Parsed& out) {
  const std::string p = "spec.repos";
  if (!n.IsSequence()) {
    d.mapping(n, p, {});  // reports the type error
    return;
  }
  out.repos_given = true;
  for (size_t i = 0; i < n.size(); ++i) {
    std::string ip = p + "[" + std::to_string(i) + "]";
    d.record(ip, n[i]);
    if (!d.mapping(n[i], ip, {"id", "name", "baseURL", "gpgCheck", "gpgKey", "gpgKeyFile", "priority"})) continue;
    RepoSpec r;
    d.str(n[i], "id", ip + ".id", r.id);
    d.str(n[i], "name", ip + ".name", r.name);
    d.str(n[i], "baseURL", ip + ".baseURL", r.base_url);
    d.boolean(n[i], "gpgCheck", ip + ".gpgCheck", r.gpg_check);
    d.str(n[i], "gpgKey", ip + ".gpgKey", r.gpg_key);
    d.str(n[i], "gpgKeyFile", ip + ".gpgKeyFile", r.gpg_key_file);
    d.integer(n[i], "priority", ip + ".priority", r.priority);
    out.spec.repos.push_back(r);
  }
}

void parse_internal(Decoder& d, const YAML::Node& in, InternalRegistry& r) {
  const std::string p = "spec.registry.internal";
  if (in.IsNull()) return;  // "internal:" alone means all defaults
  if (!d.mapping(in, p, {"storageClass", "size", "accessMode", "replicas", "claimName", "defaultRoute", "image"}))
    return;
  d.str(in, "storageClass", p + ".storageClass", r.storage_class);
  d.str(in, "size", p + ".size", r.size);
  d.str(in, "accessMode", p + ".accessMode", r.access_mode);
  d.integer(in, "replicas", p + ".replicas", r.replicas);
  d.str(in, "claimName", p + ".claimName", r.claim_name);
  d.boolean(in, "defaultRoute", p + ".defaultRoute", r.default_route);
  d.str(in, "image", p + ".image", r.image);
}

void parse_registry(Decoder& d, const YAML::Node& n, Parsed& out) {
  const std::string p = "spec.registry";
  if (!d.mapping(n, p, {"internal", "external"})) return;
  if (Decoder::has(n, "internal")) {
    InternalRegistry r;
    parse_internal(d, Decoder::child(n, "internal"), r);
    out.spec.registry.internal = r;
  }
  if (Decoder::has(n, "external")) {
    ExternalRegistry r;
    YAML::Node ex = Decoder::child(n, "external");
    if (d.mapping(ex, p + ".external", {"pushSpec", "pushSecret"})) {
      d.str(ex, "pushSpec", p + ".external.pushSpec", r.push_spec);
      d.str(ex, "pushSecret", p + ".external.pushSecret", r.push_secret);
    }
    out.spec.registry.external = r;
  }
}

bool parse_duration_field(Decoder& d, const YAML::Node& n, const std::string& key, const std::string& path,
                          long long& out) {
  std::string text;
  if (!d.str(n, key, path, text)) return false;
  if (auto secs = parse_duration(text)) {
    out = *secs;
    return true;
  }
  d.reporter().error(path, "\"" + text + "\" is not a duration", "use hours and minutes, e.g. 720h or 1h30m");
  return false;
}

void parse_credentials(Decoder& d, const YAML::Node& n, Parsed& out) {
  const std::string p = "spec.credentials";
  if (!d.mapping(n, p, {"tokenTTL", "renewBefore"})) return;
  parse_duration_field(d, n, "tokenTTL", p + ".tokenTTL", out.spec.credentials.token_ttl_seconds);
  out.renew_before_given =
      parse_duration_field(d, n, "renewBefore", p + ".renewBefore", out.spec.credentials.renew_before_seconds);
}

void parse_ovs(Decoder& d, const YAML::Node& n, Parsed& out) {
  const std::string p = "spec.ovs";
  if (!d.mapping(n, p, {"docaInit", "hwOffload", "otherConfig"})) return;
  d.boolean(n, "docaInit", p + ".docaInit", out.spec.ovs.doca_init);
  d.boolean(n, "hwOffload", p + ".hwOffload", out.spec.ovs.hw_offload);
  d.str_map(n, "otherConfig", p + ".otherConfig", out.spec.ovs.other_config);
}

void parse_packages(Decoder& d, const YAML::Node& n, Parsed& out) {
  const std::string p = "spec.packages";
  if (!d.mapping(n, p, {"dependencies", "extra"})) return;
  out.dependencies_given = d.str_list(n, "dependencies", p + ".dependencies", out.spec.packages.dependencies) ||
                           !Decoder::child(n, "dependencies").IsNull();
  d.str_list(n, "extra", p + ".extra", out.spec.packages.extra);
}

void parse_spec(Decoder& d, const YAML::Node& n, Parsed& out) {
  if (!d.mapping(n, "spec", {"pool", "openshiftVersion", "doca", "repos", "packages", "registry", "credentials", "ovs"}))
    return;
  d.str(n, "pool", "spec.pool", out.spec.pool);
  d.str(n, "openshiftVersion", "spec.openshiftVersion", out.spec.openshift_version);
  if (auto c = Decoder::child(n, "doca"); !c.IsNull()) parse_doca(d, c, out);
  if (auto c = Decoder::child(n, "repos"); !c.IsNull()) parse_repos(d, c, out);
  if (auto c = Decoder::child(n, "packages"); !c.IsNull()) parse_packages(d, c, out);
  if (auto c = Decoder::child(n, "registry"); !c.IsNull()) parse_registry(d, c, out);
  if (auto c = Decoder::child(n, "credentials"); !c.IsNull()) parse_credentials(d, c, out);
  if (auto c = Decoder::child(n, "ovs"); !c.IsNull()) parse_ovs(d, c, out);
}

void parse_document(Decoder& d, const YAML::Node& root, Parsed& out) {
  if (!d.mapping(root, "", {"apiVersion", "kind", "metadata", "spec"})) return;
  std::string api, kind;
  if (!d.str(root, "apiVersion", "apiVersion", api) && Decoder::child(root, "apiVersion").IsNull())
    d.reporter().error("apiVersion", "missing", std::string("set apiVersion: ") + k_api_version);
  else if (!api.empty() && api != k_api_version)
    d.reporter().error("apiVersion", "unsupported apiVersion \"" + api + "\"", std::string("use ") + k_api_version);
  if (!d.str(root, "kind", "kind", kind) && Decoder::child(root, "kind").IsNull())
    d.reporter().error("kind", "missing", std::string("set kind: ") + k_kind);
  else if (!kind.empty() && kind != k_kind)
    d.reporter().error("kind", "unsupported kind \"" + kind + "\"", std::string("use ") + k_kind);
  if (auto m = Decoder::child(root, "metadata"); !m.IsNull() && d.mapping(m, "metadata", {"name"}))
    d.str(m, "name", "metadata.name", out.spec.name);
  auto s = Decoder::child(root, "spec");
  if (s.IsNull()) d.reporter().error("spec", "missing", "a LayerConfig needs at least spec.pool");
  else parse_spec(d, s, out);
}

}  // namespace

Parsed parse(const std::string& text, const std::string& file, std::vector<Diagnostic>& diags) {
  Parsed out;
  Reporter reporter(file, &out.positions);
  Decoder d(reporter, out.positions);
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(text);
  } catch (const YAML::Exception& e) {
    reporter.at(Pos{e.mark.line + 1, e.mark.column + 1}, Severity::error, "", "malformed YAML: " + e.msg,
                "check indentation and quoting around this position");
  }
  if (reporter.diagnostics().empty()) {
    if (docs.empty() || (docs.size() == 1 && docs[0].IsNull()))
      reporter.at(Pos{}, Severity::error, "", "the spec is empty", "run 'doca-layer init' to write a starter spec");
    else if (docs.size() > 1)
      reporter.at(Decoder::pos_of(docs[1]), Severity::error, "", "expected one YAML document, found " +
                  std::to_string(docs.size()), "keep one LayerConfig per file");
    else
      parse_document(d, docs[0], out);
  }
  for (auto& diag : reporter.diagnostics()) diags.push_back(std::move(diag));
  return out;
}

}  // namespace dl::spec

#include "spec/validate.h"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "spec/formats.h"
#include "spec/platform.h"
#include "util/files.h"
#include "util/strings.h"

namespace dl::spec {
namespace {

const std::vector<std::string> k_ovs_profiles = {"doca-all", "doca-networking"};
const std::vector<std::string> k_other_profiles = {"doca-ofed", "doca-roce", "doca-host-basic"};

void check_name(Reporter& r, const std::string& path, const std::string& value, const char* what) {
  if (!is_dns1123_subdomain(value))
    r.error(path, "\"" + value + "\" is not a valid " + what,
            "use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit");
}

void check_openshift(Reporter& r, const LayerSpec& s) {
  if (s.openshift_version.empty()) return;
  auto v = parse_ocp_version(s.openshift_version);
  if (!v) {
    r.error("spec.openshiftVersion", "\"" + s.openshift_version + "\" is not an OpenShift version",
            "write major.minor or major.minor.patch, e.g. \"4.20\"");
    return;
  }
  if (!rhcos_base(*v) || (v->major == 4 && v->minor < 18)) {
    r.error("spec.openshiftVersion", "OpenShift " + s.openshift_version + " has no MachineOSConfig v1 API",
            "on-cluster layering with machineconfiguration.openshift.io/v1 needs OpenShift 4.19 or later");
  } else if (v->major == 4 && v->minor == 18) {
    r.warning("spec.openshiftVersion", "OpenShift 4.18 shipped MachineOSConfig v1alpha1; v1 only in later 4.18.z",
              "check 'oc api-resources | grep machineosconfigs' shows version v1");
  }
}

void default_doca_os(Parsed& p, Reporter& r) {
  LayerSpec& s = p.spec;
  auto key = doca_version_key(s.doca.version);
  auto ocp = parse_ocp_version(s.openshift_version);
  auto base = ocp ? rhcos_base(*ocp) : std::nullopt;
  if (!key || *key >= 30300) {  // from DOCA 3.3 the repos are per RHEL major
    s.doca.os = "rhel" + std::to_string(base ? base->rhel_major : 9);
  } else if (base) {
    s.doca.os = "rhel" + std::to_string(base->rhel_major) + "." + std::to_string(base->rhel_minor);
  } else {
    r.error("spec.doca.os", "cannot choose the DOCA repo OS for DOCA " + s.doca.version,
            "DOCA before 3.3 has per-minor repos: set spec.doca.os (e.g. rhel9.6) or spec.openshiftVersion");
  }
}

void check_doca_os(Reporter& r, const LayerSpec& s) {
  static const std::regex k_os(R"(^rhel([0-9]+)(\.([0-9]+))?$)");
  std::smatch m;
  if (!std::regex_match(s.doca.os, m, k_os)) {
    r.error("spec.doca.os", "\"" + s.doca.os + "\" is not a DOCA repo OS", "use rhel9, rhel9.6, rhel10, ...");
    return;
  }
  int major = std::stoi(m[1]);
  if (major != 9 && major != 10) {
    r.error("spec.doca.os", "RHCOS is not built on RHEL " + std::to_string(major),
            "RHCOS is RHEL 9 (OpenShift 4.16-4.22) or RHEL 10 (4.23+); use rhel9 or rhel10");
    return;
  }
  auto ocp = parse_ocp_version(s.openshift_version);
  auto base = ocp ? rhcos_base(*ocp) : std::nullopt;
  if (!base) return;
  bool major_ok = major == base->rhel_major || (base->rhel_major == 10 && major == 9);
  if (!major_ok) {
    r.error("spec.doca.os", s.doca.os + " does not match OpenShift " + s.openshift_version + " (RHEL " +
            std::to_string(base->rhel_major) + "." + std::to_string(base->rhel_minor) + ")",
            "use rhel" + std::to_string(base->rhel_major));
  } else if (m[3].matched && major == base->rhel_major && std::stoi(m[3]) != base->rhel_minor) {
    r.warning("spec.doca.os", s.doca.os + " differs from the RHEL minor of OpenShift " + s.openshift_version +
              " (" + std::to_string(base->rhel_major) + "." + std::to_string(base->rhel_minor) + ")",
              "packages built for another minor may not install");
  }
}

void check_packages(Reporter& r, const std::string& path, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    std::string ip = path + "[" + std::to_string(i) + "]";
    if (n.find("://") != std::string::npos || (n.size() > 4 && n.substr(n.size() - 4) == ".rpm"))
      r.error(ip, "\"" + n + "\" is a package file, not a package name",
              "give the package name and add the repository that serves it to spec.repos");
    else if (!is_package_name(n))
      r.error(ip, "\"" + n + "\" is not a valid package name", "letters, digits and . _ + - only");
  }
}

void check_doca(Parsed& p, Reporter& r) {
  DocaSpec& d = p.spec.doca;
  if (!doca_version_key(d.version)) {
    if (d.version.rfind("latest", 0) == 0 && is_package_name(d.version))
      r.warning("spec.doca.version", "\"" + d.version + "\" moves over time; builds are not reproducible",
                "pin a release such as \"3.3.0\"");
    else
      r.error("spec.doca.version", "\"" + d.version + "\" is not a DOCA release", "write X.Y.Z, e.g. \"3.3.0\"");
  }
  while (d.base_url.size() > 1 && d.base_url.back() == '/') d.base_url.pop_back();
  if (!is_url(d.base_url, true))
    r.error("spec.doca.baseURL", "\"" + d.base_url + "\" is not an http(s):// or file:// URL",
            "e.g. https://linux.mellanox.com/public/repo/doca");
  if (d.arch != "x86_64" && d.arch != "aarch64") {
    std::string hint = d.arch == "amd64" ? "use x86_64" : d.arch == "arm64" ? "use aarch64" : "x86_64 or aarch64";
    r.error("spec.doca.arch", "unsupported architecture \"" + d.arch + "\"", hint);
  }
  if (!p.doca_os_given) default_doca_os(p, r);
  if (!d.os.empty()) check_doca_os(r, p.spec);
  bool profile_has_ovs = std::find(k_ovs_profiles.begin(), k_ovs_profiles.end(), d.profile) != k_ovs_profiles.end();
  bool profile_known = profile_has_ovs ||
                       std::find(k_other_profiles.begin(), k_other_profiles.end(), d.profile) != k_other_profiles.end();
  auto& extra = p.spec.packages.extra;
  bool extra_has_ovs = std::find(extra.begin(), extra.end(), "doca-openvswitch") != extra.end();
  if (!profile_known) {
    std::vector<std::string> all = k_ovs_profiles;
    all.insert(all.end(), k_other_profiles.begin(), k_other_profiles.end());
    auto guess = util::did_you_mean(d.profile, all);
    r.error("spec.doca.profile", "unknown DOCA profile \"" + d.profile + "\"",
            guess ? "did you mean \"" + *guess + "\"?" : "use doca-all or doca-networking");
  } else if (!profile_has_ovs && !extra_has_ovs) {
    r.error("spec.doca.profile", "profile " + d.profile + " does not include OVS-DOCA",
            "use doca-all or doca-networking, or add doca-openvswitch to spec.packages.extra");
  }
  if (d.gpg_check) {
    if (!p.doca_gpg_key_given) d.gpg_key = d.base_url + "/GPG-KEY-Mellanox.pub";
    else if (!is_url(d.gpg_key, true))
      r.error("spec.doca.gpgKey", "\"" + d.gpg_key + "\" is not an http(s):// or file:// URL",
              "the key dnf imports to check DOCA packages");
  } else {
    r.warning("spec.doca.gpgCheck", "DOCA packages will be installed without signature checks",
              "set gpgCheck: true unless your mirror strips signatures");
  }
  check_packages(r, "spec.doca.replace", d.replace);
}

void check_repo(Reporter& r, const std::string& ip, RepoSpec& repo, std::set<std::string>& ids) {
  static const std::regex k_id(R"(^[A-Za-z0-9][A-Za-z0-9._-]*$)");
  if (repo.id.empty()) r.error(ip + ".id", "missing", "every repo needs an id, e.g. baseos");
  else if (!std::regex_match(repo.id, k_id)) r.error(ip + ".id", "\"" + repo.id + "\" is not a valid repo id",
                                                      "letters, digits and . _ - only");
  else if (repo.id == "doca") r.error(ip + ".id", "\"doca\" is reserved for the DOCA repo", "choose another id");
  else if (!ids.insert(repo.id).second) r.error(ip + ".id", "duplicate repo id \"" + repo.id + "\"", "ids must be unique");
  if (repo.name.empty()) repo.name = repo.id;
  if (repo.base_url.empty()) r.error(ip + ".baseURL", "missing", "the URL of the repository (the folder holding repodata/)");
  else if (!is_url(repo.base_url, true))
    r.error(ip + ".baseURL", "\"" + repo.base_url + "\" is not an http(s):// or file:// URL", "e.g. https://mirror.example.com/9-stream/BaseOS/x86_64/os");
  if (!repo.gpg_key.empty() && !repo.gpg_key_file.empty())
    r.error(ip + ".gpgKeyFile", "give gpgKey or gpgKeyFile, not both", "gpgKey is a URL; gpgKeyFile a local file shipped to the build");
  else if (!repo.gpg_key.empty() && !is_url(repo.gpg_key, true))
    r.error(ip + ".gpgKey", "\"" + repo.gpg_key + "\" is not an http(s):// or file:// URL", "for a local file use gpgKeyFile");
  else if (repo.gpg_check && repo.gpg_key.empty() && repo.gpg_key_file.empty())
    r.error(ip + ".gpgCheck", "gpgCheck is true but no key is given", "set gpgKey (URL) or gpgKeyFile (local file)");
  if (!repo.gpg_check)
    r.warning(ip + ".gpgCheck", "packages from repo " + repo.id + " will be installed without signature checks",
              "set gpgCheck: true and give its key");
  if (repo.priority != 0 && (repo.priority < 1 || repo.priority > 99))
    r.error(ip + ".priority", "priority must be between 1 and 99", "lower numbers win; dnf's default is 99");
}

void check_repos(Parsed& p, Reporter& r) {
  if (!p.repos_given) {
    int major = p.spec.doca.os.rfind("rhel10", 0) == 0 ? 10 : 9;
    p.spec.repos = default_repos(major, p.spec.doca.arch);
    return;
  }
  std::set<std::string> ids;
  for (size_t i = 0; i < p.spec.repos.size(); ++i)
    check_repo(r, "spec.repos[" + std::to_string(i) + "]", p.spec.repos[i], ids);
}

void check_internal_registry(Reporter& r, const InternalRegistry& in) {
  const std::string p = "spec.registry.internal";
  check_name(r, p + ".storageClass", in.storage_class, "storage class name");
  if (!parse_storage_quantity(in.size))
    r.error(p + ".size", "\"" + in.size + "\" is not a storage quantity", "use a Kubernetes quantity such as 100Gi");
  else if (*parse_storage_quantity(in.size) < 1024.0 * 1024 * 1024)
    r.error(p + ".size", in.size + " is too small for an OS image registry", "layered RHCOS images are several GiB; use 100Gi");
  static const std::vector<std::string> k_modes = {"ReadWriteOnce", "ReadWriteMany", "ReadWriteOncePod"};
  if (std::find(k_modes.begin(), k_modes.end(), in.access_mode) == k_modes.end()) {
    auto guess = util::did_you_mean(in.access_mode, k_modes);
    r.error(p + ".accessMode", "unknown access mode \"" + in.access_mode + "\"",
            guess ? "did you mean \"" + *guess + "\"?" : util::join(k_modes, ", "));
  }
  if (in.replicas < 1 || in.replicas > 10)
    r.error(p + ".replicas", "replicas must be between 1 and 10", "1 on single-node OpenShift");
  else if (in.replicas > 1 && in.access_mode != "ReadWriteMany")
    r.error(p + ".replicas", std::to_string(in.replicas) + " replicas cannot share a " + in.access_mode + " volume",
            "use accessMode: ReadWriteMany or replicas: 1");
  check_name(r, p + ".claimName", in.claim_name, "claim name");
  static const std::regex k_image(R"(^[a-z0-9]+([._-][a-z0-9]+)*$)");
  if (!std::regex_match(in.image, k_image))
    r.error(p + ".image", "\"" + in.image + "\" is not a valid image name", "lower-case letters, digits and . _ -");
}

void check_external_registry(Reporter& r, const ExternalRegistry& ex) {
  const std::string p = "spec.registry.external";
  if (ex.push_spec.empty()) {
    r.error(p + ".pushSpec", "missing", "where the built image is pushed, e.g. quay.io/acme/ovs-doca:latest");
  } else if (!matches_push_spec_cel(ex.push_spec)) {
    r.error(p + ".pushSpec", "\"" + ex.push_spec + "\" would be rejected by the MachineOSConfig API",
            "the API wants host[:port][/namespace]/name:tag with a dot in the host and a tag");
  } else if (!push_spec_repository_is_lower(ex.push_spec)) {
    r.error(p + ".pushSpec", "repository names must be lower case", "the MCO parses it as a docker reference");
  } else if (push_spec_path_depth(ex.push_spec) > 1) {
    r.warning(p + ".pushSpec", "more than one path segment between host and image name",
              "the MachineOSConfig status accepts one (host/namespace/name); prefer that form");
  }
  if (ex.push_secret.empty()) r.error(p + ".pushSecret", "missing", "a kubernetes.io/dockerconfigjson Secret in openshift-machine-config-operator");
  else check_name(r, p + ".pushSecret", ex.push_secret, "Secret name");
}

void check_registry(Parsed& p, Reporter& r) {
  RegistrySpec& reg = p.spec.registry;
  if (reg.internal && reg.external) {
    r.error("spec.registry", "internal and external are both set", "choose one registry");
    return;
  }
  if (!reg.internal && !reg.external) reg.internal = InternalRegistry{};
  if (reg.internal) check_internal_registry(r, *reg.internal);
  else check_external_registry(r, *reg.external);
}

void check_credentials(Reporter& r, const CredentialsSpec& c) {
  const long long k_min = 600, k_max = 8760LL * 3600;  // TokenRequest minimum; one year
  if (c.token_ttl_seconds < k_min)
    r.error("spec.credentials.tokenTTL", "shorter than 10m", "the API server refuses tokens under 10 minutes");
  else if (c.token_ttl_seconds > k_max)
    r.error("spec.credentials.tokenTTL", "longer than 8760h", "long-lived tokens are what doca-layer avoids; apply renews them");
  if (c.renew_before_seconds >= c.token_ttl_seconds)
    r.error("spec.credentials.renewBefore", "must be shorter than tokenTTL",
            "apply renews the token when less than renewBefore is left");
}

void check_ovs(Reporter& r, const OvsSpec& o) {
  static const std::regex k_key(R"(^[a-z0-9][a-z0-9_.-]*$)");
  static const std::regex k_value(R"(^[A-Za-z0-9 _.,:=/+@-]*$)");
  for (const auto& [k, v] : o.other_config) {
    std::string path = "spec.ovs.otherConfig." + k;
    if (k == "doca-init" || k == "hw-offload")
      r.error(path, "set by spec.ovs." + std::string(k == "doca-init" ? "docaInit" : "hwOffload"),
              "remove it from otherConfig");
    else if (!std::regex_match(k, k_key))
      r.error(path, "\"" + k + "\" is not an other_config key", "lower-case letters, digits and - _ .");
    else if (!std::regex_match(v, k_value) || v.empty() || v.front() == ' ' || v.back() == ' ')
      r.error(path, "value \"" + v + "\" cannot be set safely", "letters, digits, spaces inside and _ . , : = / + @ -");
  }
  if (!o.doca_init)
    r.warning("spec.ovs.docaInit", "false: doca_initialized will stay false and 'verify' will fail",
              "set docaInit: true unless you set doca-init another way");
}

}  // namespace

const std::vector<std::string>& default_dependencies() {
  static const std::vector<std::string> k_deps = {
      "libyaml-devel", "libpcap-devel", "libzip-devel", "libunwind",   "jsoncpp",   "openssl-devel",
      "kernel-devel",  "kernel-headers", "unbound-libs", "unbound",    "bzip2-libs", "bzip2-devel"};
  return k_deps;
}

std::vector<RepoSpec> default_repos(int rhel_major, const std::string& arch) {
  std::string stream = "https://mirror.stream.centos.org/" + std::to_string(rhel_major) + "-stream/";
  std::string centos_key = "https://www.centos.org/keys/RPM-GPG-KEY-CentOS-Official-SHA256";
  std::string epel = "https://dl.fedoraproject.org/pub/epel/";
  std::string n = std::to_string(rhel_major);
  return {
      RepoSpec{"baseos", "CentOS Stream " + n + " - BaseOS", stream + "BaseOS/" + arch + "/os", true, centos_key, "", "", 0},
      RepoSpec{"appstream", "CentOS Stream " + n + " - AppStream", stream + "AppStream/" + arch + "/os", true, centos_key, "", "", 0},
      RepoSpec{"crb", "CentOS Stream " + n + " - CRB", stream + "CRB/" + arch + "/os", true, centos_key, "", "", 0},
      RepoSpec{"epel", "EPEL " + n, epel + n + "/Everything/" + arch + "/", true, epel + "RPM-GPG-KEY-EPEL-" + n, "", "", 0},
  };
}

void validate(Parsed& p, Reporter& r) {
  check_name(r, "metadata.name", p.spec.name, "name");
  if (p.spec.pool.empty()) r.error("spec.pool", "missing", "the MachineConfigPool to layer: master on SNO, worker elsewhere");
  else if (!is_dns1123_subdomain(p.spec.pool))
    r.error("spec.pool", "\"" + p.spec.pool + "\" is not a valid MachineConfigPool name",
            "the MachineOSConfig takes this name: lower-case letters, digits, '-' and '.'");
  check_openshift(r, p.spec);
  check_doca(p, r);
  check_repos(p, r);
  if (!p.dependencies_given) p.spec.packages.dependencies = default_dependencies();
  check_packages(r, "spec.packages.dependencies", p.spec.packages.dependencies);
  check_packages(r, "spec.packages.extra", p.spec.packages.extra);
  check_registry(p, r);
  if (!p.renew_before_given)  // 72h, or a third of a short TTL
    p.spec.credentials.renew_before_seconds = std::min(p.spec.credentials.renew_before_seconds,
                                                       p.spec.credentials.token_ttl_seconds / 3);
  check_credentials(r, p.spec.credentials);
  check_ovs(r, p.spec.ovs);
}

Loaded load_string(const std::string& text, const std::string& file, const std::string& base_dir) {
  Loaded out;
  Parsed parsed = parse(text, file, out.diagnostics);
  if (!has_errors(out.diagnostics)) {
    Reporter r(file, &parsed.positions);
    validate(parsed, r);
    for (size_t i = 0; i < parsed.spec.repos.size(); ++i) {
      RepoSpec& repo = parsed.spec.repos[i];
      if (repo.gpg_key_file.empty()) continue;
      std::filesystem::path kp(repo.gpg_key_file);
      if (kp.is_relative() && !base_dir.empty()) kp = std::filesystem::path(base_dir) / kp;
      auto data = util::read_file(kp.string());
      if (!data) r.error("spec.repos[" + std::to_string(i) + "].gpgKeyFile", data.error().message,
                         "the path is relative to the spec file");
      else if (data->find("-----BEGIN PGP PUBLIC KEY BLOCK-----") == std::string::npos)
        r.error("spec.repos[" + std::to_string(i) + "].gpgKeyFile", kp.string() + " is not an ASCII-armored public key",
                "export it with 'gpg --armor --export KEYID'");
      else repo.gpg_key_data = *data;
    }
    for (auto& d : r.diagnostics()) out.diagnostics.push_back(std::move(d));
  }
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.pos.line < b.pos.line || (a.pos.line == b.pos.line && a.pos.column < b.pos.column);
  });
  out.spec = std::move(parsed.spec);
  out.ok = !has_errors(out.diagnostics);
  return out;
}

Loaded load_file(const std::string& path) {
  auto text = util::read_file(path);
  if (!text) {
    Loaded out;
    out.diagnostics.push_back(Diagnostic{Severity::error, path, {}, "", text.error().message, "check the -f path"});
    return out;
  }
  std::string dir = std::filesystem::path(path).parent_path().string();
  return load_string(*text, path, dir);
}

}  // namespace dl::spec

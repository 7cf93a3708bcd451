// Table-driven checks of the layer spec: every bad spec gets exactly the error a user should see.
#include "spec/validate.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "util/strings.h"

namespace dl::spec {
namespace {

// A valid spec; cases replace one line of it (or append lines) to break it.
const char* const k_base =
    "apiVersion: doca-layer.nvidia.com/v1alpha1\n"  // 1
    "kind: LayerConfig\n"                           // 2
    "metadata:\n"                                   // 3
    "  name: ovs-doca\n"                            // 4
    "spec:\n"                                       // 5
    "  pool: master\n"                              // 6
    "  doca:\n"                                     // 7
    "    version: \"3.3.0\"\n"                      // 8
    "    profile: doca-all\n"                       // 9
    "    arch: x86_64\n"                            // 10
    "  registry:\n"                                 // 11
    "    internal:\n"                               // 12
    "      storageClass: lvms-vg1\n"                // 13
    "      size: 100Gi\n"                           // 14
    "  credentials:\n"                              // 15
    "    tokenTTL: 720h\n"                          // 16
    "  ovs:\n"                                      // 17
    "    docaInit: true\n";                         // 18

std::string with_line(int line, const std::string& replacement) {
  auto lines = util::split(k_base, '\n');
  lines[static_cast<size_t>(line - 1)] = replacement;
  return util::join(lines, "\n");
}

// The base spec with its internal registry swapped for `external` lines.
std::string with_external(const std::string& lines) {
  return util::replace_all(k_base, "    internal:\n      storageClass: lvms-vg1\n      size: 100Gi\n", lines);
}

std::vector<std::string> errors_of(const std::string& text) {
  Loaded l = load_string(text, "layer.yaml", "");
  std::vector<std::string> out;
  for (const auto& d : l.diagnostics)
    if (d.severity == Severity::error) out.push_back(format(d));
  return out;
}

struct BadSpec {
  const char* name;
  std::string text;
  const char* error;
};

std::vector<BadSpec> bad_specs() {
  return {
      {"malformed_yaml", with_line(6, "  pool: [master"),
       "layer.yaml:7:7: error: malformed YAML: end of sequence flow not found (hint: check indentation and quoting "
       "around this position)"},
      {"tab_indentation", with_line(6, "\tpool: master"),
       "layer.yaml:6:6: error: malformed YAML: illegal map value (hint: check indentation and quoting around this "
       "position)"},
      {"empty_file", "", "layer.yaml: error: the spec is empty (hint: run 'doca-layer init' to write a starter spec)"},
      {"two_documents", std::string(k_base) + "---\nkind: LayerConfig\n",
       "layer.yaml:20:1: error: expected one YAML document, found 2 (hint: keep one LayerConfig per file)"},
      {"wrong_api_version", with_line(1, "apiVersion: v1"),
       "layer.yaml:1:13: error: apiVersion: unsupported apiVersion \"v1\" (hint: use doca-layer.nvidia.com/v1alpha1)"},
      {"wrong_kind", with_line(2, "kind: Layer"),
       "layer.yaml:2:7: error: kind: unsupported kind \"Layer\" (hint: use LayerConfig)"},
      {"root_not_mapping", "- a\n- b\n", "layer.yaml:1:1: error: expected a mapping, got a list"},
      {"unknown_top_field", with_line(3, "metdata:"),
       "layer.yaml:3:1: error: metdata: unknown field \"metdata\" (hint: did you mean \"metadata\"?)"},
      {"unknown_spec_field", with_line(6, "  pools: master"),
       "layer.yaml:6:3: error: spec.pools: unknown field \"pools\" (hint: did you mean \"pool\"?)"},
      {"unknown_nested_field", with_line(13, "      storageclass: lvms-vg1"),
       "layer.yaml:13:7: error: spec.registry.internal.storageclass: unknown field \"storageclass\" (hint: did you "
       "mean \"storageClass\"?)"},
      {"duplicate_key", with_line(7, "  pool: worker\n  doca:"),
       "layer.yaml:7:3: error: spec.pool: duplicate key (hint: remove one of the two entries)"},
      {"pool_not_string", with_line(6, "  pool: [master]"), "layer.yaml:6:9: error: spec.pool: expected a string, got a list"},
      {"pool_uppercase", with_line(6, "  pool: Master"),
       "layer.yaml:6:9: error: spec.pool: \"Master\" is not a valid MachineConfigPool name (hint: the MachineOSConfig "
       "takes this name: lower-case letters, digits, '-' and '.')"},
      {"pool_underscore", with_line(6, "  pool: gpu_workers"),
       "layer.yaml:6:9: error: spec.pool: \"gpu_workers\" is not a valid MachineConfigPool name (hint: the "
       "MachineOSConfig takes this name: lower-case letters, digits, '-' and '.')"},
      {"version_unquoted_number", with_line(8, "    version: 3.3"),
       "layer.yaml:8:14: error: spec.doca.version: expected a string, got a number (3.3) (hint: quote it: \"3.3\" (YAML "
       "readers would otherwise change it))"},
      {"version_not_release", with_line(8, "    version: \"3.3\""),
       "layer.yaml:8:14: error: spec.doca.version: \"3.3\" is not a DOCA release (hint: write X.Y.Z, e.g. \"3.3.0\")"},
      {"openshift_version_float", with_line(6, "  pool: master\n  openshiftVersion: 4.20"),
       "layer.yaml:7:21: error: spec.openshiftVersion: expected a string, got a number (4.20) (hint: quote it: \"4.20\" "
       "(YAML readers would otherwise change it))"},
      {"openshift_too_old", with_line(6, "  pool: master\n  openshiftVersion: \"4.14\""),
       "layer.yaml:7:21: error: spec.openshiftVersion: OpenShift 4.14 has no MachineOSConfig v1 API (hint: on-cluster "
       "layering with machineconfiguration.openshift.io/v1 needs OpenShift 4.19 or later)"},
      {"unsupported_arch", with_line(10, "    arch: amd64"),
       "layer.yaml:10:11: error: spec.doca.arch: unsupported architecture \"amd64\" (hint: use x86_64)"},
      {"rhel8_os", with_line(10, "    arch: x86_64\n    os: rhel8"),
       "layer.yaml:11:9: error: spec.doca.os: RHCOS is not built on RHEL 8 (hint: RHCOS is RHEL 9 (OpenShift "
       "4.16-4.22) or RHEL 10 (4.23+); use rhel9 or rhel10)"},
      {"os_major_mismatch",
       util::replace_all(with_line(10, "    arch: x86_64\n    os: rhel10"), "  pool: master\n", "  pool: master\n  openshiftVersion: \"4.20\"\n"),
       "layer.yaml:12:9: error: spec.doca.os: rhel10 does not match OpenShift 4.20 (RHEL 9.6) (hint: use rhel9)"},
      {"old_doca_without_os", with_line(8, "    version: \"2.9.1\""),
       "layer.yaml:7:3: error: spec.doca.os: cannot choose the DOCA repo OS for DOCA 2.9.1 (hint: DOCA before 3.3 has "
       "per-minor repos: set spec.doca.os (e.g. rhel9.6) or spec.openshiftVersion)"},
      {"profile_typo", with_line(9, "    profile: doca-netwrking"),
       "layer.yaml:9:14: error: spec.doca.profile: unknown DOCA profile \"doca-netwrking\" (hint: did you mean "
       "\"doca-networking\"?)"},
      {"profile_without_ovs", with_line(9, "    profile: doca-ofed"),
       "layer.yaml:9:14: error: spec.doca.profile: profile doca-ofed does not include OVS-DOCA (hint: use doca-all or "
       "doca-networking, or add doca-openvswitch to spec.packages.extra)"},
      {"bad_base_url", with_line(10, "    arch: x86_64\n    baseURL: linux.mellanox.com/doca"),
       "layer.yaml:11:14: error: spec.doca.baseURL: \"linux.mellanox.com/doca\" is not an http(s):// or file:// URL "
       "(hint: e.g. https://linux.mellanox.com/public/repo/doca)"},
      {"gpgcheck_not_bool", with_line(10, "    arch: x86_64\n    gpgCheck: \"yes\""),
       "layer.yaml:11:15: error: spec.doca.gpgCheck: expected a boolean (true or false), got a string (\"yes\")"},
      {"size_bad_quantity", with_line(14, "      size: 100GB"),
       "layer.yaml:14:13: error: spec.registry.internal.size: \"100GB\" is not a storage quantity (hint: use a "
       "Kubernetes quantity such as 100Gi)"},
      {"size_too_small", with_line(14, "      size: 10Mi"),
       "layer.yaml:14:13: error: spec.registry.internal.size: 10Mi is too small for an OS image registry (hint: "
       "layered RHCOS images are several GiB; use 100Gi)"},
      {"replicas_not_int", with_line(14, "      size: 100Gi\n      replicas: two"),
       "layer.yaml:15:17: error: spec.registry.internal.replicas: expected an integer, got a string (\"two\")"},
      {"replicas_rwo", with_line(14, "      size: 100Gi\n      replicas: 2"),
       "layer.yaml:15:17: error: spec.registry.internal.replicas: 2 replicas cannot share a ReadWriteOnce volume "
       "(hint: use accessMode: ReadWriteMany or replicas: 1)"},
      {"access_mode_typo", with_line(14, "      size: 100Gi\n      accessMode: ReadWriteMany2"),
       "layer.yaml:15:19: error: spec.registry.internal.accessMode: unknown access mode \"ReadWriteMany2\" (hint: did "
       "you mean \"ReadWriteMany\"?)"},
      {"storage_class_invalid", with_line(13, "      storageClass: LVMS_vg1"),
       "layer.yaml:13:21: error: spec.registry.internal.storageClass: \"LVMS_vg1\" is not a valid storage class name "
       "(hint: use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)"},
      {"both_registries", with_line(14, "      size: 100Gi\n    external:\n      pushSpec: quay.io/a/b:c\n      pushSecret: s"),
       "layer.yaml:11:3: error: spec.registry: internal and external are both set (hint: choose one registry)"},
      {"push_spec_no_tag", with_external("    external:\n      pushSpec: quay.io/acme/os-image\n      pushSecret: quay-push\n"),
       "layer.yaml:13:17: error: spec.registry.external.pushSpec: \"quay.io/acme/os-image\" would be rejected by the "
       "MachineOSConfig API (hint: the API wants host[:port][/namespace]/name:tag with a dot in the host and a tag)"},
      {"push_spec_no_dot", with_external("    external:\n      pushSpec: registry:5000/acme/os:latest\n      pushSecret: p\n"),
       "layer.yaml:13:17: error: spec.registry.external.pushSpec: \"registry:5000/acme/os:latest\" would be rejected by "
       "the MachineOSConfig API (hint: the API wants host[:port][/namespace]/name:tag with a dot in the host and a "
       "tag)"},
      {"push_spec_upper", with_external("    external:\n      pushSpec: quay.io/Acme/os:latest\n      pushSecret: p\n"),
       "layer.yaml:13:17: error: spec.registry.external.pushSpec: repository names must be lower case (hint: the MCO "
       "parses it as a docker reference)"},
      {"push_secret_missing", with_external("    external:\n      pushSpec: quay.io/acme/os:latest\n"),
       "layer.yaml:12:5: error: spec.registry.external.pushSecret: missing (hint: a kubernetes.io/dockerconfigjson "
       "Secret in openshift-machine-config-operator)"},
      {"ttl_bad_duration", with_line(16, "    tokenTTL: 30d"),
       "layer.yaml:16:15: error: spec.credentials.tokenTTL: \"30d\" is not a duration (hint: use hours and minutes, "
       "e.g. 720h or 1h30m)"},
      {"ttl_too_short", with_line(16, "    tokenTTL: 5m"),
       "layer.yaml:16:15: error: spec.credentials.tokenTTL: shorter than 10m (hint: the API server refuses tokens "
       "under 10 minutes)"},
      {"ttl_too_long", with_line(16, "    tokenTTL: 21600h"),
       "layer.yaml:16:15: error: spec.credentials.tokenTTL: longer than 8760h (hint: long-lived tokens are what "
       "doca-layer avoids; apply renews them)"},
      {"renew_longer_than_ttl", with_line(16, "    tokenTTL: 24h\n    renewBefore: 48h"),
       "layer.yaml:17:18: error: spec.credentials.renewBefore: must be shorter than tokenTTL (hint: apply renews the "
       "token when less than renewBefore is left)"},
      {"package_url", std::string(k_base) + "  packages:\n    extra:\n    - https://x.example.com/foo-1.0.rpm\n",
       "layer.yaml:21:7: error: spec.packages.extra[0]: \"https://x.example.com/foo-1.0.rpm\" is a package file, not a "
       "package name (hint: give the package name and add the repository that serves it to spec.repos)"},
      {"package_shell", std::string(k_base) + "  packages:\n    extra: [\"tree; curl evil\"]\n",
       "layer.yaml:20:13: error: spec.packages.extra[0]: \"tree; curl evil\" is not a valid package name (hint: "
       "letters, digits and . _ + - only)"},
      {"extra_not_list", std::string(k_base) + "  packages:\n    extra: tree\n",
       "layer.yaml:20:12: error: spec.packages.extra: expected a list of strings, got a string (\"tree\")"},
      {"repo_missing_base_url", std::string(k_base) + "  repos:\n  - id: baseos\n    gpgCheck: false\n",
       "layer.yaml:20:5: error: spec.repos[0].baseURL: missing (hint: the URL of the repository (the folder holding "
       "repodata/))"},
      {"repo_gpg_without_key", std::string(k_base) + "  repos:\n  - id: baseos\n    baseURL: https://m.example.com/b\n",
       "layer.yaml:20:5: error: spec.repos[0].gpgCheck: gpgCheck is true but no key is given (hint: set gpgKey (URL) or "
       "gpgKeyFile (local file))"},
      {"repo_duplicate_id",
       std::string(k_base) + "  repos:\n  - {id: a, baseURL: \"https://m.example.com/a\", gpgCheck: false}\n"
                             "  - {id: a, baseURL: \"https://m.example.com/b\", gpgCheck: false}\n",
       "layer.yaml:21:10: error: spec.repos[1].id: duplicate repo id \"a\" (hint: ids must be unique)"},
      {"repo_reserved_id", std::string(k_base) + "  repos:\n  - {id: doca, baseURL: \"https://m.example.com/a\", gpgCheck: false}\n",
       "layer.yaml:20:10: error: spec.repos[0].id: \"doca\" is reserved for the DOCA repo (hint: choose another id)"},
      {"repo_key_file_missing",
       std::string(k_base) + "  repos:\n  - id: a\n    baseURL: https://m.example.com/a\n    gpgKeyFile: /nonexistent/key\n",
       "layer.yaml:22:17: error: spec.repos[0].gpgKeyFile: cannot read /nonexistent/key: No such file or directory "
       "(hint: the path is relative to the spec file)"},
      {"other_config_reserved", std::string(k_base) + "    otherConfig:\n      doca-init: \"true\"\n",
       "layer.yaml:20:18: error: spec.ovs.otherConfig.doca-init: set by spec.ovs.docaInit (hint: remove it from "
       "otherConfig)"},
      {"other_config_unsafe_value", std::string(k_base) + "    otherConfig:\n      max-idle: \"1'; reboot\"\n",
       "layer.yaml:20:17: error: spec.ovs.otherConfig.max-idle: value \"1'; reboot\" cannot be set safely (hint: "
       "letters, digits, spaces inside and _ . , : = / + @ -)"},
      {"metadata_name_invalid", with_line(4, "  name: OVS DOCA"),
       "layer.yaml:4:9: error: metadata.name: \"OVS DOCA\" is not a valid name (hint: use lower-case letters, digits, "
       "'-' and '.', starting and ending with a letter or digit)"},
      {"missing_spec", "apiVersion: doca-layer.nvidia.com/v1alpha1\nkind: LayerConfig\n",
       "layer.yaml: error: spec: missing (hint: a LayerConfig needs at least spec.pool)"},
  };
}

TEST(ValidateBadSpecs, EachGivesExactlyItsError) {
  auto cases = bad_specs();
  ASSERT_GE(cases.size(), 30u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto errors = errors_of(c.text);
    ASSERT_EQ(errors.size(), 1u) << util::join(errors, "\n");
    EXPECT_EQ(errors[0], c.error);
  }
}

TEST(ValidateBadSpecs, ReportsEveryErrorInFileOrder) {
  std::string text = with_line(6, "  pool: Master");
  text = util::replace_all(text, "size: 100Gi", "size: lots");
  auto errors = errors_of(text);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("layer.yaml:6:"), std::string::npos);
  EXPECT_NE(errors[1].find("layer.yaml:14:"), std::string::npos);
}

TEST(Validate, BaseSpecIsValidWithDefaults) {
  Loaded l = load_string(k_base, "layer.yaml", "");
  ASSERT_TRUE(l.ok);
  EXPECT_TRUE(l.diagnostics.empty());
  const LayerSpec& s = l.spec;
  EXPECT_EQ(s.doca.os, "rhel9");
  EXPECT_EQ(s.doca.gpg_key, "https://linux.mellanox.com/public/repo/doca/GPG-KEY-Mellanox.pub");
  EXPECT_EQ(doca_repo_url(s), "https://linux.mellanox.com/public/repo/doca/3.3.0/rhel9/x86_64/");
  ASSERT_EQ(s.repos.size(), 4u);
  EXPECT_EQ(s.repos[0].base_url, "https://mirror.stream.centos.org/9-stream/BaseOS/x86_64/os");
  EXPECT_EQ(s.packages.dependencies, default_dependencies());
  EXPECT_EQ(push_spec(s),
            "image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest");
  EXPECT_EQ(s.credentials.token_ttl_seconds, 720LL * 3600);
}

TEST(Validate, DerivesOsFromOpenShiftForOldDoca) {
  std::string text = with_line(6, "  pool: worker\n  openshiftVersion: \"4.18.3\"");
  text = util::replace_all(text, "\"3.3.0\"", "\"2.9.1\"");
  Loaded l = load_string(text, "layer.yaml", "");
  ASSERT_EQ(errors_of(text).size(), 0u);
  EXPECT_EQ(l.spec.doca.os, "rhel9.4");
  // 4.18 is flagged: its v1 API came in a z-stream.
  ASSERT_EQ(l.diagnostics.size(), 1u);
  EXPECT_EQ(l.diagnostics[0].severity, Severity::warning);
}

TEST(Validate, Aarch64UsesSbsaRepoAndArchSpecificMirrors) {
  Loaded l = load_string(with_line(10, "    arch: aarch64"), "layer.yaml", "");
  ASSERT_TRUE(l.ok);
  EXPECT_EQ(doca_repo_url(l.spec), "https://linux.mellanox.com/public/repo/doca/3.3.0/rhel9/arm64-sbsa/");
  EXPECT_EQ(l.spec.repos[3].base_url, "https://dl.fedoraproject.org/pub/epel/9/Everything/aarch64/");
}

TEST(Validate, GpgCheckOffIsAWarningNotAnError) {
  Loaded l = load_string(with_line(10, "    arch: x86_64\n    gpgCheck: false"), "layer.yaml", "");
  ASSERT_TRUE(l.ok);
  ASSERT_EQ(l.diagnostics.size(), 1u);
  EXPECT_EQ(format(l.diagnostics[0]),
            "layer.yaml:11:15: warning: spec.doca.gpgCheck: DOCA packages will be installed without signature checks "
            "(hint: set gpgCheck: true unless your mirror strips signatures)");
}

TEST(Validate, ExternalRegistryAndMultiNodeShapes) {
  std::string text = with_line(6, "  pool: worker");
  text = util::replace_all(text, "    internal:\n      storageClass: lvms-vg1\n      size: 100Gi",
                           "    external:\n      pushSpec: quay.io/acme/ovs-doca:latest\n      pushSecret: quay-push");
  Loaded l = load_string(text, "layer.yaml", "");
  ASSERT_TRUE(l.ok) << util::join(errors_of(text), "\n");
  EXPECT_FALSE(l.spec.registry.internal.has_value());
  EXPECT_EQ(push_spec(l.spec), "quay.io/acme/ovs-doca:latest");
}

TEST(Validate, GpgKeyFileIsLoadedRelativeToTheSpec) {
  auto dir = std::filesystem::temp_directory_path() / ("dl-spec-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "keys");
  std::ofstream(dir / "keys" / "mirror.asc") << "-----BEGIN PGP PUBLIC KEY BLOCK-----\nabc\n-----END PGP PUBLIC KEY BLOCK-----\n";
  std::string text = std::string(k_base) + "  repos:\n  - id: mirror\n    baseURL: https://m.example.com/a\n    gpgKeyFile: keys/mirror.asc\n";
  Loaded l = load_string(text, "layer.yaml", dir.string());
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(l.ok);
  EXPECT_NE(l.spec.repos[0].gpg_key_data.find("BEGIN PGP"), std::string::npos);
}

}  // namespace
}  // namespace dl::spec

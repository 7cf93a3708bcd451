#include "ovs/judge.h"

#include <cctype>
#include <optional>

#include "util/strings.h"

namespace dl::ovs {
namespace {

constexpr const char* k_apply_fix = "run `doca-layer apply` so the pool boots the OVS-DOCA layer";
constexpr const char* k_restart_fix =
    "systemctl restart openvswitch on the node; if it stays down, read journalctl -u ovs-vswitchd";

Check make(std::string id, std::string title, bool ok, std::string observed, std::string expected, std::string fix,
           Verdict otherwise = Verdict::fail) {
  Verdict v = ok ? Verdict::pass : otherwise;
  return Check{std::move(id),       std::move(title),    v,
               std::move(observed), std::move(expected), ok ? std::string() : std::move(fix)};
}

std::string set_text(const std::set<std::string>& items) {
  return "[" + util::join(std::vector<std::string>(items.begin(), items.end()), ", ") + "]";
}

/// What a check that needs the database shows when it could not be read.
std::optional<Check> unreadable(const Probe& p, std::string id, std::string title, std::string expected) {
  if (p.db.error.empty()) return std::nullopt;
  return make(std::move(id), std::move(title), false, "ovsdb not readable", std::move(expected),
              "see check ovsdb-readable");
}

/// The version part of a doca-openvswitch NVRA ("3.3.0040" of doca-openvswitch-3.3.0040-1.el9.x86_64).
std::string package_version(const std::string& nvra) {
  std::string rest = nvra.substr(std::string("doca-openvswitch-").size());
  return rest.substr(0, rest.find('-'));
}

std::vector<std::string> dot_parts(std::string_view s) {
  return util::split(s, '.');
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

Check doca_package(const Probe& p, const Expectation& e) {
  std::string title = "doca-openvswitch is installed";
  std::string expected = "doca-openvswitch of DOCA " + e.doca_version;
  if (!p.doca_ovs_package) return make("doca-openvswitch", title, false, "not installed", expected, k_apply_fix);
  ReleaseMatch m = match_release(package_version(*p.doca_ovs_package), e.doca_version);
  return make("doca-openvswitch", title, m == ReleaseMatch::same, *p.doca_ovs_package, expected,
              "the node runs a layer built from another DOCA release; " + std::string(k_apply_fix), Verdict::warn);
}

Check no_stock_packages(const Probe& p) {
  bool none = p.stock_ovs_packages.empty();
  return make(
      "stock-openvswitch-absent", "no stock openvswitch3.x package is installed", none,
      none ? "none" : util::join(p.stock_ovs_packages, ", "), "none",
      "the layer must remove every openvswitch3.x package; check the Containerfile and " + std::string(k_apply_fix));
}

Check vswitchd_active(const Probe& p) {
  return make("ovs-vswitchd-active", "ovs-vswitchd is running", p.vswitchd.active(),
              "ovs-vswitchd " + p.vswitchd.state + ", openvswitch " + p.openvswitch.state, "ovs-vswitchd active",
              k_restart_fix);
}

Check ovsdb_readable(const Probe& p) {
  return make("ovsdb-readable", "the Open_vSwitch database answers", p.db.error.empty(),
              p.db.error.empty() ? "readable" : p.db.error, "readable",
              "ovsdb-server must run: " + std::string(k_restart_fix));
}

Check doca_datapath(const Probe& p) {
  std::string id = "datapath-doca", title = "the doca datapath is registered", expected = "contains doca";
  if (auto c = unreadable(p, id, title, expected)) return *c;
  return make(id, title, p.db.datapath_types.count("doca") > 0, set_text(p.db.datapath_types), expected,
              "ovs-vswitchd is not the OVS-DOCA build; " + std::string(k_apply_fix));
}

std::string doca_init_fix() {
  return "ovs-vsctl --no-wait set Open_vSwitch . other_config:doca-init=true, then systemctl restart "
         "openvswitch (doca-layer verify --fix does both; doca-layer apply persists the key in the layer)";
}

Check doca_iface_types(const Probe& p) {
  std::string id = "iface-types-doca", title = "the doca and docavdpa port types exist";
  std::string expected = "contains doca, docavdpa";
  if (auto c = unreadable(p, id, title, expected)) return *c;
  bool ok = p.db.iface_types.count("doca") > 0 && p.db.iface_types.count("docavdpa") > 0;
  return make(id, title, ok, set_text(p.db.iface_types), expected,
              "they appear once DOCA initialised: " + doca_init_fix());
}

Check doca_initialized(const Probe& p, const Expectation& e) {
  std::string id = "doca-initialized", title = "DOCA is initialised in ovs-vswitchd", expected = "true";
  if (auto c = unreadable(p, id, title, expected)) return *c;
  Verdict otherwise = e.doca_init ? Verdict::fail : Verdict::warn;
  if (!p.db.doca_error.empty()) return make(id, title, false, p.db.doca_error, expected, k_restart_fix, otherwise);
  if (!p.db.doca_schema) {
    return make(id, title, false, "no doca_initialized column (stock database schema)", expected, k_apply_fix,
                otherwise);
  }
  bool up = p.db.doca_initialized.value_or(false);
  return make(id, title, up, up ? "true" : "false", expected, doca_init_fix(), otherwise);
}

// The DOCA version rule. The facts give no table from DOCA release to the version strings the
// switch reports, only pairs: release 3.3.0 reports doca_version 3.3.0109 with doca-openvswitch
// 3.3.0040, a DOCA 3.4 host 3.4.0112, DOCA 3.0's switch 3.0.0-0056-..., and doca-openvswitch
// 3.2.1005 / 3.5.0052 packages. What they support is a prefix rule: major and minor equal the
// release's, and the third field starts with the release's patch number followed by a build
// number. A major.minor mismatch is another release (fail); a patch mismatch is only a warning,
// because the patch part of the rule rests on fewer samples.
Check doca_version(const Probe& p, const Expectation& e) {
  std::string id = "doca-version", title = "the DOCA version matches the layer's release";
  std::string expected = e.doca_version + ".x";
  std::string seen = p.db.doca_version.value_or("");
  if (seen.empty() && p.binary) seen = p.binary->doca_version;
  if (seen.empty() || seen == "none") {
    return make(id, title, false, seen.empty() ? "not reported" : "none (built without DOCA)", expected, k_apply_fix);
  }
  ReleaseMatch m = match_release(seen, e.doca_version);
  Verdict v = m == ReleaseMatch::other_release ? Verdict::fail : Verdict::warn;
  std::string fix = m == ReleaseMatch::unknown
                        ? "set doca.version to a numeric release to compare"
                        : "the layer was built from another DOCA release; " + std::string(k_apply_fix);
  return make(id, title, m == ReleaseMatch::same, seen, expected, fix, v);
}

Check other_config_key(const Probe& p, const std::string& key, const std::string& want) {
  std::string id = "other-config:" + key, title = "other_config:" + key + " is set";
  if (auto c = unreadable(p, id, title, want)) return *c;
  auto it = p.db.other_config.find(key);
  std::string seen = it == p.db.other_config.end() ? "absent" : it->second;
  return make(id, title, it != p.db.other_config.end() && it->second == want, seen, want,
              "ovs-vsctl --no-wait set Open_vSwitch . other_config:" + key + "=" + want +
                  ", then systemctl restart openvswitch (doca-layer verify --fix)");
}

}  // namespace

std::string_view to_string(Verdict v) {
  switch (v) {
    case Verdict::pass:
      return "pass";
    case Verdict::warn:
      return "warn";
    case Verdict::fail:
      return "fail";
  }
  return "fail";
}

std::map<std::string, std::string> wanted_other_config(const Expectation& e) {
  std::map<std::string, std::string> out;
  if (e.doca_init) out["doca-init"] = "true";
  if (e.hw_offload) out["hw-offload"] = "true";
  for (const auto& [k, v] : e.other_config) out[k] = v;
  return out;
}

ReleaseMatch match_release(std::string_view version, std::string_view release) {
  auto rel = dot_parts(release);
  if (rel.size() < 2 || rel.size() > 3 || !all_digits(rel[0]) || !all_digits(rel[1])) return ReleaseMatch::unknown;
  if (rel.size() == 3 && !all_digits(rel[2])) return ReleaseMatch::unknown;
  auto ver = dot_parts(version);
  if (ver.size() < 2 || ver[0] != rel[0] || ver[1] != rel[1]) {
    return version.empty() ? ReleaseMatch::unknown : ReleaseMatch::other_release;
  }
  if (rel.size() == 2) return ReleaseMatch::same;
  bool patch = ver.size() >= 3 && ver[2].rfind(rel[2], 0) == 0;
  return patch ? ReleaseMatch::same : ReleaseMatch::other_patch;
}

std::vector<Check> judge(const Probe& p, const Expectation& e) {
  std::vector<Check> checks = {doca_package(p, e), no_stock_packages(p), vswitchd_active(p),     ovsdb_readable(p),
                               doca_datapath(p),   doca_iface_types(p),  doca_initialized(p, e), doca_version(p, e)};
  for (const auto& [key, want] : wanted_other_config(e)) checks.push_back(other_config_key(p, key, want));
  return checks;
}

std::vector<Check> judge_stock(const Probe& p) {
  bool stock = !p.stock_ovs_packages.empty();
  std::vector<Check> checks = {
      make("stock-openvswitch-installed", "the stock openvswitch3.x package is installed", stock,
           stock ? util::join(p.stock_ovs_packages, ", ") : "none", "openvswitch3.x",
           "the node has not booted the stock image yet; follow the pool's rollout"),
      make("doca-openvswitch-absent", "doca-openvswitch is not installed", !p.doca_ovs_package,
           p.doca_ovs_package.value_or("not installed"), "not installed",
           "the node still runs the layer; check that the MachineOSConfig is gone and the pool rolled out"),
      vswitchd_active(p), ovsdb_readable(p)};
  std::string id = "datapath-stock", title = "no doca datapath is registered";
  if (auto c = unreadable(p, id, title, "no doca")) {
    checks.push_back(*c);
  } else if (p.db.datapath_types.count("doca")) {
    checks.push_back(make(id, title, false, set_text(p.db.datapath_types), "no doca",
                          "ovs-vswitchd is still the OVS-DOCA build; reboot the node into the stock image"));
  } else {
    checks.push_back(
        make(id, title, !p.db.doca_schema,
             set_text(p.db.datapath_types) + (p.db.doca_schema ? ", database still has the OVS-DOCA columns" : ""),
             "no doca", "systemctl restart openvswitch converts the database to the stock schema", Verdict::warn));
  }
  return checks;
}

Verdict worst(const std::vector<Check>& checks) {
  Verdict w = Verdict::pass;
  for (const auto& c : checks) w = std::max(w, c.verdict);
  return w;
}

}  // namespace dl::ovs

#include "ovs/probe.h"

#include "ovs/datum.h"
#include "util/strings.h"

namespace dl::ovs {
namespace {

using util::ErrorKind;

constexpr const char* k_timeout = "--timeout=10";  // a dead ovsdb-server must not hang the pod
constexpr std::string_view k_unknown_column = "does not contain a column whose name matches";

util::Error bad(const std::string& section, const std::string& message) {
  return util::make_error(ErrorKind::invalid_input, "probe section '" + section + "': " + message);
}

std::vector<std::string> vsctl_get(const std::vector<std::string>& columns) {
  std::vector<std::string> argv = {"ovs-vsctl", k_timeout, "get", "Open_vSwitch", "."};
  argv.insert(argv.end(), columns.begin(), columns.end());
  return argv;
}

/// The output lines without empty ones, trimmed.
std::vector<std::string> nonempty(const Section& s) {
  std::vector<std::string> out;
  for (const auto& line : s.lines) {
    if (auto t = util::trim(line); !t.empty()) out.push_back(t);
  }
  return out;
}

/// The whole output as one line, for messages.
std::string text_of(const Section& s) {
  auto lines = nonempty(s);
  return lines.empty() ? "exit code " + std::to_string(s.exit_code) : util::join(lines, " / ");
}

util::Status read_doca_package(const Section& s, Probe& p) {
  auto lines = nonempty(s);
  if (s.exit_code != 0) {
    bool absent = !lines.empty() && lines[0].find("is not installed") != std::string::npos;
    if (absent) return util::ok_status();
    return bad(s.name, "rpm failed: " + text_of(s));
  }
  if (lines.empty() || lines[0].rfind("doca-openvswitch-", 0) != 0) {
    return bad(s.name, "expected a doca-openvswitch package, got: " + text_of(s));
  }
  p.doca_ovs_package = lines[0];
  return util::ok_status();
}

util::Status read_stock_packages(const Section& s, Probe& p) {
  if (s.exit_code != 0) return bad(s.name, "rpm failed: " + text_of(s));
  for (const auto& line : nonempty(s)) {
    if (line.rfind("openvswitch3", 0) != 0) return bad(s.name, "not an openvswitch3.x package: " + line);
    p.stock_ovs_packages.push_back(line);
  }
  return util::ok_status();
}

UnitState read_unit(const Section& s) {
  auto lines = nonempty(s);
  return UnitState{lines.empty() ? "unknown" : lines[0]};
}

util::Status read_binary(const Section& s, Probe& p) {
  if (s.exit_code != 0) return util::ok_status();
  constexpr std::string_view k_banner = "(Open vSwitch) ";
  auto lines = nonempty(s);
  size_t at = lines.empty() ? std::string::npos : lines[0].find(k_banner);
  if (at == std::string::npos)
    return bad(s.name, "expected \"ovs-vswitchd (Open vSwitch) VERSION\", got: " + text_of(s));
  VswitchdBinary b;
  b.ovs_version = util::trim(lines[0].substr(at + k_banner.size()));
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].rfind("DPDK ", 0) == 0) b.dpdk_version = lines[i];
    if (lines[i].rfind("DOCA ", 0) == 0) b.doca_version = util::trim(lines[i].substr(5));
  }
  p.binary = b;
  return util::ok_status();
}

/// The datums of a successful `ovs-vsctl get` of `columns`: its last columns.size() lines
/// (anything ovs-vsctl wrote to stderr before them is skipped).
util::Result<std::vector<Datum>> read_values(const Section& s, const std::vector<std::string>& columns) {
  if (s.lines.size() < columns.size()) {
    return bad(s.name, "expected " + std::to_string(columns.size()) + " values, got " + std::to_string(s.lines.size()) +
                           " lines");
  }
  std::vector<Datum> out;
  size_t first = s.lines.size() - columns.size();
  for (size_t i = 0; i < columns.size(); ++i) {
    auto d = parse_datum(s.lines[first + i]);
    if (!d.ok()) {
      return bad(s.name, "output line " + std::to_string(first + i + 1) + " (" + columns[i] + ") offset " +
                             std::to_string(d.error().offset) + ": " + d.error().message);
    }
    out.push_back(std::move(*d));
  }
  return out;
}

util::Error wrong_type(const Section& s, const std::string& column, const std::string& want) {
  return bad(s.name, "column " + column + " is not " + want);
}

util::Status read_stock_columns(const Section& s, OvsdbState& db) {
  if (s.exit_code != 0) {
    db.error = text_of(s);
    return util::ok_status();
  }
  auto values = read_values(s, stock_columns());
  if (!values.ok()) return values.error();
  const auto& v = *values;
  auto optional_string = [&](size_t i, std::optional<std::string>& into) -> util::Status {
    bool absent = v[i].kind == Datum::Kind::set && v[i].elements.empty();
    into = v[i].as_optional_string();
    if (!into && !absent) return wrong_type(s, stock_columns()[i], "an optional string");
    return util::ok_status();
  };
  const std::pair<size_t, std::optional<std::string>*> optionals[] = {
      {0, &db.ovs_version}, {1, &db.db_version}, {5, &db.dpdk_version}};
  for (auto [i, into] : optionals) {
    if (auto st = optional_string(i, *into); !st.ok()) return st;
  }
  if (v[2].kind == Datum::Kind::map) return wrong_type(s, "datapath_types", "a set");
  if (v[3].kind == Datum::Kind::map) return wrong_type(s, "iface_types", "a set");
  db.datapath_types = v[2].as_string_set();
  db.iface_types = v[3].as_string_set();
  auto dpdk = v[4].as_bool();
  if (!dpdk) return wrong_type(s, "dpdk_initialized", "a boolean");
  db.dpdk_initialized = *dpdk;
  if (v[6].kind != Datum::Kind::map && !(v[6].kind == Datum::Kind::set && v[6].elements.empty())) {
    return wrong_type(s, "other_config", "a map");
  }
  db.other_config = v[6].as_string_map();
  return util::ok_status();
}

util::Status read_doca_columns(const Section& s, OvsdbState& db) {
  if (s.exit_code != 0) {
    std::string text = text_of(s);
    if (text.find(k_unknown_column) == std::string::npos) db.doca_error = text;
    return util::ok_status();
  }
  auto values = read_values(s, {"doca_initialized", "doca_version"});
  if (!values.ok()) return values.error();
  db.doca_schema = true;
  db.doca_initialized = (*values)[0].as_bool();
  if (!db.doca_initialized) return wrong_type(s, "doca_initialized", "a boolean");
  db.doca_version = (*values)[1].as_optional_string();
  return util::ok_status();
}

OsRelease read_os_release(const Section& s) {
  std::map<std::string, std::string> fields;
  for (const auto& line : nonempty(s)) {
    size_t eq = line.find('=');
    if (line[0] == '#' || eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value[0] == '"' || value[0] == '\'') && value.back() == value[0]) {
      value = value.substr(1, value.size() - 2);
    }
    fields[line.substr(0, eq)] = value;
  }
  OsRelease os{fields["ID"], fields["VERSION_ID"], fields["RHEL_VERSION"], fields["OPENSHIFT_VERSION"]};
  if (os.rhel_version.empty() && os.id == "rhel") os.rhel_version = os.version_id;
  return os;
}

}  // namespace

const std::vector<std::string>& stock_columns() {
  static const std::vector<std::string> k_columns = {
      "ovs_version", "db_version", "datapath_types", "iface_types", "dpdk_initialized", "dpdk_version", "other_config"};
  return k_columns;
}

const std::vector<ShellCommand>& probe_commands() {
  static const std::vector<ShellCommand> k_commands = {
      {"rpm-doca", {"rpm", "-q", "doca-openvswitch"}},
      {"rpm-stock", {"rpm", "-qa", "openvswitch3*"}},
      {"unit-vswitchd", {"systemctl", "is-active", "ovs-vswitchd"}},
      {"unit-openvswitch", {"systemctl", "is-active", "openvswitch"}},
      {"vswitchd-version", {"ovs-vswitchd", "--version"}},
      {"ovsdb", vsctl_get(stock_columns())},
      {"ovsdb-doca", vsctl_get({"doca_initialized", "doca_version"})},
      {"os-release", {"cat", "/etc/os-release"}},
  };
  return k_commands;
}

std::string probe_script() {
  std::string script;
  for (const auto& c : probe_commands()) script += section_line(c.section, shell_join(c.argv));
  return script;
}

util::Result<Probe> parse_probe(std::string_view log) {
  auto sections = parse_sections(log);
  if (!sections.ok()) return sections.error();
  std::map<std::string, const Section*> by_name;
  for (const auto& s : *sections) by_name[s.name] = &s;
  for (const auto& c : probe_commands()) {
    if (!by_name.count(c.section)) {
      return bad(c.section, "missing: the log is not a complete probe log (" + std::to_string(sections->size()) +
                                " sections found)");
    }
  }
  Probe p;
  for (auto st : {read_doca_package(*by_name["rpm-doca"], p), read_stock_packages(*by_name["rpm-stock"], p),
                  read_binary(*by_name["vswitchd-version"], p), read_stock_columns(*by_name["ovsdb"], p.db),
                  read_doca_columns(*by_name["ovsdb-doca"], p.db)}) {
    if (!st.ok()) return st.error();
  }
  p.vswitchd = read_unit(*by_name["unit-vswitchd"]);
  p.openvswitch = read_unit(*by_name["unit-openvswitch"]);
  p.os = read_os_release(*by_name["os-release"]);
  p.sections = std::move(*sections);
  return p;
}

}  // namespace dl::ovs

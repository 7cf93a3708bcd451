#include "sim/node/vsctl_emulation.h"

#include <algorithm>
#include <cstdio>

namespace dl::sim::node {
namespace {

using nlohmann::json;
using util::ErrorKind;
using util::make_error;

using Command = VsctlCommand;

util::Status fail(const std::string& message) {
  return make_error(ErrorKind::invalid_input, message);
}

/// Whether REC names the Open_vSwitch row of `table`; every other table is empty.
bool row_exists(const MemoryDb& db, const std::string& table, const std::string& rec) {
  return table == "Open_vSwitch" && !db.uuid().empty() && (rec == "." || rec == db.uuid());
}

/// "COL:KEY=VALUE" / "COL:KEY" split; key and value empty when absent.
struct ColumnArg {
  std::string column, key, value;
  bool has_key = false, has_value = false;
};

ColumnArg split_column_arg(const std::string& arg) {
  ColumnArg a;
  size_t end = arg.find_first_of(":=");
  a.column = arg.substr(0, end);
  if (end == std::string::npos) return a;
  size_t eq = end;
  if (arg[end] == ':') {
    a.has_key = true;
    eq = arg.find('=', end + 1);
    a.key = arg.substr(end + 1, eq == std::string::npos ? std::string::npos : eq - end - 1);
  }
  if (eq != std::string::npos) {
    a.has_value = true;
    a.value = arg.substr(eq + 1);
  }
  return a;
}

/// The index of `key` in a map datum's pair list, or -1.
int find_key(const json& map_datum, const json& key) {
  for (size_t i = 0; i < map_datum[1].size(); ++i) {
    if (map_datum[1][i][0] == key) return static_cast<int>(i);
  }
  return -1;
}

util::Status cmd_get(const Command& c, MemoryDb& db, std::string& out) {
  if (c.words.size() < 3) return fail("'get' command requires at least 2 arguments");
  auto table = db.find_table(c.words[1]);
  if (!table.ok()) return table.error();
  const std::string& rec = c.words[2];
  if (!row_exists(db, *table, rec)) {
    return c.if_exists ? util::ok_status() : fail("no row \"" + rec + "\" in table " + *table);
  }
  for (size_t i = 3; i < c.words.size(); ++i) {
    ColumnArg a = split_column_arg(c.words[i]);
    auto column = db.find_column(a.column);
    if (!column.ok()) return column.error();
    ColumnType type = db.type_of(*column);
    if (*column == "_uuid") {
      out += db.uuid() + "\n";
      continue;
    }
    const json& datum = db.row()[*column];
    if (!a.has_key) {
      out += datum_to_string(datum, type) + "\n";
      continue;
    }
    if (!type.is_map()) return fail("cannot specify key to get for non-map column " + *column);
    auto key = atom_from_string(a.key, type.key);
    if (!key.ok()) return key.error();
    int at = find_key(datum, *key);
    if (at >= 0) {
      out += atom_to_string(datum[1][static_cast<size_t>(at)][1]) + "\n";
    } else if (c.if_exists) {
      out += "\n";
    } else {
      return fail("no key \"" + a.key + "\" in Open_vSwitch record \"" + rec + "\" column " + *column);
    }
  }
  return util::ok_status();
}

util::Status cmd_list(const Command& c, MemoryDb& db, std::string& out) {
  if (c.words.size() < 2) return fail("'list' command requires at least 1 arguments");
  auto table = db.find_table(c.words[1]);
  if (!table.ok()) return table.error();
  for (size_t i = 2; i < c.words.size(); ++i) {
    if (!row_exists(db, *table, c.words[i])) return fail("no row \"" + c.words[i] + "\" in table " + *table);
  }
  if (*table != "Open_vSwitch" || db.uuid().empty()) return util::ok_status();
  auto line = [&out](const std::string& name, const std::string& value) {
    char head[32];
    std::snprintf(head, sizeof(head), "%-20s: ", name.c_str());
    out += head + value + "\n";
  };
  line("_uuid", db.uuid());
  for (const auto& column : db.columns()) line(column, datum_to_string(db.row()[column], db.type_of(column)));
  return util::ok_status();
}

util::Status set_one(MemoryDb& db, const std::string& arg) {
  ColumnArg a = split_column_arg(arg);
  if (!a.has_value || a.value.empty()) return fail(arg + ": argument does not end in \"=\" followed by a value.");
  auto column = db.find_column(a.column);
  if (!column.ok()) return column.error();
  ColumnType type = db.type_of(*column);
  json& datum = db.row()[*column];
  if (a.has_key) {
    if (!type.is_map()) return fail("cannot specify key to set for non-map column " + *column);
    auto key = atom_from_string(a.key, type.key);
    auto value = atom_from_string(a.value, type.value);
    if (!key.ok()) return key.error();
    if (!value.ok()) return value.error();
    int at = find_key(datum, *key);
    if (at >= 0) datum[1].erase(static_cast<size_t>(at));
    datum[1].push_back(json::array({*key, *value}));
    std::sort(datum[1].begin(), datum[1].end());  // a canonical order, so an unchanged map compares equal
    return util::ok_status();
  }
  if (type.is_map() || (type.max != 1))
    return fail("setting a whole set or map column is not supported by the in-memory node");
  auto value = atom_from_string(a.value, type.key);
  if (!value.ok()) return value.error();
  datum = type.is_scalar() ? *value : json{"set", json::array({*value})};
  return util::ok_status();
}

util::Status cmd_write(const Command& c, MemoryDb& db) {
  const std::string& name = c.words[0];
  size_t min_words = name == "set" ? 4 : 5;
  if (c.words.size() < min_words) {
    return fail("'" + name + "' command requires at least " + std::to_string(min_words - 1) + " arguments");
  }
  auto table = db.find_table(c.words[1]);
  if (!table.ok()) return table.error();
  if (!row_exists(db, *table, c.words[2])) {
    return c.if_exists ? util::ok_status() : fail("no row \"" + c.words[2] + "\" in table " + *table);
  }
  if (name == "set") {
    for (size_t i = 3; i < c.words.size(); ++i) {
      auto s = set_one(db, c.words[i]);
      if (!s.ok()) return s;
    }
    return util::ok_status();
  }
  auto column = db.find_column(c.words[3]);
  if (!column.ok()) return column.error();
  ColumnType type = db.type_of(*column);
  if (!type.is_map()) return fail("removing from a non-map column is not supported by the in-memory node");
  json& datum = db.row()[*column];
  for (size_t i = 4; i < c.words.size(); ++i) {
    auto key = atom_from_string(c.words[i], type.key);
    if (!key.ok()) return key.error();
    int at = find_key(datum, *key);
    if (at >= 0) datum[1].erase(static_cast<size_t>(at));
  }
  return util::ok_status();
}

}  // namespace

util::Result<std::vector<VsctlCommand>> parse_vsctl(const std::vector<std::string>& args, bool& no_wait) {
  std::vector<Command> commands(1);
  for (const auto& a : args) {
    Command& cur = commands.back();
    if (a == "--") {
      if (!cur.words.empty()) commands.emplace_back();
    } else if (cur.words.empty() && a == "--no-wait") {
      no_wait = true;
    } else if (cur.words.empty() && a == "--if-exists") {
      cur.if_exists = true;
    } else if (cur.words.empty() && (a.rfind("--timeout=", 0) == 0 || a.rfind("--db=", 0) == 0)) {
      continue;
    } else if (cur.words.empty() && a.size() > 1 && a[0] == '-') {
      return make_error(ErrorKind::invalid_input, "option " + a + " is not supported by the in-memory node");
    } else {
      cur.words.push_back(a);
    }
  }
  if (commands.back().words.empty()) commands.pop_back();
  if (commands.empty()) return make_error(ErrorKind::invalid_input, "missing command name (use --help for help)");
  return commands;
}

ExecResult vsctl_emulate(const std::vector<std::string>& args, MemoryDb& db) {
  bool no_wait = false;
  auto commands = parse_vsctl(args, no_wait);
  if (!commands.ok()) return ExecResult{1, "", "ovs-vsctl: " + commands.error().message + "\n"};
  MemoryDb work = db;  // all or nothing, like one OVSDB transaction
  std::string out;
  bool wrote = false;
  for (const auto& c : *commands) {
    const std::string& name = c.words[0];
    util::Status s = util::ok_status();
    if (name == "get") {
      s = cmd_get(c, work, out);
    } else if (name == "list") {
      s = cmd_list(c, work, out);
    } else if (name == "set" || name == "remove") {
      s = cmd_write(c, work);
      wrote = true;
    } else if (name == "init") {
      work.ensure_row();
      wrote = true;
    } else {
      s = fail("'" + name + "' is not supported by the in-memory node (use the ovsdb-server backend)");
    }
    if (!s.ok()) return ExecResult{1, "", "ovs-vsctl: " + s.error().message + "\n"};
  }
  // Like the IDL, ovs-vsctl adds its next_cfg increment only to a transaction that changes
  // something (a `set` to the value a key already has leaves next_cfg alone).
  bool changed = work.uuid() != db.uuid() || work.row() != db.row();
  if (wrote && changed && !no_wait) {  // next_cfg += 1; the running switch answers at once
    json& next = work.row()["next_cfg"];
    next = next.get<long long>() + 1;
    work.row()["cur_cfg"] = next;
  }
  db = std::move(work);
  return ExecResult{0, out, ""};
}

}  // namespace dl::sim::node

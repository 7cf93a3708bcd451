#include "sim/controllers/package_commands.h"

#include <regex>

namespace dl::sim::controllers::layering {
namespace {

using rpmrepo::CommandKind;

bool starts_with(const std::string& s, const std::string& p) {
  return s.rfind(p, 0) == 0;
}

/// dnf/yum: options before and after the verb; `--repo=ID`, `--setopt=install_weak_deps=...`.
ShellCommand dnf_command(const std::vector<std::string>& w, const std::string& text) {
  ShellCommand c;
  std::string verb;
  rpmrepo::PackageCommand pc;
  pc.command = text;
  for (size_t i = 1; i < w.size(); ++i) {
    const std::string& a = w[i];
    if (a == "--repo" || a == "--repoid" || a == "--setopt") {  // option with its value in the next word
      if (i + 1 < w.size()) {
        if (a == "--setopt") pc.weak_deps = w[i + 1] != "install_weak_deps=False" && w[i + 1] != "install_weak_deps=0";
        else pc.repo = w[i + 1];
        ++i;
      }
    } else if (starts_with(a, "--repo=") || starts_with(a, "--repoid=")) {
      pc.repo = a.substr(a.find('=') + 1);
    } else if (a == "--setopt=install_weak_deps=False" || a == "--setopt=install_weak_deps=0") {
      pc.weak_deps = false;
    } else if (!a.empty() && a[0] == '-') {
      continue;
    } else if (verb.empty()) {
      verb = a;
    } else {
      pc.names.push_back(a);
    }
  }
  if (verb == "install" || verb == "upgrade" || verb == "update" || verb == "reinstall")
    pc.kind = CommandKind::install;
  else if (verb == "remove" || verb == "erase")
    pc.kind = CommandKind::remove;
  else if (verb == "distro-sync" || verb == "distrosync")
    pc.kind = CommandKind::distro_sync;
  else
    return c;  // clean, makecache, ...: nothing to resolve
  c.kind = ShellCommand::Kind::package;
  c.tool = "dnf";
  c.command = std::move(pc);
  return c;
}

/// rpm -e [--nodeps] names / rpm -q names; rpm-ostree override remove names.
ShellCommand rpm_command(const std::vector<std::string>& w, const std::string& text) {
  ShellCommand c;
  rpmrepo::PackageCommand pc;
  pc.command = text;
  size_t first = 0;
  if (w[0] == "rpm" && w.size() > 1 && (w[1] == "-e" || w[1] == "--erase")) {
    pc.kind = CommandKind::erase_nodeps;
    first = 2;
  } else if (w[0] == "rpm" && w.size() > 1 && w[1] == "-q") {
    pc.kind = CommandKind::verify;
    first = 2;
  } else if (w[0] == "rpm-ostree" && w.size() > 2 && w[1] == "override" && w[2] == "remove") {
    pc.kind = CommandKind::erase_nodeps;
    first = 3;
  } else {
    return c;
  }
  for (size_t i = first; i < w.size(); ++i)
    if (!w[i].empty() && w[i][0] != '-') pc.names.push_back(w[i]);
  if (pc.names.empty() && pc.kind == CommandKind::verify) return c;  // rpm -q --whatever
  c.kind = ShellCommand::Kind::package;
  c.tool = w[0];
  c.command = std::move(pc);
  return c;
}

}  // namespace

std::vector<std::string> shell_words(const std::string& cmd) {
  std::vector<std::string> out;
  std::string cur;
  bool in_word = false;
  char quote = 0;
  for (char ch : cmd) {
    if (quote != 0) {
      if (ch == quote) quote = 0;
      else cur += ch;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      in_word = true;
    } else if (ch == ' ' || ch == '\t') {
      if (in_word) out.push_back(cur);
      cur.clear();
      in_word = false;
    } else {
      cur += ch;
      in_word = true;
    }
  }
  if (in_word) out.push_back(cur);
  return out;
}

ShellCommand parse_shell_command(const std::string& raw) {
  std::string cmd = raw;
  for (const char* kw : {"then ", "else "})
    if (starts_with(cmd, kw)) cmd = cmd.substr(5);
  ShellCommand c;
  static const std::regex assign(R"(^([A-Za-z_][A-Za-z0-9_]*)=\$\(\s*rpm -qa[^|]*\|\s*grep -E\s+'([^']*)'.*\)$)");
  static const std::regex test(R"(^if \[ -n "?\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?"? \]$)");
  std::smatch m;
  if (std::regex_match(cmd, m, assign)) {
    c.kind = ShellCommand::Kind::assign;
    c.var = m[1];
    c.pattern = m[2];
    return c;
  }
  if (std::regex_match(cmd, m, test)) {
    c.kind = ShellCommand::Kind::if_nonempty;
    c.var = m[1];
    return c;
  }
  if (cmd == "fi") {
    c.kind = ShellCommand::Kind::end_if;
    return c;
  }
  auto w = shell_words(cmd);
  if (w.empty()) return c;
  if (w[0] == "dnf" || w[0] == "yum") return dnf_command(w, cmd);
  if (w[0] == "rpm" || w[0] == "rpm-ostree") return rpm_command(w, cmd);
  return c;
}

}  // namespace dl::sim::controllers::layering

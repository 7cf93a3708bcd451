#include "sim/controllers/build_dnf_output.h"

#include <algorithm>
#include <cstdio>

namespace dl::sim::controllers::layering {
namespace {

using rpmrepo::ChangeKind;
using rpmrepo::CommandKind;
using rpmrepo::PackageChange;

std::string pad(const std::string& s, size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

std::string nevra(const PackageChange& c) {
  std::string evr = c.evr;
  size_t colon = evr.find(':');
  if (colon != std::string::npos) evr = evr.substr(colon + 1);  // dnf prints no epoch here
  return c.name + "-" + evr + "." + c.arch;
}

std::string size_text(long long bytes) {
  char buf[32];
  if (bytes >= 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f M", static_cast<double>(bytes) / (1024.0 * 1024.0));
  else
    std::snprintf(buf, sizeof buf, "%lld k", (bytes + 1023) / 1024);
  return buf;
}

const char* heading(ChangeKind k) {
  switch (k) {
    case ChangeKind::install:
      return "Installing:";
    case ChangeKind::upgrade:
      return "Upgrading:";
    case ChangeKind::downgrade:
      return "Downgrading:";
    case ChangeKind::reinstall:
      return "Reinstalling:";
    case ChangeKind::erase:
      break;
  }
  return "Removing:";
}

const char* progress(ChangeKind k) {
  switch (k) {
    case ChangeKind::install:
      return "  Installing       : ";
    case ChangeKind::upgrade:
      return "  Upgrading        : ";
    case ChangeKind::downgrade:
      return "  Downgrading      : ";
    case ChangeKind::reinstall:
      return "  Reinstalling     : ";
    case ChangeKind::erase:
      break;
  }
  return "  Erasing          : ";
}

const char* summary_verb(ChangeKind k) {
  switch (k) {
    case ChangeKind::install:
      return "Install";
    case ChangeKind::upgrade:
      return "Upgrade";
    case ChangeKind::downgrade:
      return "Downgrade";
    case ChangeKind::reinstall:
      return "Reinstall";
    case ChangeKind::erase:
      break;
  }
  return "Remove";
}

std::string transaction(const rpmrepo::Step& step) {
  if (step.changes.empty()) return "Dependencies resolved.\nNothing to do.\nComplete!\n";
  std::string line(80, '=');
  std::string s = "Dependencies resolved.\n" + line + "\n Package" + std::string(30, ' ') +
                  "Arch     Version                 Repository   Size\n" + line + "\n";
  const ChangeKind order[] = {ChangeKind::install, ChangeKind::upgrade, ChangeKind::downgrade, ChangeKind::reinstall,
                              ChangeKind::erase};
  std::string summary;
  for (ChangeKind k : order) {
    int n = 0;
    for (const auto& c : step.changes) {
      if (c.kind != k) continue;
      if (n++ == 0) s += std::string(heading(k)) + "\n";
      s += " " + pad(c.name, 37) + pad(c.arch, 9) + pad(c.evr, 24) + pad(c.repo, 13) +
           (k == ChangeKind::erase ? "" : size_text(c.download_size)) + "\n";
      for (const auto& r : c.replaces) s += "     replacing  " + r + "\n";
    }
    if (n == 0) continue;
    summary += pad(summary_verb(k), 9) + std::to_string(n) + " Package" + (n == 1 ? "" : "s") + "\n";
  }
  s += "\nTransaction Summary\n" + line + "\n" + summary + "\nDownloading Packages:\n";
  s += "Running transaction check\nTransaction check succeeded.\nRunning transaction test\n"
       "Transaction test succeeded.\nRunning transaction\n";
  size_t total = step.changes.size();
  for (size_t i = 0; i < total; ++i)
    s += progress(step.changes[i].kind) + nevra(step.changes[i]) + "   " + std::to_string(i + 1) + "/" +
         std::to_string(total) + "\n";
  return s + "\nComplete!\n";
}

std::string dnf_failure(const rpmrepo::PackageCommand& command, const rpmrepo::Step& step, std::string& failure) {
  std::string s;
  if (!step.problems.empty()) {
    s += "Error: \n";
    bool many = step.problems.size() > 1;
    for (size_t i = 0; i < step.problems.size(); ++i) {
      const auto& rules = step.problems[i].rules;
      std::string head = rules.empty() ? step.problems[i].summary : rules[0].solver;
      s += " Problem" + (many ? " " + std::to_string(i + 1) : std::string()) + ": " + head + "\n";
      for (size_t r = 1; r < rules.size(); ++r) s += "  - " + rules[r].solver + "\n";
      if (i == 0) failure = "dnf: Problem: " + head;
    }
    s += "(try to add '--allowerasing' to command line to replace conflicting packages or '--skip-broken' to skip "
         "uninstallable packages or '--nobest' to use not only best candidate packages)\n";
    return s;
  }
  std::string names;
  for (const auto& m : step.missing) {
    s += (command.kind == CommandKind::install ? "No match for argument: " : "No package " ) + m +
         (command.kind == CommandKind::install ? "\n" : " installed.\n");
    names += (names.empty() ? "" : " ") + m;
  }
  if (command.kind == CommandKind::install) {
    s += "Error: Unable to find a match: " + names + "\n";
    failure = "dnf: Unable to find a match: " + names;
  } else {
    std::string what = command.kind == CommandKind::remove ? "removal" : "distribution synchronization";
    s += "Error: No packages marked for " + what + ".\n";
    failure = "dnf: No packages marked for " + what + " (" + names + ")";
  }
  return s;
}

}  // namespace

std::string dnf_preamble() {
  return "Updating Subscription Management repositories.\nLast metadata expiration check: 0:00:04 ago.\n";
}

std::string step_output(const std::string& tool, const rpmrepo::PackageCommand& command, const rpmrepo::Step& step,
                        std::string& failure) {
  if (tool == "dnf") return step.ok ? transaction(step) : dnf_failure(command, step, failure);
  std::string s;
  if (command.kind == CommandKind::verify) {
    for (const auto& n : command.names) {
      bool missing = std::find(step.missing.begin(), step.missing.end(), n) != step.missing.end();
      s += missing ? "package " + n + " is not installed\n" : n + "\n";  // rpm -q prints the NEVRA; the name will do
    }
    if (!step.ok) failure = "rpm: package " + step.missing.front() + " is not installed";
    return s;
  }
  if (!step.ok) {
    for (const auto& m : step.missing)
      s += tool == "rpm" ? "error: package " + m + " is not installed\n" : "error: Package \"" + m + "\" not found\n";
    failure = tool + ": package " + step.missing.front() + " is not installed";
    return s;
  }
  if (tool == "rpm-ostree") {
    s += "Removed:\n";
    for (const auto& c : step.changes) s += "  " + nevra(c) + "\n";
  }
  return s;
}

}  // namespace dl::sim::controllers::layering

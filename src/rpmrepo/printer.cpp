#include "rpmrepo/printer.h"

#include <cstdio>

namespace dl::rpmrepo {
namespace {

const char* step_name(StepKind k) {
  switch (k) {
    case StepKind::erase:
      return "erase";
    case StepKind::distro_sync:
      return "distro-sync";
    case StepKind::install:
      return "install";
    case StepKind::verify:
      return "verify";
  }
  return "unknown";
}

util::ojson change_json(const PackageChange& c) {
  util::ojson j = {
      {"action", change_kind_name(c.kind)}, {"name", c.name}, {"evr", c.evr}, {"arch", c.arch}, {"repo", c.repo},
      {"downloadSize", c.download_size}};
  if (!c.replaces.empty()) j["replaces"] = c.replaces;
  return j;
}

util::ojson step_json(const Step& s) {
  util::ojson j = {{"step", step_name(s.kind)}, {"command", s.command}, {"ok", s.ok}};
  j["changes"] = util::ojson::array();
  for (const auto& c : s.changes) j["changes"].push_back(change_json(c));
  if (!s.missing.empty()) j["missing"] = s.missing;
  if (!s.problems.empty()) {
    j["problems"] = util::ojson::array();
    for (const auto& p : s.problems) {
      util::ojson pj = {{"summary", p.summary}, {"rules", util::ojson::array()}};
      for (const auto& r : p.rules) pj["rules"].push_back({{"kind", r.kind}, {"plain", r.plain}, {"solver", r.solver}});
      j["problems"].push_back(pj);
    }
  }
  return j;
}

std::string pad(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

std::string verdict_line(const Resolution& r) {
  switch (r.verdict) {
    case Verdict::ok:
      return "the package steps resolve: " + std::to_string(r.package_count) + " packages to download, " +
             human_size(r.download_size);
    case Verdict::missing_packages:
      return "a requested package is in none of the repositories; the build would fail";
    case Verdict::unresolvable:
      return "the dependencies cannot be satisfied; the build would fail";
    case Verdict::repo_error:
      return "repository metadata could not be loaded; the build would fail";
    case Verdict::not_installed:
      return "the steps resolve but do not install the package the build checks for";
  }
  return "";
}

void print_step(std::string& out, size_t index, const Step& s) {
  out += std::to_string(index) + ". " + s.command + "\n";
  for (const auto& c : s.changes) {
    out += "     " + pad(change_kind_name(c.kind), 10) + c.name + "-" + c.evr + "." + c.arch;
    if (c.kind != ChangeKind::erase) out += "  (" + c.repo + ", " + human_size(c.download_size) + ")";
    if (!c.replaces.empty()) out += "  replacing " + c.replaces.front() + (c.replaces.size() > 1 ? ", ..." : "");
    out += "\n";
  }
  if (s.kind == StepKind::verify)
    out += s.ok ? "     installed\n" : "     NOT installed\n";
  else if (s.ok && s.changes.empty())
    out += "     nothing to do\n";
  for (const auto& m : s.missing) {
    if (s.kind == StepKind::distro_sync)
      out += "     no package matches \"" + m + "\": dnf skips it\n";
    else if (s.kind == StepKind::install)
      out += "     no package matches \"" + m + "\" in the enabled repositories\n";
  }
  for (size_t i = 0; i < s.problems.size(); ++i) {
    const Problem& p = s.problems[i];
    out += "   Problem " + std::to_string(i + 1) + ": " + p.summary + "\n";
    for (const auto& r : p.rules) out += "     - " + r.plain + "\n       (libsolv: " + r.solver + ")\n";
  }
}

}  // namespace

std::string human_size(long long bytes) {
  char buf[32];
  if (bytes >= 1024LL * 1024 * 1024)
    std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(bytes) / (1024.0 * 1024 * 1024));
  else if (bytes >= 1024LL * 1024)
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024));
  else if (bytes >= 1024)
    std::snprintf(buf, sizeof buf, "%lld KiB", bytes / 1024);
  else
    std::snprintf(buf, sizeof buf, "%lld B", bytes);
  return buf;
}

util::ojson to_json(const Resolution& r) {
  util::ojson j = {{"verdict", verdict_name(r.verdict)}, {"arch", r.arch}, {"installedFrom", r.installed_source}};
  j["repos"] = util::ojson::array();
  for (const auto& repo : r.repos) {
    util::ojson rj = {{"id", repo.id}, {"url", repo.url}, {"packages", repo.packages}, {"fromCache", repo.from_cache}};
    if (!repo.error.empty()) rj["error"] = repo.error;
    j["repos"].push_back(rj);
  }
  j["steps"] = util::ojson::array();
  for (const auto& s : r.steps) j["steps"].push_back(step_json(s));
  j["packageCount"] = r.package_count;
  j["downloadSize"] = r.download_size;
  j["installedAfter"] = r.installed_after;
  return j;
}

std::string summary_line(const Resolution& r) {
  std::string line = std::string(r.verdict == Verdict::ok ? "OK: " : "FAIL: ") + verdict_line(r);
  for (const auto& repo : r.repos)
    if (!repo.error.empty()) return line + ": " + repo.error;
  for (const auto& s : r.steps) {
    if (!s.problems.empty()) return line + ": " + s.problems.front().summary;
    if (!s.ok && !s.missing.empty()) return line + ": no package matches \"" + s.missing.front() + "\"";
  }
  return line;
}

std::string to_text(const Resolution& r) {
  std::string out = "Repositories (" + r.arch + "):\n";
  size_t width = 4;
  for (const auto& repo : r.repos) width = std::max(width, repo.id.size() + 2);
  for (const auto& repo : r.repos) {
    out += "  " + pad(repo.id, width) + repo.url;
    if (repo.error.empty())
      out += "  " + std::to_string(repo.packages) + " packages" + (repo.from_cache ? " (cached)" : "");
    out += "\n";
    if (!repo.error.empty()) out += "    error: " + repo.error + "\n";
  }
  out += "Base image: " + r.installed_source + "\n\n";
  for (size_t i = 0; i < r.steps.size(); ++i) print_step(out, i + 1, r.steps[i]);
  if (!r.steps.empty()) out += "\n";
  out += std::string(r.verdict == Verdict::ok ? "OK: " : "FAIL: ") + verdict_line(r) + "\n";
  return out;
}

}  // namespace dl::rpmrepo

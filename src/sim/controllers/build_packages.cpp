#include "sim/controllers/build_packages.h"

#include <algorithm>
#include <regex>

#include "rpmrepo/metadata.h"
#include "rpmrepo/pool.h"
#include "rpmrepo/solve.h"
#include "sim/controllers/build_dnf_output.h"
#include "sim/controllers/package_commands.h"
#include "sim/node/rpm_headers.h"

namespace dl::sim::controllers::layering {
namespace {

using rpmrepo::CommandKind;

std::string arch_of(const node::OsImage& image) {
  for (const auto& p : image.packages)
    if (auto n = node::parse_nvra(p); n && n->arch != "noarch") return n->arch;
  return "x86_64";
}

rpmrepo::InstalledSet installed_set(const node::OsImage& image) {
  rpmrepo::InstalledSet set;
  set.source = "the simulated base image " + image.pull_spec;
  for (auto& h : node::rpm_headers(image)) {
    rpmrepo::InstalledPackage p;
    p.name = h.name;
    p.evr = h.evr;
    p.arch = h.arch;
    p.provides = std::move(h.provides);
    p.requires_ = std::move(h.requires_);
    set.packages.push_back(std::move(p));
  }
  return set;
}

/// Installed package names the extended regular expression `pattern` finds (`rpm -qa | grep -E`).
std::string grep_installed(const rpmrepo::SolvPool& pool, const std::string& pattern) {
  std::string out;
  std::regex re;
  try {
    re = std::regex(pattern, std::regex::extended);
  } catch (const std::regex_error&) {
    return out;
  }
  Pool* p = pool.get();
  Id id = 0;
  Solvable* s = nullptr;
  FOR_REPO_SOLVABLES(pool.installed(), id, s) {
    std::string name = pool_id2str(p, s->name);
    if (std::regex_search(name, re)) out += (out.empty() ? "" : " ") + name;
  }
  return out;
}

}  // namespace

PackageBuild::PackageBuild(const PackageBuildInputs& in) {
  std::string arch = arch_of(in.base);
  std::string releasever = in.base.rhel_version.substr(0, in.base.rhel_version.find('.'));
  m_pool = std::make_unique<rpmrepo::SolvPool>(arch);
  rpmrepo::FetchOptions fo;
  fo.attempts = 1;  // file:// mirrors only: nothing transient to retry
  auto fetcher = rpmrepo::make_curl_fetcher(fo);
  for (const auto& file : parse_repo_files(in.repo_files, arch, releasever)) {
    if (!file.enabled) continue;
    Repo r{file, mirrored_url(file.baseurl, in.mirrors).value_or(""), ""};
    if (file.baseurl.empty()) {
      r.error = "Cannot find a valid baseurl for repo: " + file.id;
    } else if (r.url.empty()) {
      r.error = "Curl error (6): Couldn't resolve host name for " + rpmrepo::join_url(file.baseurl, "repodata/repomd.xml") +
                " [Could not resolve host: no --repo-mirror of the simulator serves " + file.baseurl + "]";
    } else {
      auto meta = rpmrepo::load_metadata({file.id, r.url, file.priority}, *fetcher, {});
      auto added = meta ? m_pool->add_repo({file.id, r.url, file.priority}, *meta)
                        : util::Result<int>(meta.error());
      if (!added) r.error = "Cannot download repomd.xml: " + added.error().message;
    }
    m_repos.push_back(std::move(r));
  }
  m_pool->set_installed(installed_set(in.base));
}

PackageBuild::~PackageBuild() = default;

bool PackageBuild::handles(const std::string& cmd) const {
  return parse_shell_command(cmd).kind != ShellCommand::Kind::other;
}

std::string PackageBuild::repo_errors(const std::string& repo, std::string& failure) const {
  std::string out;
  bool known = repo.empty();
  for (const auto& r : m_repos) {
    if (!repo.empty() && r.file.id != repo) continue;
    known = true;
    if (r.error.empty()) continue;
    if (r.file.skip_if_unavailable) {
      out += "Errors during downloading metadata for repository '" + r.file.id + "':\n  - " + r.error +
             "\nIgnoring repositories: " + r.file.id + "\n";
      continue;
    }
    out += "Errors during downloading metadata for repository '" + r.file.id + "':\n  - " + r.error + "\n";
    out += "Error: Failed to download metadata for repo '" + r.file.id +
           "': Cannot download repomd.xml: Cannot download repodata/repomd.xml: All mirrors were tried\n";
    failure = "dnf: Failed to download metadata for repo '" + r.file.id + "'";
    return out;
  }
  if (!known) {
    out += "Error: Unknown repo: '" + repo + "'\n";
    failure = "dnf: Unknown repo: '" + repo + "'";
  }
  return out;
}

std::string PackageBuild::run(const std::string& cmd, std::string& failure) {
  ShellCommand c = parse_shell_command(cmd);
  bool skipping = std::find(m_ifs.begin(), m_ifs.end(), false) != m_ifs.end();
  if (c.kind == ShellCommand::Kind::end_if) {
    if (!m_ifs.empty()) m_ifs.pop_back();
    return "";
  }
  if (c.kind == ShellCommand::Kind::if_nonempty) {
    m_ifs.push_back(!skipping && !m_vars[c.var].empty());
    return "";
  }
  if (skipping || c.kind == ShellCommand::Kind::other) return "";
  if (c.kind == ShellCommand::Kind::assign) {
    m_vars[c.var] = grep_installed(*m_pool, c.pattern);
    return "";
  }
  std::vector<std::string> names;  // $VAR words expand to the variable's words
  for (const auto& n : c.command.names) {
    if (n.empty() || n[0] != '$') {
      names.push_back(n);
      continue;
    }
    std::string var = n.substr(n[1] == '{' ? 2 : 1);
    if (!var.empty() && var.back() == '}') var.pop_back();
    for (const auto& w : shell_words(m_vars[var])) names.push_back(w);
  }
  c.command.names = names;
  std::string out;
  bool needs_repos = c.tool == "dnf";
  if (needs_repos) {
    out = dnf_preamble();
    out += repo_errors(c.command.repo, failure);
    if (!failure.empty()) return out;
  }
  rpmrepo::Step step = rpmrepo::solve_command(*m_pool, c.command);
  return out + step_output(c.tool, c.command, step, failure);
}

}  // namespace dl::sim::controllers::layering

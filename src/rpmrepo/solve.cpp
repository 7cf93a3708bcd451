#include "rpmrepo/solve.h"

#include "rpmrepo/solve_steps.h"
#include "util/strings.h"

namespace dl::rpmrepo {
namespace {

Step erase_step(InstalledSet& set) {
  Step step{StepKind::erase, "", true, {}, {}, {}};
  std::vector<std::string> names;
  auto& pk = set.packages;
  for (auto it = pk.begin(); it != pk.end();) {
    if (!is_stock_ovs(it->name)) {
      ++it;
      continue;
    }
    names.push_back(it->name);
    step.changes.push_back({ChangeKind::erase, it->name, it->evr, it->arch, "@System", 0, {}});
    it = pk.erase(it);
  }
  step.command = names.empty() ? "rpm -e --nodeps (no openvswitch[0-9]* package installed)"
                               : "rpm -e --nodeps " + util::join(names, " ");
  return step;
}

Verdict verdict_of(const Step& s) {
  if (s.kind == StepKind::verify) return Verdict::not_installed;
  return s.problems.empty() && !s.missing.empty() ? Verdict::missing_packages : Verdict::unresolvable;
}

/// Totals and the final installed set of a Resolution whose steps all succeeded.
void finish(const SolvPool& pool, Resolution& res) {
  res.installed_after = installed_nevras(pool);
  for (const auto& step : res.steps)
    for (const auto& c : step.changes)
      if (c.kind != ChangeKind::erase) {
        res.download_size += c.download_size;
        ++res.package_count;
      }
}

}  // namespace

Step solve_command(SolvPool& pool, const PackageCommand& c) {
  switch (c.kind) {
    case CommandKind::erase_nodeps:
      return erase_nodeps_step(pool, c.names, c.command);
    case CommandKind::remove:
      return remove_step(pool, c.names, c.command);
    case CommandKind::distro_sync:
      return distro_sync_step(pool, c.names, c.repo, c.command);
    case CommandKind::install:
      return install_step(pool, c.names, c.weak_deps, c.command);
    case CommandKind::verify:
      break;
  }
  return verify_step(pool, c.names, c.command);
}

Resolution solve_operations(SolvPool& pool, const InstalledSet& installed, const Operations& ops) {
  Resolution res;
  InstalledSet start = installed;
  if (ops.erase_stock_ovs) res.steps.push_back(erase_step(start));
  pool.set_installed(start);
  auto failed = [&](Verdict v) {
    res.verdict = v;
    return res;
  };
  if (!ops.replace.empty()) {
    res.steps.push_back(
        distro_sync_step(pool, ops.replace, k_doca_repo_id, "dnf -y --repo=doca distro-sync " + util::join(ops.replace, " ")));
    if (!res.steps.back().ok) return failed(verdict_of(res.steps.back()));
  }
  res.steps.push_back(
      install_step(pool, ops.install, false, "dnf -y --setopt=install_weak_deps=False install " + util::join(ops.install, " ")));
  if (!res.steps.back().ok) return failed(verdict_of(res.steps.back()));
  finish(pool, res);
  if (!ops.verify.empty()) {
    res.steps.push_back(verify_step(pool, {ops.verify}, "rpm -q " + ops.verify));
    if (!res.steps.back().ok) return failed(Verdict::not_installed);
  }
  return res;
}

Resolution solve_commands(SolvPool& pool, const InstalledSet& installed, const std::vector<PackageCommand>& commands) {
  Resolution res;
  pool.set_installed(installed);
  for (const auto& c : commands) {
    res.steps.push_back(solve_command(pool, c));
    if (!res.steps.back().ok) {
      res.verdict = verdict_of(res.steps.back());
      return res;
    }
  }
  finish(pool, res);
  return res;
}

}  // namespace dl::rpmrepo

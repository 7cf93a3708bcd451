#include "rpmrepo/solve.h"

#include <algorithm>

#include "rpmrepo/problems.h"
#include "util/strings.h"

namespace dl::rpmrepo {
namespace {

// dnf's default installonlypkgs: these may be installed in several versions side by side.
const char* const k_installonly[] = {"kernel",
                                     "kernel-PAE",
                                     "installonlypkg(kernel)",
                                     "installonlypkg(kernel-module)",
                                     "installonlypkg(vm)",
                                     "multiversion(kernel)"};

const int k_select = SELECTION_NAME | SELECTION_PROVIDES | SELECTION_FILELIST | SELECTION_CANON | SELECTION_DOTARCH |
                     SELECTION_REL | SELECTION_GLOB | SELECTION_WITH_BADARCH;

/// Owns the libsolv objects of one solve.
struct Solve {
  explicit Solve(Pool* pool) : solver(solver_create(pool)) { queue_init(&job); }
  ~Solve() {
    if (trans != nullptr) transaction_free(trans);
    solver_free(solver);
    queue_free(&job);
  }
  Solve(const Solve&) = delete;
  Solve& operator=(const Solve&) = delete;
  Solver* solver;
  Queue job;
  Transaction* trans = nullptr;
};

/// The packages `name` matches as dnf's query does (any arch), restricted by `keep`.
std::vector<Id> matches(Pool* pool, const std::string& name, bool (*keep)(Pool*, Id)) {
  Queue sel, pkgs;
  queue_init(&sel);
  queue_init(&pkgs);
  selection_make(pool, &sel, name.c_str(), k_select);
  selection_solvables(pool, &sel, &pkgs);
  std::vector<Id> out;
  for (int i = 0; i < pkgs.count; ++i)
    if (keep(pool, pkgs.elements[i])) out.push_back(pkgs.elements[i]);
  queue_free(&pkgs);
  queue_free(&sel);
  return out;
}

bool any(Pool*, Id) {
  return true;
}
bool available_only(Pool* pool, Id p) {
  return pool->solvables[p].repo != pool->installed;
}

/// One job `how | ONE_OF(packages)` plus libdnf's flags, as dnf --debugsolver writes them.
void push_one_of(Pool* pool, Queue& job, Id how, std::vector<Id> pkgs) {
  Queue q;
  queue_init(&q);
  for (Id p : pkgs) queue_push(&q, p);
  queue_push2(&job, how | SOLVER_SOLVABLE_ONE_OF | SOLVER_FORCEBEST | SOLVER_SETEVR | SOLVER_SETARCH,
              pool_queuetowhatprovides(pool, &q));
  queue_free(&q);
}

void push_installonly(Pool* pool, Queue& job) {
  for (const char* name : k_installonly)
    queue_push2(&job, SOLVER_MULTIVERSION | SOLVER_SOLVABLE_PROVIDES, pool_str2id(pool, name, 1));
}

void set_dnf_flags(Solver* solver, bool weak_deps) {
  solver_set_flag(solver, SOLVER_FLAG_ALLOW_DOWNGRADE, 1);  // as libdnf's Goal (dnf --debugsolver)
  solver_set_flag(solver, SOLVER_FLAG_KEEP_EXPLICIT_OBSOLETES, 1);
  solver_set_flag(solver, SOLVER_FLAG_ALLOW_VENDORCHANGE, 1);
  solver_set_flag(solver, SOLVER_FLAG_KEEP_ORPHANS, 1);
  solver_set_flag(solver, SOLVER_FLAG_BEST_OBEY_POLICY, 1);
  solver_set_flag(solver, SOLVER_FLAG_YUM_OBSOLETES, 1);
  if (!weak_deps) solver_set_flag(solver, SOLVER_FLAG_IGNORE_RECOMMENDED, 1);
}

PackageChange change_of(const SolvPool& pool, Transaction* t, Id p, int type) {
  Solvable* s = pool_id2solvable(pool.get(), p);
  PackageChange c;
  c.name = pool_id2str(pool.get(), s->name);
  c.evr = pool_id2str(pool.get(), s->evr);
  c.arch = pool_id2str(pool.get(), s->arch);
  c.repo = s->repo->name;
  if (s->repo == pool.installed()) {
    c.kind = ChangeKind::erase;
    return c;
  }
  c.download_size = static_cast<long long>(solvable_lookup_num(s, SOLVABLE_DOWNLOADSIZE, 0));
  Queue obs;
  queue_init(&obs);
  transaction_all_obs_pkgs(t, p, &obs);
  bool same_name = false;
  for (int i = 0; i < obs.count; ++i) {
    c.replaces.push_back(pool.nevra(obs.elements[i]));
    same_name = same_name || pool_id2solvable(pool.get(), obs.elements[i])->name == s->name;
  }
  queue_free(&obs);
  if (type == SOLVER_TRANSACTION_DOWNGRADE)
    c.kind = ChangeKind::downgrade;
  else if (type == SOLVER_TRANSACTION_REINSTALL || type == SOLVER_TRANSACTION_MULTIREINSTALL)
    c.kind = ChangeKind::reinstall;
  else if (type == SOLVER_TRANSACTION_UPGRADE || (type == SOLVER_TRANSACTION_OBSOLETES && same_name))
    c.kind = ChangeKind::upgrade;
  else
    c.kind = ChangeKind::install;
  return c;
}

/// Solves `s.job`; on success records the changes and returns the installed set afterwards.
std::vector<Id> run(SolvPool& pool, Solve& s, Step& step) {
  if (solver_solve(s.solver, &s.job) != 0) {
    step.ok = false;
    step.problems = describe_problems(pool, s.solver);
    return {};
  }
  s.trans = solver_create_transaction(s.solver);
  transaction_order(s.trans, 0);
  const int mode = SOLVER_TRANSACTION_SHOW_ACTIVE | SOLVER_TRANSACTION_SHOW_ALL | SOLVER_TRANSACTION_SHOW_OBSOLETES |
                   SOLVER_TRANSACTION_CHANGE_IS_REINSTALL;
  for (int i = 0; i < s.trans->steps.count; ++i) {
    Id p = s.trans->steps.elements[i];
    int type = transaction_type(s.trans, p, mode);
    if (type == SOLVER_TRANSACTION_IGNORE) continue;  // the old side of an upgrade or obsoletes
    step.changes.push_back(change_of(pool, s.trans, p, type));
  }
  Queue result;
  queue_init(&result);
  transaction_installedresult(s.trans, &result);
  std::vector<Id> ids(result.elements, result.elements + result.count);
  queue_free(&result);
  return ids;
}

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

Step distro_sync_step(SolvPool& pool, const std::vector<std::string>& names) {
  Step step{StepKind::distro_sync, "dnf -y --repo=doca distro-sync " + util::join(names, " "), true, {}, {}, {}};
  Pool* p = pool.get();
  Repo* doca = pool.repo(k_doca_repo_id);
  Map considered;  // `--repo=doca`: only the DOCA repo and the installed packages exist
  map_init(&considered, p->nsolvables);
  for (Id id = 2; id < p->nsolvables; ++id) {  // 0 and 1 are libsolv's own
    Solvable* s = pool_id2solvable(p, id);
    if (s->repo == nullptr || (s->repo != pool.installed() && s->repo != doca)) continue;
    unsigned char& byte = considered.map[id >> 3];
    byte = static_cast<unsigned char>(byte | (1u << (id & 7)));
  }
  p->considered = &considered;
  pool.prepare();
  std::vector<Id> after;
  {
    Solve solve(p);
    set_dnf_flags(solve.solver, true);
    // dnf distro-sync skips a name that matches no package ("No package X installed.") and
    // fails only when no name is left; each job offers the name's available packages.
    bool any_job = false;
    for (const auto& name : names) {
      if (matches(p, name, any).empty()) {
        step.missing.push_back(name);
        continue;
      }
      push_one_of(p, solve.job, SOLVER_DISTUPGRADE, matches(p, name, available_only));
      any_job = true;
    }
    push_installonly(p, solve.job);
    if (any_job)
      after = run(pool, solve, step);
    else
      step.ok = false;
  }
  p->considered = nullptr;
  map_free(&considered);
  if (step.ok) pool.set_installed(after);
  return step;
}

Step install_step(SolvPool& pool, const std::vector<std::string>& names) {
  Step step{
      StepKind::install, "dnf -y --setopt=install_weak_deps=False install " + util::join(names, " "), true, {}, {}, {}};
  pool.prepare();
  std::vector<Id> after;
  {
    Solve solve(pool.get());
    set_dnf_flags(solve.solver, false);
    for (const auto& name : names) {
      std::vector<Id> pkgs = matches(pool.get(), name, any);
      if (pkgs.empty())
        step.missing.push_back(name);
      else
        push_one_of(pool.get(), solve.job, SOLVER_INSTALL, std::move(pkgs));
    }
    push_installonly(pool.get(), solve.job);
    if (step.missing.empty())
      after = run(pool, solve, step);
    else
      step.ok = false;
  }
  if (step.ok) pool.set_installed(after);
  return step;
}

std::vector<std::string> installed_nevras(const SolvPool& pool) {
  std::vector<std::string> out;
  Id p = 0;
  Solvable* s = nullptr;
  FOR_REPO_SOLVABLES(pool.installed(), p, s) {
    out.push_back(pool.nevra(p));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

Resolution solve_operations(SolvPool& pool, const InstalledSet& installed, const Operations& ops) {
  Resolution res;
  InstalledSet start = installed;
  if (ops.erase_stock_ovs) res.steps.push_back(erase_step(start));
  pool.set_installed(start);
  auto failed = [&](Verdict v) {
    res.verdict = v;
    return res;
  };
  auto verdict_of = [](const Step& s) {
    return s.problems.empty() && !s.missing.empty() ? Verdict::missing_packages : Verdict::unresolvable;
  };
  if (!ops.replace.empty()) {
    res.steps.push_back(distro_sync_step(pool, ops.replace));
    if (!res.steps.back().ok) return failed(verdict_of(res.steps.back()));
  }
  res.steps.push_back(install_step(pool, ops.install));
  if (!res.steps.back().ok) return failed(verdict_of(res.steps.back()));
  res.installed_after = installed_nevras(pool);
  for (const auto& step : res.steps)
    for (const auto& c : step.changes)
      if (c.kind != ChangeKind::erase) {
        res.download_size += c.download_size;
        ++res.package_count;
      }
  if (!ops.verify.empty()) {
    Step verify{StepKind::verify, "rpm -q " + ops.verify, true, {}, {}, {}};
    Id name = pool_str2id(pool.get(), ops.verify.c_str(), 0);
    Id p = 0;
    Solvable* s = nullptr;
    bool found = false;
    FOR_REPO_SOLVABLES(pool.installed(), p, s) {
      found = found || (name != 0 && s->name == name);
    }
    verify.ok = found;
    if (!found) verify.missing.push_back(ops.verify);
    res.steps.push_back(verify);
    if (!found) return failed(Verdict::not_installed);
  }
  return res;
}

}  // namespace dl::rpmrepo

#include "rpmrepo/solve_steps.h"

#include <fnmatch.h>

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

/// While alive, only @System and the repo named `repo` exist for the pool (dnf --repo=ID).
class OnlyRepo {
 public:
  OnlyRepo(SolvPool& pool, const std::string& repo) : m_pool(pool.get()) {
    if (repo.empty()) return;
    Repo* keep = pool.repo(repo);
    map_init(&m_considered, m_pool->nsolvables);
    for (Id id = 2; id < m_pool->nsolvables; ++id) {  // 0 and 1 are libsolv's own
      Solvable* s = pool_id2solvable(m_pool, id);
      if (s->repo == nullptr || (s->repo != pool.installed() && s->repo != keep)) continue;
      unsigned char& byte = m_considered.map[id >> 3];
      byte = static_cast<unsigned char>(byte | (1u << (id & 7)));
    }
    m_pool->considered = &m_considered;
    m_active = true;
  }
  ~OnlyRepo() {
    if (!m_active) return;
    m_pool->considered = nullptr;
    map_free(&m_considered);
  }
  OnlyRepo(const OnlyRepo&) = delete;
  OnlyRepo& operator=(const OnlyRepo&) = delete;

 private:
  Pool* m_pool;
  Map m_considered{};
  bool m_active = false;
};

/// Installed solvables whose name is `pattern` (a glob as rpm takes it).
std::vector<Id> installed_named(const SolvPool& pool, const std::string& pattern) {
  std::vector<Id> out;
  Id p = 0;
  Solvable* s = nullptr;
  FOR_REPO_SOLVABLES(pool.installed(), p, s) {
    if (fnmatch(pattern.c_str(), pool_id2str(pool.get(), s->name), 0) == 0) out.push_back(p);
  }
  return out;
}

}  // namespace

Step distro_sync_step(SolvPool& pool, const std::vector<std::string>& names, const std::string& repo,
                      const std::string& command) {
  Step step{StepKind::distro_sync, command, true, {}, {}, {}};
  Pool* p = pool.get();
  std::vector<Id> after;
  {
    OnlyRepo only(pool, repo);
    pool.prepare();
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
  if (step.ok) pool.set_installed(after);
  return step;
}

Step install_step(SolvPool& pool, const std::vector<std::string>& names, bool weak_deps, const std::string& command) {
  Step step{StepKind::install, command, true, {}, {}, {}};
  pool.prepare();
  std::vector<Id> after;
  {
    Solve solve(pool.get());
    set_dnf_flags(solve.solver, weak_deps);
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

Step remove_step(SolvPool& pool, const std::vector<std::string>& names, const std::string& command) {
  Step step{StepKind::erase, command, true, {}, {}, {}};
  pool.prepare();
  std::vector<Id> after;
  {
    Solve solve(pool.get());
    set_dnf_flags(solve.solver, true);
    bool any_job = false;
    for (const auto& name : names) {
      std::vector<Id> pkgs = matches(pool.get(), name, [](Pool* pl, Id id) {
        return pool_id2solvable(pl, id)->repo == pl->installed;
      });
      if (pkgs.empty()) {
        step.missing.push_back(name);
        continue;
      }
      for (Id id : pkgs) queue_push2(&solve.job, SOLVER_ERASE | SOLVER_SOLVABLE | SOLVER_CLEANDEPS, id);
      any_job = true;
    }
    if (any_job)
      after = run(pool, solve, step);
    else
      step.ok = false;
  }
  if (step.ok) pool.set_installed(after);
  return step;
}

Step erase_nodeps_step(SolvPool& pool, const std::vector<std::string>& names, const std::string& command) {
  Step step{StepKind::erase, command, true, {}, {}, {}};
  std::vector<Id> gone;
  for (const auto& name : names) {
    std::vector<Id> pkgs = installed_named(pool, name);
    if (pkgs.empty()) step.missing.push_back(name);
    gone.insert(gone.end(), pkgs.begin(), pkgs.end());
  }
  if (!step.missing.empty()) {
    step.ok = false;
    return step;
  }
  std::vector<Id> kept;
  Id p = 0;
  Solvable* s = nullptr;
  FOR_REPO_SOLVABLES(pool.installed(), p, s) {
    if (std::find(gone.begin(), gone.end(), p) != gone.end()) {
      step.changes.push_back({ChangeKind::erase, pool_id2str(pool.get(), s->name), pool_id2str(pool.get(), s->evr),
                              pool_id2str(pool.get(), s->arch), "@System", 0, {}});
    } else {
      kept.push_back(p);
    }
  }
  pool.set_installed(kept);
  return step;
}

Step verify_step(const SolvPool& pool, const std::vector<std::string>& names, const std::string& command) {
  Step step{StepKind::verify, command, true, {}, {}, {}};
  for (const auto& name : names) {
    Id id = pool_str2id(pool.get(), name.c_str(), 0);
    bool found = false;
    Id p = 0;
    Solvable* s = nullptr;
    FOR_REPO_SOLVABLES(pool.installed(), p, s) {
      found = found || (id != 0 && s->name == id);
    }
    if (!found) step.missing.push_back(name);
  }
  step.ok = step.missing.empty();
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


}  // namespace dl::rpmrepo

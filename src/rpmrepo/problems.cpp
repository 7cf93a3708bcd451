#include "rpmrepo/problems.h"

#include <algorithm>

namespace dl::rpmrepo {
namespace {

struct RuleInfo {
  SolverRuleinfo type;
  Id source, target, dep;
};

class Wording {
 public:
  Wording(const SolvPool& pool, Solver* solver) : m_pool(pool), m_solver(solver) {}

  /// "doca-openvswitch-3.3.0040-1.el9.x86_64 from repo doca" / "... (installed in the base image)".
  std::string pkg(Id p) const {
    if (p <= 0) return "a package";
    Solvable* s = pool_id2solvable(m_pool.get(), p);
    std::string where =
        s->repo == m_pool.installed() ? " (installed in the base image)" : std::string(" from repo ") + s->repo->name;
    return m_pool.nevra(p) + where;
  }

  std::string dep(Id d) const { return pool_dep2str(m_pool.get(), d); }

  ProblemRule rule(const RuleInfo& r) const {
    ProblemRule out;
    out.solver = solver_problemruleinfo2str(m_solver, r.type, r.source, r.target, r.dep);
    out.kind = "other";
    out.plain = out.solver;
    word(r, out);
    return out;
  }

 private:
  void word(const RuleInfo& r, ProblemRule& o) const {
    switch (r.type) {
      case SOLVER_RULE_PKG_NOT_INSTALLABLE: {
        Solvable* s = pool_id2solvable(m_pool.get(), r.source);
        if (!m_pool.arch_ok(s->arch)) {
          o.kind = "arch";
          o.plain = pkg(r.source) + " is built for " + pool_id2str(m_pool.get(), s->arch) +
                    " and cannot be installed on " + m_pool.arch();
        } else {
          o.plain = pkg(r.source) + " cannot be installed (it is excluded)";
        }
        return;
      }
      case SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP:
        o.kind = "missing-dependency";
        o.plain = pkg(r.source) + " needs " + dep(r.dep) +
                  ", which no package of the enabled repositories provides for " + m_pool.arch();
        return;
      case SOLVER_RULE_PKG_REQUIRES:
        o.kind = "requires";
        o.plain = pkg(r.source) + " needs " + dep(r.dep) + ", but no package that provides it can be installed";
        return;
      case SOLVER_RULE_PKG_CONFLICTS:
      case SOLVER_RULE_PKG_SELF_CONFLICT:
        o.kind = "conflict";
        o.plain = pkg(r.source) + " conflicts with " + dep(r.dep) + ", which " + pkg(r.target) + " provides";
        return;
      case SOLVER_RULE_PKG_SAME_NAME:
        o.kind = "conflict";
        o.plain =
            pkg(r.source) + " and " + pkg(r.target) + " are two versions of one package; only one can be installed";
        return;
      case SOLVER_RULE_PKG_OBSOLETES:
      case SOLVER_RULE_PKG_IMPLICIT_OBSOLETES:
      case SOLVER_RULE_PKG_INSTALLED_OBSOLETES:
      case SOLVER_RULE_YUMOBS:
        o.kind = "obsoletes";
        o.plain = pkg(r.source) + " replaces (obsoletes) " + pkg(r.target);
        return;
      case SOLVER_RULE_UPDATE:
        o.kind = "installed";
        o.plain = pkg(r.source) + " would have to be removed or replaced, which the step does not allow";
        return;
      case SOLVER_RULE_DISTUPGRADE:
        o.kind = "installed";
        o.plain = pkg(r.source) + " has no counterpart in the repositories the step syncs from";
        return;
      case SOLVER_RULE_INFARCH:
        o.kind = "arch";
        o.plain = pkg(r.source) + " has a worse architecture than another candidate";
        return;
      case SOLVER_RULE_JOB:
        o.kind = "job";
        o.plain = "the requested packages cannot all be installed together";
        return;
      case SOLVER_RULE_JOB_NOTHING_PROVIDES_DEP:
      case SOLVER_RULE_JOB_UNKNOWN_PACKAGE:
        o.kind = "missing-dependency";
        o.plain = "no enabled repository provides " + dep(r.dep);
        return;
      case SOLVER_RULE_JOB_PROVIDED_BY_SYSTEM:
        o.kind = "installed";
        o.plain = dep(r.dep) + " is provided by the base image itself and cannot be removed";
        return;
      case SOLVER_RULE_BEST:
        o.kind = "best";
        o.plain = r.source > 0 ? "the newest version to update " + pkg(r.source) +
                                     " to cannot be installed (dnf runs with best=True)"
                               : "the newest candidate cannot be installed (dnf runs with best=True)";
        return;
      default:
        return;
    }
  }

  const SolvPool& m_pool;
  Solver* m_solver;
};

RuleInfo info(Solver* solver, Id rid) {
  RuleInfo r{};
  r.type = solver_ruleinfo(solver, rid, &r.source, &r.target, &r.dep);
  return r;
}

}  // namespace

std::vector<Problem> describe_problems(const SolvPool& pool, Solver* solver) {
  Wording w(pool, solver);
  std::vector<Problem> out;
  Id n = static_cast<Id>(solver_problem_count(solver));
  for (Id pr = 1; pr <= n; ++pr) {
    Problem problem;
    Queue rules;
    queue_init(&rules);
    solver_findallproblemrules(solver, pr, &rules);
    Queue infos;  // a rule can stand for several facts (as libdnf, print every one)
    queue_init(&infos);
    for (int i = 0; i < rules.count; ++i) {
      solver_allruleinfos(solver, rules.elements[i], &infos);
      for (int k = 0; k + 3 < infos.count; k += 4) {
        RuleInfo r{static_cast<SolverRuleinfo>(infos.elements[k]), infos.elements[k + 1], infos.elements[k + 2],
                   infos.elements[k + 3]};
        ProblemRule rule = w.rule(r);
        bool dup = std::any_of(problem.rules.begin(), problem.rules.end(),
                               [&](const ProblemRule& x) { return x.solver == rule.solver; });
        if (!dup) problem.rules.push_back(std::move(rule));
      }
    }
    queue_free(&infos);
    queue_free(&rules);
    Id main = solver_findproblemrule(solver, pr);
    problem.summary = main != 0 ? w.rule(info(solver, main)).plain : "the solver found a problem";
    out.push_back(std::move(problem));
  }
  return out;
}

}  // namespace dl::rpmrepo

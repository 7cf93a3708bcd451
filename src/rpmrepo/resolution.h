// Resolution: what the layer's package steps would do, as data (printer.h turns it into text
// or JSON). One Step per operation the generated Containerfile performs, in its order.
#pragma once

#include <string>
#include <vector>

namespace dl::rpmrepo {

/// The answer to "will this build's package steps succeed?".
enum class Verdict {
  ok,                ///< every step resolves and doca-openvswitch ends up installed
  missing_packages,  ///< a requested name matches no package in the enabled repositories
  unresolvable,      ///< the solver found dependency problems (conflicts, missing dependencies, arch)
  repo_error,        ///< a repository's metadata could not be fetched, verified or parsed
  not_installed,     ///< the steps resolve but the package the build checks for is not installed
};

/// "ok", "missing-packages", ... (the JSON spelling).
const char* verdict_name(Verdict v);

enum class ChangeKind { install, upgrade, downgrade, reinstall, erase };

/// "install", "upgrade", ...
const char* change_kind_name(ChangeKind k);

struct PackageChange {
  ChangeKind kind = ChangeKind::install;
  std::string name;
  std::string evr;  ///< [epoch:]version-release
  std::string arch;
  std::string repo;                   ///< repo id the package comes from; "@System" for erasures
  long long download_size = 0;        ///< bytes; 0 for erasures
  std::vector<std::string> replaces;  ///< NEVRAs of installed packages it upgrades or obsoletes
};

/// One line of a problem: libsolv's own rule text (as dnf prints it) and the same in plain words.
struct ProblemRule {
  std::string kind;    ///< conflict, missing-dependency, requires, arch, installed, best, job, obsoletes, other
  std::string plain;   ///< for people: what is wrong, naming packages and repositories
  std::string solver;  ///< libsolv's solver_problemruleinfo2str text
};

struct Problem {
  std::string summary;             ///< plain-words headline of the problem
  std::vector<ProblemRule> rules;  ///< in libsolv's order, duplicates dropped
};

enum class StepKind { erase, distro_sync, install, verify };

struct Step {
  StepKind kind = StepKind::install;
  std::string command;  ///< the Containerfile line this step models
  bool ok = true;
  std::vector<PackageChange> changes;  ///< when ok
  std::vector<std::string> missing;    ///< names with no match (dnf: "No match for argument")
  std::vector<Problem> problems;       ///< when the solver failed
};

struct RepoReport {
  std::string id;
  std::string url;
  int packages = 0;         ///< solvables loaded
  bool from_cache = false;  ///< metadata came from the cache without a download
  std::string error;        ///< empty when the metadata loaded
};

struct Resolution {
  Verdict verdict = Verdict::ok;
  std::string arch;              ///< the target architecture resolved for
  std::string installed_source;  ///< where the base image's package set came from
  std::vector<RepoReport> repos;
  std::vector<Step> steps;                   ///< up to and including the first failing one
  long long download_size = 0;               ///< bytes over all steps
  int package_count = 0;                     ///< packages downloaded over all steps
  std::vector<std::string> installed_after;  ///< NEVRAs after the last step, sorted (when ok)
};

}  // namespace dl::rpmrepo

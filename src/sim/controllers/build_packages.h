// PackageBuild: the package steps of a simulated image build resolved for real. The image's
// rpm database (sim/node's model of the base image) is the installed set, the repositories are
// the build's `.repo` files served through the simulator's mirrors, and each rpm/dnf command
// of the Containerfile is one libsolv solve (rpmrepo_core, the solver `doca-layer packages`
// uses). Prints what dnf or rpm would and says when the build would fail.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/controllers/build_repos.h"
#include "sim/node/os_image.h"

namespace dl::rpmrepo {
class SolvPool;
}

namespace dl::sim::controllers::layering {

/// What a PackageBuild starts from.
struct PackageBuildInputs {
  std::vector<RepoMirror> mirrors;
  std::map<std::string, std::string> repo_files;  ///< the etc-yum-repos-d ConfigMap's data
  node::OsImage base;                             ///< the image the build starts from
};

class PackageBuild {
 public:
  /// Loads the installed set and every enabled repository it can (errors are kept for the
  /// first dnf command that needs the repository).
  explicit PackageBuild(const PackageBuildInputs& in);
  ~PackageBuild();
  PackageBuild(const PackageBuild&) = delete;
  PackageBuild& operator=(const PackageBuild&) = delete;

  /// Whether `cmd` (one shell command of a RUN) is one this build runs (package commands and
  /// the shell around them); the others are left to the build log's canned output.
  bool handles(const std::string& cmd) const;

  /// Runs `cmd`: returns what it prints; `failure` gets one line (e.g. "dnf: Unable to find a
  /// match: X") when it exits non-zero, else stays empty.
  std::string run(const std::string& cmd, std::string& failure);

 private:
  struct Repo {
    RepoFile file;
    std::string url;    ///< mirrored file:// URL; empty: no mirror
    std::string error;  ///< why its metadata did not load; empty: loaded
  };
  /// The metadata errors a dnf command over `repo` (empty: all enabled) stops at.
  std::string repo_errors(const std::string& repo, std::string& failure) const;

  std::unique_ptr<rpmrepo::SolvPool> m_pool;
  std::vector<Repo> m_repos;
  std::map<std::string, std::string> m_vars;  ///< shell variables set by `VAR=$(rpm -qa | grep ...)`
  std::vector<bool> m_ifs;                    ///< open `if`s: whether each one's test held
};

}  // namespace dl::sim::controllers::layering

// SolvPool: a libsolv pool set up as dnf sets up its sack on an RPM system (RPM disttype, the
// target arch), holding the repositories' primary metadata and the installed ("@System") set.
// The solver steps in solve.cpp use it; so does the simulated image build (sim/controllers).
#pragma once

#include <string>
#include <vector>

#include "rpmrepo/installed_set.h"
#include "rpmrepo/metadata.h"
#include "rpmrepo/solv.h"
#include "util/result.h"

namespace dl::rpmrepo {

class SolvPool {
 public:
  /// An empty pool for `arch` (x86_64, aarch64, ...).
  explicit SolvPool(const std::string& arch);
  ~SolvPool();
  SolvPool(const SolvPool&) = delete;
  SolvPool& operator=(const SolvPool&) = delete;

  /// Parses `meta`'s primary into a repo named `source.id`; returns its package count.
  /// invalid_input with libsolv's parser message when the file is not primary metadata.
  /// With a cache entry, the parsed repo is kept there as a .solv file named by the primary's
  /// checksum and loaded from it next time (dnf keeps the same kind of cache).
  util::Result<int> add_repo(const RepoSource& source, const RepoMetadata& meta);

  /// Replaces @System with `set` (each package gets its `name = evr` self-provide).
  void set_installed(const InstalledSet& set);

  /// Replaces @System with copies of the solvables `ids` (the result of a transaction).
  void set_installed(const std::vector<Id>& ids);

  /// The repo with `id`, or nullptr.
  Repo* repo(const std::string& id) const;

  Pool* get() const { return m_pool; }
  /// The target architecture.
  const std::string& arch() const { return m_arch; }
  Repo* installed() const { return m_pool->installed; }

  /// name-evr.arch of a solvable.
  std::string nevra(Id p) const;

  /// Whether solvables of `arch` may be installed on the pool's arch.
  bool arch_ok(Id arch) const;

  /// Recomputes what provides what (after repos, the installed set or `considered` change).
  void prepare();

 private:
  /// Parses an rpm dependency string (simple or rich); 0 when it cannot.
  Id dep(const std::string& text) const;

  Pool* m_pool;
  std::string m_arch;
};

}  // namespace dl::rpmrepo

// The installed package set (the "@System" repo of a solve): packages with their dependency
// strings, read from `rpm -qa` output or written back. Spec-free (part of dl_rpmrepo_core).
#pragma once

#include <string>
#include <vector>

#include "util/result.h"

namespace dl::rpmrepo {

struct InstalledPackage {
  std::string name;
  std::string evr;  ///< [epoch:]version-release
  std::string arch;
  std::vector<std::string> provides;   ///< beyond the implicit `name = evr`
  std::vector<std::string> requires_;  ///< rpm dependency strings ("rdma-core(x86-64) = 54.0-1.el9")
  std::vector<std::string> conflicts;
  std::vector<std::string> obsoletes;

  /// name-[epoch:]version-release.arch
  std::string nevra() const;
};

struct InstalledSet {
  std::string source;  ///< human-readable origin ("built-in model ...", a file path)
  std::vector<InstalledPackage> packages;
};

/// The command that exports a node's set in the richer format parse_installed reads.
inline constexpr const char* k_export_command =
    "rpm -qa --qf '%{NEVRA}\\n[  provides: %{PROVIDENEVRS}\\n][  requires: %{REQUIRENEVRS}\\n]"
    "[  conflicts: %{CONFLICTNEVRS}\\n][  obsoletes: %{OBSOLETENEVRS}\\n]'";

/// Parses `rpm -qa` output (one NEVRA a line; gpg-pubkey entries skipped) or the richer
/// k_export_command format (indented `provides:`/`requires:`/... lines after each NEVRA).
/// invalid_input naming the line when a line is neither.
util::Result<InstalledSet> parse_installed(const std::string& text, const std::string& source);

/// Writes `set` in the k_export_command format (parse_installed reads it back).
std::string export_installed(const InstalledSet& set);

/// Splits "name-[epoch:]version-release.arch"; nullopt-like error when it is not one.
util::Result<InstalledPackage> parse_nevra(const std::string& nevra);

}  // namespace dl::rpmrepo

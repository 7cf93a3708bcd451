// Repository metadata, fetched and verified: repodata/repomd.xml and the primary file it names
// (gz, xz, zst or plain), kept in a cache directory with an expiry. The cache is revalidated
// with a conditional request once the entry is older than max_age; file:// repositories are
// read directly (they are local already).
#pragma once

#include <chrono>
#include <string>

#include "rpmrepo/fetcher.h"
#include "util/result.h"

namespace dl::rpmrepo {

struct RepoSource {
  std::string id;    ///< dnf repo id (doca, baseos, ...)
  std::string url;   ///< the folder holding repodata/; http(s):// or file://
  int priority = 0;  ///< dnf priority (lower wins); 0 = dnf's default 99
};

struct CacheOptions {
  std::string dir;                         ///< empty: no cache
  std::chrono::seconds max_age{6 * 3600};  ///< younger entries are used without asking the server
};

struct RepoMetadata {
  std::string primary;       ///< the primary file's bytes as stored (compressed), checksum verified
  std::string primary_href;  ///< its location; the suffix names the compression
  bool from_cache = false;   ///< served from the cache with no download (fresh, or 304 Not Modified)
  std::string checksum;      ///< the primary's checksum (hex) from repomd.xml
  std::string cache_entry;   ///< the cache folder holding this repo's files; empty when not cached
};

/// Fetches (or takes from the cache) and verifies `repo`'s metadata. Errors name the repo and
/// say what failed: unreachable, not a repository, or a primary that does not match repomd.xml.
util::Result<RepoMetadata> load_metadata(const RepoSource& repo, Fetcher& fetcher, const CacheOptions& cache);

/// $XDG_CACHE_HOME/doca-layer/rpmrepo, else ~/.cache/doca-layer/rpmrepo.
std::string default_cache_dir();

/// `base` with exactly one '/' before `rel`.
std::string join_url(const std::string& base, const std::string& rel);

}  // namespace dl::rpmrepo

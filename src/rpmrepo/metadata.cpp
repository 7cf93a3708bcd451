#include "rpmrepo/metadata.h"

#include <cstdlib>
#include <filesystem>
#include <map>

#include "rpmrepo/repomd.h"
#include "util/files.h"
#include "util/strings.h"

namespace dl::rpmrepo {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

/// A cache entry: <dir>/<id>-<hash of url>/{repomd.xml, primary, state}.
struct Entry {
  std::string path;
  std::map<std::string, std::string> state;  ///< url, fetched, etag, last_modified, href
};

std::string fnv1a_hex(const std::string& s) {
  unsigned long long h = 14695981039346656037ULL;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    h ^= c;
    h *= 1099511628211ULL;
  }
  static const char* k_hex = "0123456789abcdef";
  std::string out(16, '0');
  for (size_t i = 0; i < 16; ++i) out[15 - i] = k_hex[(h >> (4 * i)) & 0xf];
  return out;
}

long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch()).count();
}

Entry open_entry(const std::string& dir, const RepoSource& repo) {
  Entry e;
  e.path = dir + "/" + repo.id + "-" + fnv1a_hex(repo.url);
  auto text = util::read_file(e.path + "/state");
  if (!text) return e;
  for (const auto& line : util::split(*text, '\n')) {
    size_t eq = line.find('=');
    if (eq != std::string::npos) e.state[line.substr(0, eq)] = line.substr(eq + 1);
  }
  if (e.state["url"] != repo.url) e.state.clear();
  return e;
}

util::Status save_entry(const Entry& e) {
  std::string text;
  for (const auto& [k, v] : e.state) text += k + "=" + v + "\n";
  return util::write_file_atomic(e.path + "/state", text, util::FileMode::public_0644);
}

util::Error repo_error(const RepoSource& repo, const std::string& what) {
  return util::make_error(util::ErrorKind::io, "repo " + repo.id + " (" + repo.url + "): " + what);
}

/// Cached primary whose checksum still matches the cached repomd.xml; nullopt otherwise.
std::optional<RepoMetadata> cached(const Entry& e) {
  auto repomd = util::read_file(e.path + "/repomd.xml");
  auto primary = util::read_file(e.path + "/primary");
  if (!repomd || !primary) return std::nullopt;
  auto ref = parse_repomd(*repomd);
  if (!ref || !verify_primary(*ref, *primary)) return std::nullopt;
  return RepoMetadata{std::move(*primary), ref->href, true, ref->checksum, e.path};
}

/// Downloads primary for `repomd_xml` and checks it.
util::Result<RepoMetadata> download(const RepoSource& repo, Fetcher& fetcher, const std::string& repomd_xml) {
  auto ref = parse_repomd(repomd_xml);
  if (!ref) return repo_error(repo, ref.error().message);
  auto primary = fetcher.fetch(FetchRequest{join_url(repo.url, ref->href), "", ""});
  if (!primary) return repo_error(repo, primary.error().message);
  if (auto st = verify_primary(*ref, primary->body); !st) return repo_error(repo, st.error().message);
  return RepoMetadata{std::move(primary->body), ref->href, false, ref->checksum, ""};
}

util::Result<RepoMetadata> load_cached(const RepoSource& repo, Fetcher& fetcher, const CacheOptions& cache) {
  Entry e = open_entry(cache.dir, repo);
  long long fetched = e.state.count("fetched") ? std::atoll(e.state["fetched"].c_str()) : 0;
  auto hit = e.state.empty() ? std::nullopt : cached(e);
  if (hit && now_seconds() - fetched < cache.max_age.count()) return std::move(*hit);
  FetchRequest req{join_url(repo.url, "repodata/repomd.xml"), "", ""};
  if (hit) {
    req.etag = e.state["etag"];
    req.last_modified = e.state["last_modified"];
  }
  auto repomd = fetcher.fetch(req);
  if (!repomd) return repo_error(repo, repomd.error().message);
  e.state["url"] = repo.url;
  e.state["fetched"] = std::to_string(now_seconds());
  e.state["etag"] = repomd->etag;
  e.state["last_modified"] = repomd->last_modified;
  if (repomd->not_modified && hit) {
    (void)save_entry(e);  // a cache we cannot update still answered correctly
    return std::move(*hit);
  }
  auto got = download(repo, fetcher, repomd->body);
  if (!got) return got;
  if (util::make_dirs(e.path) &&
      util::write_file_atomic(e.path + "/primary", got->primary, util::FileMode::public_0644) &&
      util::write_file_atomic(e.path + "/repomd.xml", repomd->body, util::FileMode::public_0644) && save_entry(e))
    got->cache_entry = e.path;
  return got;
}

}  // namespace

std::string join_url(const std::string& base, const std::string& rel) {
  std::string b = base;
  while (!b.empty() && b.back() == '/') b.pop_back();
  size_t start = 0;
  while (start < rel.size() && rel[start] == '/') ++start;
  return b + "/" + rel.substr(start);
}

std::string default_cache_dir() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::string(xdg) + "/doca-layer/rpmrepo";
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : "/tmp") + "/.cache/doca-layer/rpmrepo";
}

util::Result<RepoMetadata> load_metadata(const RepoSource& repo, Fetcher& fetcher, const CacheOptions& cache) {
  bool local = repo.url.rfind("file://", 0) == 0;
  if (!cache.dir.empty() && !local) return load_cached(repo, fetcher, cache);
  auto repomd = fetcher.fetch(FetchRequest{join_url(repo.url, "repodata/repomd.xml"), "", ""});
  if (!repomd) return repo_error(repo, repomd.error().message);
  return download(repo, fetcher, repomd->body);
}

}  // namespace dl::rpmrepo

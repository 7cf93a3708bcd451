#include "rpmrepo/metadata.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "rpmrepo/test_support.h"
#include "util/temp_dir.h"

namespace dl::rpmrepo {
namespace {

namespace fs = std::filesystem;

/// The real fetcher, counting requests and the conditional ones.
class CountingFetcher final : public Fetcher {
 public:
  explicit CountingFetcher(FetchOptions o = {}) : m_real(make_curl_fetcher(o)) {}
  util::Result<FetchResponse> fetch(const FetchRequest& r) override {
    ++requests;
    if (!r.etag.empty() || !r.last_modified.empty()) ++conditional;
    auto got = m_real->fetch(r);
    if (got && got->not_modified) ++not_modified;
    return got;
  }
  int requests = 0, conditional = 0, not_modified = 0;

 private:
  std::unique_ptr<Fetcher> m_real;
};

/// A copy of the fixture's deps repo with old mtimes, so a later change is always newer.
std::string copy_repo(const util::TempDir& tmp, const std::string& from) {
  std::string dst = tmp.path() + "/repo";
  fs::copy(test::fixture().repos() + "/" + from, dst, fs::copy_options::recursive);
  for (const auto& e : fs::recursive_directory_iterator(dst))
    fs::last_write_time(e.path(), fs::file_time_type::clock::now() - std::chrono::hours(24));
  return dst;
}

TEST(Metadata, CacheMissThenHitThenRevalidate) {
  util::TempDir tmp("rpmrepo-cache");
  std::string dir = copy_repo(tmp, "deps");
  test::HttpServer server(dir);
  ASSERT_FALSE(server.url().empty());
  RepoSource src{"deps", server.url() + "/", 0};
  CountingFetcher f;
  CacheOptions cache{tmp.path() + "/cache", std::chrono::hours(1)};

  auto miss = load_metadata(src, f, cache);
  ASSERT_TRUE(miss) << miss.error().message;
  EXPECT_FALSE(miss->from_cache);
  EXPECT_EQ(f.requests, 2);  // repomd.xml + primary

  auto hit = load_metadata(src, f, cache);
  ASSERT_TRUE(hit) << hit.error().message;
  EXPECT_TRUE(hit->from_cache);
  EXPECT_EQ(f.requests, 2);  // fresh entry: no request at all
  EXPECT_EQ(hit->primary, miss->primary);

  cache.max_age = std::chrono::seconds(0);  // expired: ask, the server says 304
  auto revalidated = load_metadata(src, f, cache);
  ASSERT_TRUE(revalidated) << revalidated.error().message;
  EXPECT_TRUE(revalidated->from_cache);
  EXPECT_EQ(f.requests, 3);
  EXPECT_EQ(f.conditional, 1);
  EXPECT_EQ(f.not_modified, 1);
}

TEST(Metadata, ExpiredEntryPicksUpANewRevision) {
  util::TempDir tmp("rpmrepo-cache");
  std::string dir = copy_repo(tmp, "deps");
  test::HttpServer server(dir);
  RepoSource src{"deps", server.url(), 0};
  CountingFetcher f;
  CacheOptions cache{tmp.path() + "/cache", std::chrono::seconds(0)};
  auto first = load_metadata(src, f, cache);
  ASSERT_TRUE(first) << first.error().message;
  fs::remove_all(dir + "/repodata");  // the mirror syncs to other content
  fs::copy(test::fixture().repos() + "/doca/3.3.0/rhel9/x86_64/repodata", dir + "/repodata");
  auto second = load_metadata(src, f, cache);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_FALSE(second->from_cache);
  EXPECT_NE(second->primary, first->primary);
}

TEST(Metadata, FileUrlsAreReadDirectly) {
  util::TempDir tmp("rpmrepo-cache");
  CountingFetcher f;
  RepoSource src{"deps", "file://" + test::fixture().repos() + "/deps", 0};
  auto got = load_metadata(src, f, CacheOptions{tmp.path() + "/cache", std::chrono::hours(1)});
  ASSERT_TRUE(got) << got.error().message;
  EXPECT_FALSE(got->from_cache);
  EXPECT_FALSE(fs::exists(tmp.path() + "/cache"));
}

TEST(Metadata, ChecksumMismatchIsAnError) {
  CountingFetcher f;
  RepoSource src{"doca", "file://" + test::fixture().repos() + "/badsum/3.3.0/rhel9/x86_64/", 0};
  auto got = load_metadata(src, f, {});
  ASSERT_FALSE(got);
  EXPECT_NE(got.error().message.find("repo doca"), std::string::npos) << got.error().message;
  EXPECT_NE(got.error().message.find("does not match repomd.xml"), std::string::npos) << got.error().message;
}

TEST(Metadata, NotARepositoryAndUnreachable) {
  util::TempDir tmp("rpmrepo-empty");
  test::HttpServer server(tmp.path());
  CountingFetcher f(FetchOptions{3, std::chrono::milliseconds(10), std::chrono::milliseconds(2000),
                                 std::chrono::milliseconds(10000), "t"});
  auto not_repo = load_metadata(RepoSource{"x", server.url(), 0}, f, {});
  ASSERT_FALSE(not_repo);
  EXPECT_NE(not_repo.error().message.find("HTTP 404"), std::string::npos) << not_repo.error().message;
  EXPECT_EQ(f.requests, 1);  // a 404 is not retried
  auto down = load_metadata(RepoSource{"y", test::unreachable_url(), 0}, f, {});
  ASSERT_FALSE(down);
  EXPECT_NE(down.error().message.find("repo y"), std::string::npos);
  EXPECT_NE(down.error().message.find("after 3 tries"), std::string::npos) << down.error().message;
  EXPECT_EQ(f.requests, 2);  // retries happen inside the fetcher
}

TEST(Metadata, JoinsUrls) {
  EXPECT_EQ(join_url("http://h/a/", "/repodata/x"), "http://h/a/repodata/x");
  EXPECT_EQ(join_url("http://h/a", "repodata/x"), "http://h/a/repodata/x");
}

}  // namespace
}  // namespace dl::rpmrepo

#include "rpmrepo/resolve.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "rpmrepo/printer.h"
#include "rpmrepo/test_support.h"
#include "util/temp_dir.h"

namespace dl::rpmrepo {
namespace {

namespace fs = std::filesystem;

std::string file_url(const std::string& rel) {
  return "file://" + test::fixture().repos() + "/" + rel;
}

Resolution resolve(const spec::LayerSpec& spec, ResolveOptions o = {}) {
  auto r = resolve_layer(spec, o);
  if (!r) ADD_FAILURE() << r.error().message;
  return r ? *r : Resolution{};
}

const Step* step(const Resolution& r, StepKind k) {
  for (const auto& s : r.steps)
    if (s.kind == k) return &s;
  return nullptr;
}

const PackageChange* change(const Step& s, const std::string& name) {
  for (const auto& c : s.changes)
    if (c.name == name) return &c;
  return nullptr;
}

std::vector<ProblemRule> rules(const Resolution& r) {
  std::vector<ProblemRule> out;
  for (const auto& s : r.steps)
    for (const auto& p : s.problems) out.insert(out.end(), p.rules.begin(), p.rules.end());
  return out;
}

bool any_rule(const Resolution& r, const std::string& kind, const std::string& text) {
  auto all = rules(r);
  return std::any_of(all.begin(), all.end(),
                     [&](const ProblemRule& x) { return x.kind == kind && x.plain.find(text) != std::string::npos; });
}

TEST(Resolve, ResolvableLayerOverHttp) {
  test::HttpServer server(test::fixture().repos());
  ASSERT_FALSE(server.url().empty());
  Resolution r = resolve(test::layer(server.url() + "/doca", server.url() + "/deps/"));
  ASSERT_EQ(r.verdict, Verdict::ok);
  ASSERT_EQ(r.steps.size(), 4u);
  EXPECT_EQ(r.steps[0].command, "rpm -e --nodeps openvswitch3.5");
  const Step* sync = step(r, StepKind::distro_sync);
  ASSERT_NE(sync, nullptr);
  const PackageChange* verbs = change(*sync, "libibverbs");
  ASSERT_NE(verbs, nullptr);
  EXPECT_EQ(verbs->kind, ChangeKind::upgrade);
  EXPECT_EQ(verbs->repo, "doca");
  EXPECT_EQ(verbs->replaces, std::vector<std::string>{"libibverbs-54.0-1.el9.x86_64"});
  const Step* install = step(r, StepKind::install);
  ASSERT_NE(install, nullptr);
  for (const char* n : {"doca-networking", "doca-openvswitch", "mlnx-dpdk", "unbound", "unbound-libs", "libunwind"})
    EXPECT_NE(change(*install, n), nullptr) << n;
  EXPECT_EQ(r.package_count, 8);
  // createrepo_c records each rpm's size; the total is what the build downloads.
  long long bytes = 0;
  for (const auto& s : r.steps)
    for (const auto& c : s.changes)
      if (c.kind != ChangeKind::erase) {
        std::string dir = c.repo == "doca" ? "/doca/3.3.0/rhel9/x86_64/" : "/deps/";
        bytes += static_cast<long long>(
            fs::file_size(test::fixture().repos() + dir + c.name + "-" + c.evr + "." + c.arch + ".rpm"));
      }
  EXPECT_EQ(r.download_size, bytes);
  EXPECT_TRUE(std::find(r.installed_after.begin(), r.installed_after.end(), "doca-openvswitch-3.3.0040-1.el9.x86_64") !=
              r.installed_after.end());
  ASSERT_EQ(r.repos.size(), 2u);
  EXPECT_EQ(r.repos[0].packages, 7);
}

TEST(Resolve, CachedMetadataGivesTheSameAnswer) {
  test::HttpServer server(test::fixture().repos());
  util::TempDir tmp("rpmrepo-cache");
  ResolveOptions o;
  o.cache.dir = tmp.path() + "/cache";
  auto spec = test::layer(server.url() + "/doca", server.url() + "/deps/");
  Resolution cold = resolve(spec, o);
  Resolution warm = resolve(spec, o);
  ASSERT_EQ(cold.verdict, Verdict::ok);
  EXPECT_FALSE(cold.repos[0].from_cache);
  EXPECT_TRUE(warm.repos[0].from_cache);
  EXPECT_TRUE(warm.repos[1].from_cache);
  EXPECT_EQ(warm.installed_after, cold.installed_after);
  EXPECT_EQ(warm.download_size, cold.download_size);
  int solv_files = 0;  // the parsed repos are kept for the next run
  for (const auto& e : fs::recursive_directory_iterator(o.cache.dir)) solv_files += e.path().extension() == ".solv";
  EXPECT_EQ(solv_files, 2);
}

TEST(Resolve, DamagedSolvCacheFallsBackToTheXml) {
  test::HttpServer server(test::fixture().repos());
  util::TempDir tmp("rpmrepo-cache");
  ResolveOptions o;
  o.cache.dir = tmp.path() + "/cache";
  auto spec = test::layer(server.url() + "/doca", server.url() + "/deps/");
  Resolution cold = resolve(spec, o);
  for (const auto& e : fs::recursive_directory_iterator(o.cache.dir))
    if (e.path().extension() == ".solv") fs::resize_file(e.path(), 10);
  Resolution warm = resolve(spec, o);
  ASSERT_EQ(warm.verdict, Verdict::ok);
  EXPECT_EQ(warm.installed_after, cold.installed_after);
  EXPECT_EQ(warm.repos[0].packages, 7);
}

TEST(Resolve, Aarch64UsesTheArm64SbsaRepo) {
  auto spec = test::layer(file_url("doca"), file_url("deps-aarch64"), {}, "aarch64");
  EXPECT_EQ(repos_for(spec)[0].url, file_url("doca") + "/3.3.0/rhel9/arm64-sbsa/");
  Resolution r = resolve(spec);
  ASSERT_EQ(r.verdict, Verdict::ok) << to_text(r);
  EXPECT_NE(r.installed_source.find("aarch64"), std::string::npos);
  EXPECT_TRUE(std::find(r.installed_after.begin(), r.installed_after.end(),
                        "doca-openvswitch-3.3.0040-1.el9.aarch64") != r.installed_after.end());
  // The x86_64 dependency repo cannot serve an aarch64 node.
  Resolution wrong = resolve(test::layer(file_url("doca"), file_url("deps"), {}, "aarch64"));
  EXPECT_EQ(wrong.verdict, Verdict::unresolvable);
  EXPECT_TRUE(any_rule(wrong, "arch", "unbound-1.16.2-8.el9.x86_64 from repo deps is built for x86_64"));
}

TEST(Resolve, InstalledSetFromAnRpmQaFile) {
  util::TempDir tmp("rpmrepo-installed");
  std::string plain;  // plain `rpm -qa`: no provides beyond the names, so /bin/sh is missing
  for (const auto& p : test::fixture_installed().packages) plain += p.nevra() + "\n";
  ResolveOptions o;
  o.installed_from = tmp.write("rpm-qa.txt", plain);
  Resolution r = resolve(test::layer(file_url("doca"), file_url("deps")), o);
  EXPECT_EQ(r.verdict, Verdict::unresolvable);
  EXPECT_TRUE(any_rule(r, "missing-dependency", "/bin/sh")) << r.installed_source;
  o.installed_from = tmp.write("export.txt", export_installed(test::fixture_installed()));
  EXPECT_EQ(resolve(test::layer(file_url("doca"), file_url("deps")), o).verdict, Verdict::ok);
  o.installed_from = tmp.path() + "/nonexistent";
  EXPECT_FALSE(resolve_layer(test::layer(file_url("doca"), file_url("deps")), o));
}

TEST(Resolve, MissingPackage) {
  Resolution r = resolve(test::layer(file_url("doca"), file_url("deps"), {"doca-nosuch"}));
  EXPECT_EQ(r.verdict, Verdict::missing_packages);
  const Step* install = step(r, StepKind::install);
  ASSERT_NE(install, nullptr);
  EXPECT_EQ(install->missing, std::vector<std::string>{"doca-nosuch"});
}

TEST(Resolve, ConflictWithStockOpenvswitchWhenNotRemoved) {
  auto spec = test::layer(file_url("doca"), file_url("deps"));
  ResolveOptions o;
  o.operations = operations_for(spec);
  o.operations->erase_stock_ovs = false;
  Resolution r = resolve(spec, o);
  EXPECT_EQ(r.verdict, Verdict::unresolvable);
  EXPECT_TRUE(any_rule(r, "conflict", "openvswitch3.5-3.5.0-19.el9fdp.x86_64 (installed in the base image)"));
  EXPECT_EQ(step(r, StepKind::erase), nullptr);
}

TEST(Resolve, ArchMismatch) {
  Resolution r = resolve(test::layer(file_url("wrongarch"), file_url("deps")));
  EXPECT_EQ(r.verdict, Verdict::unresolvable);
  EXPECT_TRUE(any_rule(r, "arch", "doca-networking-3.3.0-1.aarch64 from repo doca is built for aarch64"));
}

TEST(Resolve, DamagedPrimary) {
  Resolution bad = resolve(test::layer(file_url("badsum"), file_url("deps")));
  EXPECT_EQ(bad.verdict, Verdict::repo_error);
  ASSERT_EQ(bad.repos.size(), 2u);
  EXPECT_NE(bad.repos[0].error.find("does not match repomd.xml"), std::string::npos) << bad.repos[0].error;
  EXPECT_TRUE(bad.steps.empty());
  Resolution corrupt = resolve(test::layer(file_url("corrupt"), file_url("deps")));
  EXPECT_EQ(corrupt.verdict, Verdict::repo_error);
  EXPECT_NE(corrupt.repos[0].error.find("not valid primary metadata"), std::string::npos) << corrupt.repos[0].error;
}

TEST(Resolve, UnreachableRepoIsAClearErrorAndTheOthersStillLoad) {
  auto f = make_curl_fetcher(FetchOptions{2, std::chrono::milliseconds(10), std::chrono::milliseconds(2000),
                                          std::chrono::milliseconds(10000), "t"});
  ResolveOptions o;
  o.fetcher = f.get();
  Resolution r = resolve(test::layer(test::unreachable_url(), file_url("deps")), o);
  EXPECT_EQ(r.verdict, Verdict::repo_error);
  ASSERT_EQ(r.repos.size(), 2u);
  EXPECT_NE(r.repos[0].error.find("repo doca"), std::string::npos);
  EXPECT_NE(r.repos[0].error.find("Couldn't connect"), std::string::npos) << r.repos[0].error;
  EXPECT_TRUE(r.repos[1].error.empty());
  EXPECT_EQ(r.repos[1].packages, 4);
}

TEST(Resolve, OperationsMirrorTheContainerfile) {
  auto spec = test::layer(file_url("doca"), file_url("deps"), {"jsoncpp"});
  Operations ops = operations_for(spec);
  EXPECT_TRUE(ops.erase_stock_ovs);
  EXPECT_EQ(ops.replace, (std::vector<std::string>{"libibverbs", "rdma-core"}));
  EXPECT_EQ(ops.install,
            (std::vector<std::string>{"unbound", "unbound-libs", "libunwind", "doca-networking", "jsoncpp"}));
  EXPECT_EQ(ops.verify, "doca-openvswitch");
  EXPECT_TRUE(is_stock_ovs("openvswitch3.5"));
  EXPECT_FALSE(is_stock_ovs("openvswitch-selinux-extra-policy"));
  EXPECT_FALSE(is_stock_ovs("doca-openvswitch"));
}

}  // namespace
}  // namespace dl::rpmrepo

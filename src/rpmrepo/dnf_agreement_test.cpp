// Every scenario resolved twice: by rpmrepo (libsolv) and by Debian's real dnf running the
// Containerfile's steps in an installroot seeded with the same base-image packages. The
// verdict, the failing step, libsolv's problem lines, missing names and the final installed
// set must agree.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "rpmrepo/resolve.h"
#include "rpmrepo/test_support.h"

namespace dl::rpmrepo {
namespace {

struct Scenario {
  const char* name;
  const char* doca;  ///< repos/<doca>, or "unreachable"
  std::vector<std::string> extra;
  bool keep_stock_ovs = false;
  bool http = false;
  std::vector<std::string> replace = {"libibverbs", "rdma-core"};  ///< spec.doca.replace
};

void PrintTo(const Scenario& s, std::ostream* os) {
  *os << s.name;
}  // readable ctest names

std::string dnf_verdict(Verdict v) {
  switch (v) {
    case Verdict::ok:
      return "ok";
    case Verdict::missing_packages:
      return "missing";
    case Verdict::unresolvable:
      return "unresolvable";
    case Verdict::repo_error:
      return "repo_error";
    case Verdict::not_installed:
      return "not_installed";
  }
  return "?";
}

std::string step_name(StepKind k) {
  return k == StepKind::distro_sync ? "distro-sync"
         : k == StepKind::install   ? "install"
         : k == StepKind::verify    ? "verify"
                                    : "erase";
}

class DnfAgreement : public testing::TestWithParam<Scenario> {};

TEST_P(DnfAgreement, SameVerdictAsDnf) {
  const Scenario& sc = GetParam();
  std::unique_ptr<test::HttpServer> server;
  std::string base = "file://" + test::fixture().repos();
  if (sc.http) {
    server = std::make_unique<test::HttpServer>(test::fixture().repos());
    ASSERT_FALSE(server->url().empty());
    base = server->url();
  }
  std::string doca = std::string(sc.doca) == "unreachable" ? test::unreachable_url() : base + "/" + sc.doca;
  spec::LayerSpec spec = test::layer(doca, base + "/deps/", sc.extra);
  spec.doca.replace = sc.replace;

  auto fetcher = make_curl_fetcher(FetchOptions{1, std::chrono::milliseconds(0), std::chrono::milliseconds(2000),
                                                std::chrono::milliseconds(10000), "t"});
  ResolveOptions o;
  o.fetcher = fetcher.get();
  o.installed_from = "";  // the built-in 4.20 model, which the fixture's stock rpms were built from
  o.operations = operations_for(spec);
  o.operations->erase_stock_ovs = !sc.keep_stock_ovs;
  auto ours = resolve_layer(spec, o);
  ASSERT_TRUE(ours) << ours.error().message;
  test::DnfVerdict dnf = test::run_dnf(spec, sc.keep_stock_ovs);

  ASSERT_EQ(dnf_verdict(ours->verdict), dnf.verdict) << dnf.output;
  if (ours->verdict == Verdict::ok) {
    EXPECT_EQ(ours->installed_after, dnf.installed) << dnf.output;
    return;
  }
  if (ours->verdict == Verdict::repo_error) return;  // no step ran on either side
  EXPECT_EQ(step_name(ours->steps.back().kind), dnf.step) << dnf.output;
  EXPECT_EQ(ours->steps.back().missing, dnf.missing) << dnf.output;
  std::set<std::string> lines;
  for (const auto& p : ours->steps.back().problems)
    for (const auto& r : p.rules) lines.insert(r.solver);
  EXPECT_EQ(std::vector<std::string>(lines.begin(), lines.end()), dnf.problems) << dnf.output;
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, DnfAgreement,
    testing::Values(Scenario{"resolvable", "doca", {}, false, false},
                    Scenario{"resolvable_http", "doca", {"jsoncpp"}, false, true},
                    Scenario{"missing_package", "doca", {"doca-nosuch"}, false, false},
                    Scenario{"stock_ovs_kept", "doca", {}, true, false},
                    Scenario{"arch_mismatch", "wrongarch", {}, false, false},
                    Scenario{"checksum_mismatch", "badsum", {}, false, false},
                    Scenario{"corrupt_primary", "corrupt", {}, false, false},
                    Scenario{"unreachable", "unreachable", {}, false, false},
                    // distro-sync: a name that is not installed changes nothing; one that
                    // matches nothing is skipped, and with none left dnf fails
                    Scenario{"sync_not_installed", "doca", {}, false, false, {"libibverbs", "mlnx-dpdk"}},
                    Scenario{"sync_skips_unknown", "doca", {}, false, false, {"rdma-core", "nosuch"}},
                    Scenario{"sync_nothing_matches", "doca", {}, false, false, {"nosuch"}},
                    Scenario{"no_sync", "doca", {}, false, false, {}}),
    [](const testing::TestParamInfo<Scenario>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace dl::rpmrepo

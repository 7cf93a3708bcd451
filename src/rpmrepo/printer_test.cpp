#include "rpmrepo/printer.h"

#include <gtest/gtest.h>

namespace dl::rpmrepo {
namespace {

Resolution sample() {
  Resolution r;
  r.verdict = Verdict::unresolvable;
  r.arch = "x86_64";
  r.installed_source = "built-in model";
  r.repos = {{"doca", "file:///m/doca/", 7, true, ""}, {"epel", "http://x/", 0, false, ""}};
  Step erase{StepKind::erase,
             "rpm -e --nodeps openvswitch3.5",
             true,
             {{ChangeKind::erase, "openvswitch3.5", "3.5.0-19.el9fdp", "x86_64", "@System", 0, {}}},
             {},
             {}};
  Step sync{StepKind::distro_sync,
            "dnf -y --repo=doca distro-sync libibverbs",
            true,
            {{ChangeKind::upgrade,
              "libibverbs",
              "2501mlnx56-1",
              "x86_64",
              "doca",
              3 * 1024 * 1024,
              {"libibverbs-54.0-1.el9.x86_64"}}},
            {},
            {}};
  Step install{StepKind::install, "dnf install doca-networking", false, {}, {}, {}};
  install.problems.push_back(Problem{"doca-openvswitch conflicts", {{"conflict", "plain words", "libsolv words"}}});
  r.steps = {erase, sync, install};
  return r;
}

TEST(Printer, TextShowsStepsProblemsAndVerdict) {
  std::string t = to_text(sample());
  EXPECT_NE(t.find("Repositories (x86_64):"), std::string::npos) << t;
  EXPECT_NE(t.find("7 packages (cached)"), std::string::npos) << t;
  EXPECT_NE(t.find("1. rpm -e --nodeps openvswitch3.5\n     erase     openvswitch3.5-3.5.0-19.el9fdp.x86_64\n"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("upgrade   libibverbs-2501mlnx56-1.x86_64  (doca, 3.0 MiB)  replacing libibverbs-54.0-1.el9.x86_64"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("   Problem 1: doca-openvswitch conflicts\n     - plain words\n       (libsolv: libsolv words)\n"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("FAIL: the dependencies cannot be satisfied"), std::string::npos) << t;
}

TEST(Printer, JsonIsTheSameData) {
  auto j = to_json(sample());
  EXPECT_EQ(j["verdict"], "unresolvable");
  EXPECT_EQ(j["repos"][0]["fromCache"], true);
  EXPECT_EQ(j["steps"][1]["changes"][0]["action"], "upgrade");
  EXPECT_EQ(j["steps"][1]["changes"][0]["downloadSize"], 3 * 1024 * 1024);
  EXPECT_EQ(j["steps"][2]["problems"][0]["rules"][0]["solver"], "libsolv words");
  EXPECT_EQ(j["steps"][2]["ok"], false);
}

TEST(Printer, SummaryLineNamesTheFirstProblem) {
  EXPECT_EQ(summary_line(sample()),
            "FAIL: the dependencies cannot be satisfied; the build would fail: doca-openvswitch conflicts");
  Resolution ok;
  ok.package_count = 8;
  ok.download_size = 2048;
  EXPECT_EQ(summary_line(ok), "OK: the package steps resolve: 8 packages to download, 2 KiB");
  Resolution down;
  down.verdict = Verdict::repo_error;
  down.repos = {{"doca", "http://x/", 0, false, "repo doca (http://x/): cannot fetch"}};
  EXPECT_NE(summary_line(down).find(": repo doca (http://x/): cannot fetch"), std::string::npos);
}

TEST(Printer, HumanSizes) {
  EXPECT_EQ(human_size(512), "512 B");
  EXPECT_EQ(human_size(2048), "2 KiB");
  EXPECT_EQ(human_size(5LL * 1024 * 1024 + 1024 * 512), "5.5 MiB");
}

}  // namespace
}  // namespace dl::rpmrepo

// The command table driven in-process, as main() does: exit codes and what each command prints.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "cli/progress.h"
#include "cli/reports.h"
#include "util/files.h"
#include "util/temp_dir.h"

namespace dl::cli {
namespace {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "doca-layer");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  int code = run(static_cast<int>(argv.size()), argv.data());
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {code, out.str(), err.str()};
}

TEST(Cli, EveryCommandIsInTheTableWithHelp) {
  std::vector<std::string> names;
  for (const auto& c : commands()) names.emplace_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"init", "validate", "render", "packages", "preflight", "apply", "status", "logs",
                                               "verify", "rollback", "sim", "demo", "version", "completion",
                                               "__complete", "__man"}));
  for (const auto& n : names) EXPECT_EQ(run_cli({n, "--help"}).code, k_exit_ok) << n;
}

TEST(Cli, UsageErrorsExitTwoWithASuggestion) {
  CliRun r = run_cli({"valdate"});
  EXPECT_EQ(r.code, k_exit_usage);
  EXPECT_NE(r.err.find("did you mean \"validate\"?"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({}).code, k_exit_usage);
  EXPECT_EQ(run_cli({"render", "--bogus"}).code, k_exit_usage);
  EXPECT_EQ(run_cli({"version", "-o", "xml"}).code, k_exit_usage);
}

TEST(Cli, VersionAsData) {
  CliRun r = run_cli({"version", "-o", "json"});
  EXPECT_EQ(r.code, k_exit_ok);
  EXPECT_EQ(r.out, std::string("{\"version\": \"") + DOCA_LAYER_VERSION_FOR_TEST + "\"}\n");
}

TEST(Cli, InitValidateRenderRoundTrip) {
  util::TempDir dir;
  std::string spec = dir.path() + "/layer.yaml";
  EXPECT_EQ(run_cli({"init", "-f", spec, "--pool", "worker"}).code, k_exit_ok);
  EXPECT_EQ(run_cli({"init", "-f", spec}).code, k_exit_failure);  // exists, no --force
  CliRun v = run_cli({"validate", "-f", spec, "-o", "json"});
  EXPECT_EQ(v.code, k_exit_ok);
  EXPECT_NE(v.out.find("\"valid\": true"), std::string::npos) << v.out;
  CliRun cf = run_cli({"render", "-f", spec, "--containerfile"});
  EXPECT_EQ(cf.code, k_exit_ok);
  EXPECT_EQ(cf.out.rfind("FROM configs AS final\n", 0), 0u);
  CliRun y = run_cli({"render", "-f", spec});
  EXPECT_NE(y.out.find("kind: MachineOSConfig\nmetadata:\n  name: worker\n"), std::string::npos) << y.out;
}

TEST(Cli, InvalidSpecIsAUsageErrorWithItsPosition) {
  util::TempDir dir;
  std::string spec = dir.write("layer.yaml", "apiVersion: doca-layer.nvidia.com/v1alpha1\nkind: LayerConfig\nspec:\n  pool: Bad_Pool\n");
  CliRun r = run_cli({"validate", "-f", spec});
  EXPECT_EQ(r.code, k_exit_usage);
  EXPECT_NE(r.err.find("layer.yaml:4:9: error: spec.pool: \"Bad_Pool\" is not a valid MachineConfigPool name"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(run_cli({"render", "-f", spec}).code, k_exit_usage);
}

}  // namespace
}  // namespace dl::cli

namespace dl::cli {
namespace {

TEST(Cli, DurationsAsKubectlWritesThem) {
  EXPECT_EQ(parse_duration("90s"), std::chrono::milliseconds(90000));
  EXPECT_EQ(parse_duration("1h30m"), std::chrono::milliseconds(5400000));
  EXPECT_EQ(parse_duration("2h"), std::chrono::milliseconds(7200000));
  EXPECT_FALSE(parse_duration("").has_value());
  EXPECT_FALSE(parse_duration("10").has_value()) << "a unit is required";
  EXPECT_FALSE(parse_duration("5d").has_value());
  EXPECT_FALSE(parse_duration("m5").has_value());
}

TEST(Cli, ProgressPrinterJsonIsOneObjectALine) {
  std::ostringstream out;
  ProgressPrinter p(out, ProgressPrinter::Mode::json, false);
  p({workflow::Event::Kind::change, "repos", "ConfigMap x: created", {{"action", "created"}}});
  p({workflow::Event::Kind::wait, "rollout", "1/3 nodes", {{"etaSeconds", 30}}});
  std::istringstream in(out.str());
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    EXPECT_TRUE(j.contains("kind") && j.contains("step") && j.contains("message"));
    ++n;
  }
  EXPECT_EQ(n, 2);
}

TEST(Cli, ProgressPrinterPlainPrintsAWaitOnlyWhenItChanges) {
  std::ostringstream out;
  ProgressPrinter p(out, ProgressPrinter::Mode::plain, false);
  for (int i = 0; i < 3; ++i) p({workflow::Event::Kind::wait, "rollout", "0/1 nodes", {}});
  p({workflow::Event::Kind::wait, "rollout", "1/1 nodes", {}});
  std::string s = out.str();
  EXPECT_EQ(std::count(s.begin(), s.end(), '\n'), 2) << s;
  EXPECT_EQ(s.find("\033["), std::string::npos) << "no escape codes in plain mode";
}

}  // namespace
}  // namespace dl::cli

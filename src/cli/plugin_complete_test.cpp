// kubectl's plugin completion over the real command table: subcommands, flags, choices, cluster
// names and files, each filtered by the typed prefix, with Cobra's directive line.
#include "cli/plugin_complete.h"

#include <gtest/gtest.h>

#include "cli/command.h"

namespace dl::cli {
namespace {

ProgramDoc real_program() { return describe_app(*build_app("kubectl doca-layer"), "1.2.3"); }

std::string complete(const std::vector<std::string>& words) {
  return plugin_completions(real_program(), words, [](ValueKind k) {
    return k == ValueKind::pools ? std::vector<std::string>{"master", "worker"} : std::vector<std::string>{};
  });
}

TEST(PluginComplete, SubcommandsByPrefixWithoutFiles) {
  EXPECT_EQ(complete({"ap"}), "apply\n:4\n");
  std::string all = complete({""});
  for (const char* c : {"init", "apply", "status", "verify", "rollback", "completion"})
    EXPECT_NE(all.find(std::string(c) + "\n"), std::string::npos) << c;
  EXPECT_EQ(all.find("__complete"), std::string::npos) << "hidden commands are not offered";
}

TEST(PluginComplete, FlagsChoicesNamesAndFiles) {
  std::string flags = complete({"apply", "--skip-"});
  EXPECT_NE(flags.find("--skip-verify\n"), std::string::npos) << flags;
  EXPECT_NE(flags.find("--skip-preflight\n"), std::string::npos) << flags;
  EXPECT_EQ(flags.find("--timeline"), std::string::npos) << "status's flags are not apply's";
  EXPECT_EQ(complete({"validate", "-o", "j"}), "json\n:4\n");
  EXPECT_EQ(complete({"init", "--pool", "w"}), "worker\n:4\n");
  EXPECT_EQ(complete({"apply", "-f", ""}), ":0\n") << "a file value leaves completion to the shell";
  EXPECT_EQ(complete({"completion", "z"}), "zsh\n:4\n");
  EXPECT_EQ(complete({"apply", "-f", "layer.yaml", "--ti"}), "--timeout\n:4\n") << "a flag's value is skipped";
}

}  // namespace
}  // namespace dl::cli

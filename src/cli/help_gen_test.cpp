// The generators over the real command tree: every visible subcommand and flag reaches its man
// page and both completion scripts, hidden ones none of them, and the output is deterministic.
#include "cli/help_gen.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

#include "cli/command.h"

namespace dl::cli {
namespace {

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

/// A name as the roff source spells it.
std::string roff_name(std::string s) {
  std::string out;
  for (char c : s) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

std::string upper_of(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

/// The bash script's list of top-level words (the `"")` arm).
std::string bash_top_words(const std::string& bash) {
  const std::string arm = "\"\") __doca_layer_reply \"";
  auto at = bash.find(arm);
  if (at == std::string::npos) return "";
  at += arm.size();
  return " " + bash.substr(at, bash.find('"', at) - at) + " ";
}

TEST(HelpGen, EveryVisibleCommandAndFlagIsInItsManPageAndBothScripts) {
  auto app = build_app("doca-layer");
  ProgramDoc doc = describe_app(*app, "1.2.3");
  std::string overview = man_overview(doc), bash = bash_completion(doc), zsh = zsh_completion(doc);
  std::size_t visible = 0;
  // Walk CLI11's own tree, not the ProgramDoc, so a command or flag describe_app drops is caught.
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;
    ++visible;
    const std::string name = sub->get_name();
    auto it = std::find_if(doc.commands.begin(), doc.commands.end(), [&](const auto& c) { return c.name == name; });
    ASSERT_NE(it, doc.commands.end()) << name;
    std::string page = man_command_page(doc, *it);
    EXPECT_TRUE(has(page, ".TH DOCA\\-LAYER\\-" + roff_name(upper_of(name)))) << name;
    EXPECT_TRUE(has(overview, ".B " + roff_name(name) + "\n")) << name;
    EXPECT_TRUE(has(bash_top_words(bash), " " + name + " ")) << name;
    EXPECT_TRUE(has(bash, "    " + name + ")\n")) << name;
    EXPECT_TRUE(has(zsh, "        '" + name + ":")) << name;
    EXPECT_TRUE(has(zsh, "        " + name + ")\n")) << name;
    for (const CLI::Option* o : sub->get_options()) {
      if (o->get_group().empty() || o->get_positional()) continue;
      for (const auto& l : o->get_lnames()) {
        EXPECT_TRUE(has(page, "\\fB\\-\\-" + roff_name(l) + "\\fR")) << name << " --" << l;
        EXPECT_TRUE(has(bash, "--" + l)) << name << " --" << l;
        EXPECT_TRUE(has(zsh, "--" + l + "[") || has(zsh, ",--" + l + "}") || has(zsh, "{--" + l + ",")) << name << " --" << l;
      }
      for (const auto& s : o->get_snames()) EXPECT_TRUE(has(page, "\\fB\\-" + s + "\\fR")) << name << " -" << s;
    }
  }
  EXPECT_EQ(visible, doc.commands.size());
  EXPECT_GE(visible, 14u);
}

TEST(HelpGen, HiddenCommandsAppearNowhere) {
  auto app = build_app("doca-layer");
  ProgramDoc doc = describe_app(*app, "1.2.3");
  for (const auto& c : doc.commands) EXPECT_NE(c.name.rfind("__", 0), 0u) << c.name;
  EXPECT_FALSE(has(man_overview(doc), "__"));
  EXPECT_FALSE(has(bash_top_words(bash_completion(doc)), "__"));
  EXPECT_FALSE(has(bash_completion(doc), "__man"));
  EXPECT_FALSE(has(zsh_completion(doc), "'__"));
  EXPECT_FALSE(has(zsh_completion(doc), "__man"));
}

TEST(HelpGen, HiddenOptionsAndSubcommandsOfAnyTreeAreLeftOut) {
  CLI::App app{"tool: does things", "doca-layer"};
  std::string a, b;
  auto* sub = app.add_subcommand("shown", "Shown command");
  sub->add_option("--visible", a, "Visible option");
  sub->add_option("--secret-flag", b, "Hidden option")->group("");
  app.add_subcommand("ghost", "Hidden command")->group("");
  ProgramDoc doc = describe_app(app, "0");
  ASSERT_EQ(doc.commands.size(), 1u);
  for (const auto& text : {man_command_page(doc, doc.commands[0]), bash_completion(doc), zsh_completion(doc)}) {
    EXPECT_TRUE(has(text, "visible"));
    EXPECT_FALSE(has(text, "secret")) << text;
    EXPECT_FALSE(has(text, "ghost")) << text;
  }
}

TEST(HelpGen, ValuesCompleteFromFilesChoicesAndTheCluster) {
  auto app = build_app("kubectl doca-layer");
  ProgramDoc doc = describe_app(*app, "1.2.3");
  EXPECT_EQ(doc.name, "doca-layer");
  std::string bash = bash_completion(doc), zsh = zsh_completion(doc);
  EXPECT_TRUE(has(bash, "-o | --output) __doca_layer_reply \"text json yaml\"")) << bash;
  EXPECT_TRUE(has(bash, "--pool) __doca_layer_reply \"$(__doca_layer_names pools)\""));
  EXPECT_TRUE(has(bash, "--node) __doca_layer_reply \"$(__doca_layer_names nodes)\""));
  EXPECT_TRUE(has(bash, "--context) __doca_layer_reply \"$(__doca_layer_names contexts)\""));
  EXPECT_TRUE(has(bash, "--kubeconfig) __doca_layer_files -f"));
  EXPECT_TRUE(has(bash, "--installed-from) __doca_layer_files -f"));
  EXPECT_TRUE(has(bash, "-n | --namespace) __doca_layer_reply \"openshift-machine-config-operator\""));
  EXPECT_TRUE(has(bash, "complete -F _doca_layer doca-layer kubectl-doca_layer\n"));
  EXPECT_EQ(zsh.rfind("#compdef doca-layer kubectl-doca_layer\n", 0), 0u);
  EXPECT_TRUE(has(zsh, "'(-f --file)'{-f,--file}'[Layer spec]:FILE:_files'"));
  EXPECT_TRUE(has(zsh, "'--pool[MachineConfigPool to layer]:TEXT:__doca-layer_names pools'")) << zsh;
  EXPECT_TRUE(has(zsh, "'1:shell:(bash zsh)'"));
}

TEST(HelpGen, OutputIsDeterministicAndVersioned) {
  ProgramDoc one = describe_app(*build_app("doca-layer"), "9.8.7");
  ProgramDoc two = describe_app(*build_app("oc doca-layer"), "9.8.7");
  EXPECT_EQ(man_overview(one), man_overview(two));
  EXPECT_EQ(bash_completion(one), bash_completion(two));
  EXPECT_EQ(zsh_completion(one), zsh_completion(two));
  for (std::size_t i = 0; i < one.commands.size(); ++i)
    EXPECT_EQ(man_command_page(one, one.commands[i]), man_command_page(two, two.commands[i]));
  EXPECT_TRUE(has(man_overview(one), ".TH DOCA\\-LAYER 1 \"\" \"doca\\-layer 9.8.7\""));
  EXPECT_EQ(man_file_name(one, "init"), "doca-layer-init.1");
  EXPECT_EQ(man_file_name(one, ""), "doca-layer.1");
}

TEST(HelpGen, PluginNames) {
  EXPECT_EQ(program_name("/usr/local/bin/kubectl-doca_layer"), "kubectl doca-layer");
  EXPECT_EQ(program_name("oc-doca_layer"), "oc doca-layer");
  EXPECT_EQ(program_name("./build/doca-layer"), "doca-layer");
  EXPECT_EQ(program_name(""), "doca-layer");
}

}  // namespace
}  // namespace dl::cli

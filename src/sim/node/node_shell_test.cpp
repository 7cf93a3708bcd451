#include "sim/node/node_shell.h"

#include <gtest/gtest.h>

#include "sim/node/fleet.h"
#include "sim/node/test_images.h"

namespace dl::sim::node {
namespace {

using Argv = std::vector<std::string>;

// A node stand-in for the shell alone: records each command; `cmd` prints "o" and "e" on its
// two streams, `fail N` exits N, anything else prints its words on stdout.
class ShellTest : public ::testing::Test {
 protected:
  ExecResult sh(const std::string& script) { return run_shell_script("sh", script, runner()); }
  CommandRunner runner() {
    return [this](const Argv& argv) {
      calls.push_back(argv);
      if (argv[0] == "cmd") return ExecResult{0, "o", "e"};
      if (argv[0] == "fail") return ExecResult{std::stoi(argv.at(1)), "", "failed\n"};
      std::string out;
      for (const auto& a : argv) out += (out.empty() ? "" : "|") + a;
      return ExecResult{0, out + "\n", ""};
    };
  }
  std::vector<Argv> calls;
};

TEST_F(ShellTest, SeparatorsRunEveryCommandAndTheLastStatusIsTheExitCode) {
  auto r = sh("echo a; echo b\n\n  echo c ;\nfail 3");
  EXPECT_EQ(r.out, "a\nb\nc\n");
  EXPECT_EQ(r.err, "failed\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(sh("fail 4; true").exit_code, 0);
  EXPECT_EQ(sh("").exit_code, 0);
}

TEST_F(ShellTest, AndOrListsSkipAsPosixSays) {
  EXPECT_EQ(sh("false && echo no || echo yes").out, "yes\n");
  EXPECT_EQ(sh("true || echo no && echo yes").out, "yes\n");
  auto r = sh("fail 5 &&\n  echo no");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.exit_code, 5);  // a skipped command keeps the status
  EXPECT_EQ(sh("fail 1 || fail 6 || echo x").out, "x\n");
}

TEST_F(ShellTest, StatusExpandsBareAndInDoubleQuotesButNotInSingleQuotes) {
  auto r = sh("fail 7; echo $? \"rc=$?\" '$?'; echo \"@@end $?\"");
  EXPECT_EQ(r.out, "7 rc=7 $?\n@@end 0\n");
  EXPECT_EQ(sh("echo $ \"a$\"").out, "$ a$\n");  // a lone $ is text
}

TEST_F(ShellTest, QuotesAndEscapesMakeWords) {
  sh("show 'a  b' \"c \\\"d\\\" \\$x \\\\ \\e\" f\\ g \"\" ''x");
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0], (Argv{"show", "a  b", "c \"d\" $x \\ \\e", "f g", "", "x"}));
  calls.clear();
  sh("show a\\\n b # a comment; fail 1\n# whole line\nshow c#d * ~");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[0], (Argv{"show", "a", "b"}));
  EXPECT_EQ(calls[1], (Argv{"show", "c#d", "*", "~"}));  // globs and ~ pass through
}

TEST_F(ShellTest, RedirectionsMergeOrDropStreamsLeftToRight) {
  auto both = [&](const std::string& s) {
    auto r = sh(s);
    return r.out + "/" + r.err;
  };
  EXPECT_EQ(both("cmd"), "o/e");
  EXPECT_EQ(both("cmd 2>&1"), "oe/");
  EXPECT_EQ(both("cmd 2>/dev/null"), "o/");
  EXPECT_EQ(both("cmd >/dev/null"), "/e");
  EXPECT_EQ(both("cmd > /dev/null 2>&1"), "/");
  EXPECT_EQ(both("cmd 2>&1 >/dev/null"), "e/");
  EXPECT_EQ(both("cmd 1>&2"), "/oe");
  EXPECT_EQ(both("cmd >>/dev/null"), "/e");
  EXPECT_EQ(both("echo x>/dev/null; >/dev/null"), "/");
}

TEST_F(ShellTest, EchoOptions) {
  EXPECT_EQ(sh("echo -n a b").out, "a b");
  EXPECT_EQ(sh("echo -e 'a\\tb\\n'").out, "a\tb\n\n");
  EXPECT_EQ(sh("echo -E 'a\\tb' -n").out, "a\\tb -n\n");
  EXPECT_EQ(sh("echo -e 'a\\cb'").out, "a");
  EXPECT_EQ(sh("/bin/echo -x").out, "-x\n");
}

TEST_F(ShellTest, ExitEndsTheScript) {
  auto r = sh("echo a; exit 3; echo b");
  EXPECT_EQ(r.out, "a\n");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(sh("fail 9; exit").exit_code, 9);
  EXPECT_EQ(sh("exit 256").exit_code, 0);
  EXPECT_EQ(sh("exit -1").exit_code, 255);
  EXPECT_EQ(sh("true || exit 4; fail 1 || exit 5; echo no").exit_code, 5);
  auto bad = sh("exit x; echo no");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "sh: exit: x: numeric argument required\n");
  auto many = sh("exit 1 2; echo still");
  EXPECT_EQ(many.out, "still\n");
  EXPECT_EQ(many.err, "sh: exit: too many arguments\n");
}

TEST_F(ShellTest, ConstructsOutsideTheSubsetAreRefusedBeforeAnythingRuns) {
  const std::vector<std::pair<std::string, std::string>> cases = {{"echo a | grep a", "|"},
                                                                  {"sleep 1 &", "&"},
                                                                  {"cat < f", "<"},
                                                                  {"(echo a)", "("},
                                                                  {"echo $(hostname)", "$(...)"},
                                                                  {"echo `hostname`", "`...`"},
                                                                  {"echo \"$HOME\"", "$HOME"},
                                                                  {"echo ${x}", "${...}"},
                                                                  {"echo $1", "$1"},
                                                                  {"echo $'a'", "$'...'"},
                                                                  {"echo a > /tmp/x", "> /tmp/x"},
                                                                  {"cmd 2>&3", "2>&3"},
                                                                  {"cmd 3>/dev/null", "3>"},
                                                                  {"if true; then echo; fi", "if"},
                                                                  {"X=1 cmd", "variable assignment X="},
                                                                  {"cd /", "cd"},
                                                                  {"[ -f x ]", "["},
                                                                  {"echo ok;\nprintf x", "printf"}};
  for (const auto& [script, construct] : cases) {
    auto r = sh(script);
    EXPECT_EQ(r.exit_code, 2) << script;
    EXPECT_EQ(r.out, "") << script;
    EXPECT_EQ(r.err, "sh: unsupported in the simulated node shell: " + construct + "\n") << script;
  }
  EXPECT_TRUE(calls.empty());
  EXPECT_EQ(sh("echo if X=1 cd '|'").out, "if X=1 cd |\n");  // only in command position / unquoted
}

TEST_F(ShellTest, SyntaxErrorsExitTwo) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"echo 'a", "unexpected EOF while looking for matching `''"},
      {"echo \"a", "unexpected EOF while looking for matching `\"'"},
      {"; echo a", "syntax error near unexpected token `;'"},
      {"echo a;; echo b", "syntax error near unexpected token `;'"},
      {"&& echo a", "syntax error near unexpected token `&&'"},
      {"echo a ||", "syntax error: unexpected end of file"},
      {"echo a >", "syntax error near unexpected token `newline'"}};
  for (const auto& [script, message] : cases) {
    auto r = sh(script);
    EXPECT_EQ(r.exit_code, 2) << script;
    EXPECT_EQ(r.err, "sh: " + message + "\n") << script;
  }
  EXPECT_TRUE(calls.empty());
}

TEST_F(ShellTest, ShellInvocations) {
  EXPECT_TRUE(is_shell("sh"));
  EXPECT_TRUE(is_shell("/usr/bin/bash"));
  EXPECT_FALSE(is_shell("zsh"));
  EXPECT_EQ(run_shell({"/bin/bash", "-c", "echo $?", "name", "arg"}, runner()).out, "0\n");
  EXPECT_EQ(run_shell({"bash", "-lc", "echo a"}, runner()).out, "a\n");
  EXPECT_EQ(run_shell({"sh", "-l", "-c", "echo a"}, runner()).out, "a\n");
  EXPECT_EQ(run_shell({"sh"}, runner()).exit_code, 0);
  auto missing = run_shell({"sh", "-c"}, runner());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "sh: -c: option requires an argument\n");
  auto option = run_shell({"bash", "-x", "-c", "echo a"}, runner());
  EXPECT_EQ(option.exit_code, 2);
  EXPECT_EQ(option.err, "bash: unsupported in the simulated node shell: -x\n");
  EXPECT_EQ(run_shell({"sh", "run.sh"}, runner()).exit_code, 127);
  auto quoted = run_shell({"sh", "-c", "echo a | b"}, runner());
  EXPECT_EQ(quoted.err, "sh: unsupported in the simulated node shell: |\n");
}

// The script doca-layer verify runs, through NodeHost::exec on both backends.
class NodeShell : public ::testing::TestWithParam<Backend> {};

TEST_P(NodeShell, VerifyScriptThroughChrootHost) {
  auto made = make_node(GetParam(), "worker-0", testing::stock_image());
  ASSERT_TRUE(made.ok()) << made.error().message;
  auto& node = *made;
  const std::string script =
      "echo '@@begin rpm'; rpm -q doca-openvswitch 2>&1; echo \"@@end $?\"\n"
      "echo '@@begin ovs'; ovs-vsctl get Open_vSwitch . datapath_types 2>&1; echo \"@@end $?\"\n"
      "echo '@@begin host'; hostname; chroot /host rpm -q openvswitch3.5 >/dev/null && echo stock\n";
  auto r = node->exec({"chroot", "/host", "/bin/sh", "-c", script});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "@@begin rpm\npackage doca-openvswitch is not installed\n@@end 1\n"
            "@@begin ovs\n[netdev, system]\n@@end 0\n@@begin host\nworker-0\nstock\n");
  EXPECT_EQ(r.err, "");
  auto bad = node->exec({"bash", "-c", "ovs-vsctl get Open_vSwitch . nope; echo \"rc=$?\"; nosuch"});
  EXPECT_EQ(bad.out, "rc=1\n");
  EXPECT_EQ(bad.exit_code, 127);
  EXPECT_NE(bad.err.find("nope"), std::string::npos);
  EXPECT_NE(bad.err.find("bash: nosuch: command not found\n"), std::string::npos);
  auto nested = node->exec({"sh", "-c", "sh -c 'exit 4'; echo $?"});
  EXPECT_EQ(nested.out, "4\n");
}

INSTANTIATE_TEST_SUITE_P(Backends, NodeShell, ::testing::Values(Backend::ovsdb_server, Backend::memory),
                         [](const auto& p) { return p.param == Backend::memory ? "memory" : "ovsdb"; });

}  // namespace
}  // namespace dl::sim::node

#include "ovs/shell.h"

#include <gtest/gtest.h>

#include "util/process.h"

namespace dl::ovs {
namespace {

TEST(Shell, QuotesOnlyWordsTheShellWouldInterpret) {
  EXPECT_EQ(shell_quote("ovs-vsctl"), "ovs-vsctl");
  EXPECT_EQ(shell_quote("--timeout=10"), "--timeout=10");
  EXPECT_EQ(shell_quote("/etc/os-release"), "/etc/os-release");
  EXPECT_EQ(shell_quote("."), ".");
  EXPECT_EQ(shell_quote("openvswitch3*"), "'openvswitch3*'");
  EXPECT_EQ(shell_quote("other_config:k=\"a b\""), "'other_config:k=\"a b\"'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_join({"rpm", "-qa", "openvswitch3*"}), "rpm -qa 'openvswitch3*'");
}

TEST(Shell, SectionLineHasTheDocumentedShape) {
  EXPECT_EQ(section_line("rpm-doca", "rpm -q doca-openvswitch"),
            "echo '@@begin rpm-doca'; rpm -q doca-openvswitch 2>&1; echo \"@@end $?\"\n");
}

TEST(Shell, FormattedSectionsParseBack) {
  std::string log = "Starting pod/worker-0-debug ...\n" + format_section("a", "one\ntwo\n", 0) +
                    format_section("b", "", 127) + "trailing noise\n";
  auto s = parse_sections(log);
  ASSERT_TRUE(s.ok()) << s.error().message;
  ASSERT_EQ(s->size(), 2u);
  EXPECT_EQ((*s)[0].name, "a");
  EXPECT_EQ((*s)[0].exit_code, 0);
  EXPECT_EQ((*s)[0].lines, (std::vector<std::string>{"one", "two"}));
  EXPECT_EQ((*s)[1].name, "b");
  EXPECT_EQ((*s)[1].exit_code, 127);
  EXPECT_TRUE((*s)[1].lines.empty());
}

TEST(Shell, OutputWithoutFinalNewlineAndCrLfLines) {
  auto s = parse_sections("@@begin os\r\nID=rhcos\r\nVERSION_ID=\"4.20\"@@end 0\r\n");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ((*s)[0].lines, (std::vector<std::string>{"ID=rhcos", "VERSION_ID=\"4.20\""}));
  EXPECT_EQ((*s)[0].exit_code, 0);
}

TEST(Shell, BrokenLogsAreErrorsThatNameTheLine) {
  struct Case {
    const char* log;
    const char* message;
  };
  const Case cases[] = {
      {"@@begin a\nout\n", "log line 1: section 'a' never ends: the log is truncated"},
      {"@@begin a\n@@begin b\n@@end 0\n", "log line 2: section 'a' (line 1) has no end before the next begins"},
      {"x\n@@end 0\n", "log line 2: an end marker without a section"},
      {"@@begin a\n@@end 0\n@@begin a\n@@end 1\n", "log line 3: section 'a' appears twice"},
  };
  for (const auto& c : cases) {
    auto s = parse_sections(c.log);
    ASSERT_FALSE(s.ok()) << c.log;
    EXPECT_EQ(s.error().kind, util::ErrorKind::invalid_input);
    EXPECT_EQ(s.error().message, c.message);
  }
  // A marker that is not "@@end <1-3 digits>" is plain output.
  auto s = parse_sections("@@begin a\n@@end x\n@@end 1234\n@@end 3\n");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)[0].lines.size(), 2u);
  EXPECT_EQ((*s)[0].exit_code, 3);
}

// The framing through a real POSIX shell (dash on Debian): exit codes and merged stderr.
TEST(Shell, RealShellPrintsWhatParseSectionsReads) {
  std::string script = section_line("ok", shell_join({"echo", "it's here"})) +
                       section_line("err", "ls /nonexistent-doca-layer-dir") +
                       section_line("missing", "doca-layer-no-such-command") + section_line("false", "false");
  auto run = util::run_process({"/bin/sh", "-c", script});
  ASSERT_TRUE(run.ok()) << run.error().message;
  auto s = parse_sections(run->out);
  ASSERT_TRUE(s.ok()) << s.error().message << "\n" << run->out;
  ASSERT_EQ(s->size(), 4u);
  EXPECT_EQ((*s)[0].lines, (std::vector<std::string>{"it's here"}));
  EXPECT_EQ((*s)[0].exit_code, 0);
  EXPECT_EQ((*s)[1].exit_code, 2);
  ASSERT_EQ((*s)[1].lines.size(), 1u);  // ls's stderr went into the section
  EXPECT_NE((*s)[1].lines[0].find("nonexistent-doca-layer-dir"), std::string::npos);
  EXPECT_EQ((*s)[2].exit_code, 127);
  EXPECT_EQ((*s)[3].exit_code, 1);
  EXPECT_EQ(run->err, "");
}

}  // namespace
}  // namespace dl::ovs

#include "util/process.h"

#include <gtest/gtest.h>

namespace dl::util {
namespace {

TEST(Process, CapturesOutputErrorAndExitCode) {
  auto r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_EQ(r->exit_code, 3);
}

TEST(Process, PassesInputAndEnvironment) {
  ProcessOptions o;
  o.input = std::string(200000, 'x');  // more than a pipe buffer: stdin must be fed while reading
  o.env["DL_PROCESS_TEST"] = "value";
  auto r = run_process({"sh", "-c", "wc -c; echo $DL_PROCESS_TEST"}, o);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->out, "200000\nvalue\n");
}

TEST(Process, MissingProgramIsNotFound) {
  auto r = run_process({"/nonexistent/dl-no-such-program"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::not_found);
  EXPECT_NE(r.error().message.find("/nonexistent/dl-no-such-program"), std::string::npos);
}

TEST(Process, KillsWhatOutlivesTheTimeout) {
  ProcessOptions o;
  o.timeout = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  auto r = run_process({"sleep", "30"}, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(Process, ReportsDeathBySignal) {
  auto r = run_process({"sh", "-c", "kill -TERM $$"});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->exit_code, 128 + 15);
}

}  // namespace
}  // namespace dl::util

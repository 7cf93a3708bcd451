#include "sim/node/process.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "util/files.h"
#include "util/temp_dir.h"

namespace dl::sim::node {
namespace {

using namespace std::chrono_literals;

std::string sh() {
  return *find_tool("sh");
}

TEST(Process, CapturesOutputErrorAndExitCode) {
  auto r = run_process({sh(), "-c", "echo out; echo err >&2; echo $GREETING; exit 3"}, {{"GREETING", "hi"}}, 10s);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->out, "out\nhi\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_EQ(r->exit_code, 3);
}

TEST(Process, TimeoutKillsTheWholeGroup) {
  auto start = std::chrono::steady_clock::now();
  auto r = run_process({sh(), "-c", "sleep 30 & sleep 30"}, {}, 200ms);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, util::ErrorKind::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);  // not the 30 s of the sleeps
}

TEST(Process, MissingToolIsNotFound) {
  auto r = find_tool("no-such-tool-dl");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, util::ErrorKind::not_found);
}

TEST(Daemon, StopKillsTheChildAndWhatItForked) {
  util::TempDir dir;
  std::string pidfile = dir.path() + "/grandchild.pid";
  auto d = Daemon::start({sh(), "-c", "sleep 30 & echo $! > " + pidfile + "; wait"}, {}, dir.path() + "/out");
  ASSERT_TRUE(d.ok());
  pid_t child = d->pid();
  pid_t grandchild = 0;
  for (int i = 0; i < 500 && grandchild == 0; ++i) {  // wait for the shell to write the pid
    std::ifstream(pidfile) >> grandchild;
    if (grandchild == 0) std::this_thread::sleep_for(10ms);
  }
  ASSERT_GT(grandchild, 0);
  EXPECT_TRUE(process_exists(grandchild));
  d->stop();
  EXPECT_FALSE(process_exists(child));
  for (int i = 0; i < 500 && process_exists(grandchild); ++i) std::this_thread::sleep_for(10ms);  // init reaps it
  EXPECT_FALSE(process_exists(grandchild));
}

// The death signal follows the forking thread; daemons are forked by the keeper thread, so one
// started from a short-lived worker thread keeps running after that worker ends.
TEST(Daemon, OutlivesTheThreadThatStartedIt) {
  util::TempDir dir;
  Daemon d;
  std::thread([&] { d = std::move(*Daemon::start({sh(), "-c", "sleep 30"}, {}, dir.path() + "/out")); }).join();
  std::this_thread::sleep_for(100ms);  // time for a wrongly armed death signal to land
  EXPECT_FALSE(d.exited());
  EXPECT_TRUE(process_exists(d.pid()));
}

TEST(Daemon, ReportsAnEarlyExit) {
  util::TempDir dir;
  auto d = Daemon::start({sh(), "-c", "echo bye; exit 7"}, {}, dir.path() + "/out");
  ASSERT_TRUE(d.ok());
  for (int i = 0; i < 500 && !d->exited(); ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(d->exited());
  EXPECT_EQ(d->exit_code(), 7);
  EXPECT_EQ(*util::read_file(dir.path() + "/out"), "bye\n");
}

}  // namespace
}  // namespace dl::sim::node

// Test helpers for dl_sim_http: temp files, real client subprocesses, a TLS server fixture.
#pragma once

#include "util/temp_dir.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "sim/http/server.h"

namespace dl::sim::http::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  ///< stdout and stderr
};

/// Runs `command` through /bin/sh and waits for it.
CommandResult run_command(const std::string& command);

/// Single-quotes `s` for /bin/sh.
std::string shell_quote(const std::string& s);

/// A command running in the background (popen); finish() collects it.
class BackgroundCommand {
 public:
  explicit BackgroundCommand(const std::string& command);
  ~BackgroundCommand();
  BackgroundCommand(const BackgroundCommand&) = delete;
  BackgroundCommand& operator=(const BackgroundCommand&) = delete;
  /// Reads all output until the command exits.
  CommandResult finish();

 private:
  FILE* m_pipe;
};

/// Scratch directory (util::TempDir).
using TempDir = util::TempDir;

/// Counts events across threads; wait_for() blocks until `count` arrived or `timeout` passed.
class Counter {
 public:
  void add();
  bool wait_for(int count, std::chrono::milliseconds timeout);
  int value();

 private:
  std::mutex m_mu;
  std::condition_variable m_cv;
  int m_value = 0;
};

/// TLS material generated once per test binary (extra SAN: 10.20.30.40, api.sim.test).
const TlsMaterial& shared_tls();

/// A started TLS server with its CA written to a temp file.
struct TlsServer {
  explicit TlsServer(Handler handler, ServerOptions options = {});
  std::string url(const std::string& path) const;
  /// `/usr/bin/python3 client.py --port P --ca CA ` ready for a subcommand.
  std::string python() const;
  /// `curl -sS --max-time 20 --cacert CA ` ready for options and a URL.
  std::string curl() const;

  TempDir dir;
  std::string ca_file;
  Server server;
  int port = 0;
};

}  // namespace dl::sim::http::testing

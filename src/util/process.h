// run_process: the one seam through which doca-layer starts other programs (exec credential
// plugins, node tools in the simulator). No shell: argv[0] is looked up in PATH. The child gets
// the parent's environment plus `env`, `input` on stdin, and is killed when it outlives
// `timeout`. Output is captured in memory only (it may hold credentials).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "util/result.h"

namespace dl::util {

struct ProcessOptions {
  std::map<std::string, std::string> env;    ///< added to (or replacing in) the inherited environment
  std::string input;                          ///< written to stdin, then stdin is closed
  std::chrono::milliseconds timeout{30000};   ///< 0 = no limit
  std::string cwd;                            ///< empty: the current directory
};

struct ProcessResult {
  int exit_code = 0;   ///< the exit status, or 128 + signal when killed by one
  std::string out;
  std::string err;
};

/// Runs `argv` to completion. not_found when argv[0] cannot be executed, timeout when it was
/// killed for taking too long, io for pipe/fork failures; a non-zero exit is not an error.
Result<ProcessResult> run_process(const std::vector<std::string>& argv, const ProcessOptions& options = {});

}  // namespace dl::util

// Process management for the simulated nodes: short commands run to completion with their output
// captured, and long-running daemons (ovsdb-server). Every child gets its own process group and
// PR_SET_PDEATHSIG=SIGKILL, so a crashed or killed test binary leaves no orphan behind; daemons
// are forked from one process-wide keeper thread that lives as long as the process (the death
// signal follows the forking *thread*, so forking from a short-lived worker would kill the daemon
// when that worker ends).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace dl::sim::node {

/// What a finished command left behind.
struct ProcessResult {
  int exit_code = -1;  ///< exit status, or 128 + signal number when killed by a signal
  std::string out;     ///< everything written to stdout
  std::string err;     ///< everything written to stderr
};

/// Extra environment variables (name, value) set on top of this process's environment.
using EnvVars = std::vector<std::pair<std::string, std::string>>;

/// The absolute path of executable `name`, searched in $PATH and then /usr/sbin, /usr/bin, /sbin,
/// /bin (ovsdb-server lives in /usr/sbin, which is often not on a user's PATH); `not_found` else.
util::Result<std::string> find_tool(const std::string& name);

/// Runs `argv` (argv[0] an absolute path) with stdin from /dev/null and waits for it. When it has
/// not finished after `timeout`, its whole process group is killed and a `timeout` error returned;
/// failing to start is an `io` error. A non-zero exit is a normal result, not an error.
util::Result<ProcessResult> run_process(const std::vector<std::string>& argv, const EnvVars& env,
                                        std::chrono::milliseconds timeout);

/// A long-running child process in its own process group, stdout and stderr appended to a file.
/// Destruction (or stop()) kills the whole group with SIGKILL and reaps the child, so no process
/// survives the object. Not copyable; movable ownership goes through unique_ptr.
class Daemon {
 public:
  /// Starts `argv` (argv[0] absolute) from the keeper thread; `io` error when fork/exec fails
  /// before the child is running (a failing exec shows up as an early exit, see exited()).
  static util::Result<Daemon> start(const std::vector<std::string>& argv, const EnvVars& env,
                                    const std::string& output_file);
  /// No process (pid() == 0).
  Daemon() = default;
  Daemon(Daemon&& other) noexcept;
  Daemon& operator=(Daemon&& other) noexcept;
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;
  ~Daemon();

  /// The child's pid (also its process group id); 0 after stop().
  pid_t pid() const { return m_pid; }
  /// True once the child has exited on its own (reaps it); its status is then exit_code().
  bool exited();
  /// The exit status after exited() returned true (128 + signal when killed).
  int exit_code() const { return m_exit_code; }
  /// Kills the process group (SIGKILL) and reaps the child; idempotent.
  void stop();

 private:
  explicit Daemon(pid_t pid) : m_pid(pid) {}
  pid_t m_pid = 0;
  int m_exit_code = -1;
  bool m_reaped = false;
};

/// True while a process with this pid exists (including zombies): /proc/<pid> is present.
bool process_exists(pid_t pid);

}  // namespace dl::sim::node

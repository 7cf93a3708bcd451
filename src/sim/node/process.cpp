#include "sim/node/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <thread>

#include "util/strings.h"

extern char** environ;

namespace dl::sim::node {
namespace {

using util::ErrorKind;
using util::make_error;

/// argv/envp as the NUL-terminated char* arrays execve wants; built before fork.
struct ExecArgs {
  std::vector<std::string> argv;
  std::vector<std::string> envp;
  std::vector<char*> argv_c;
  std::vector<char*> envp_c;

  ExecArgs(std::vector<std::string> a, const EnvVars& extra) : argv(std::move(a)) {
    for (char** e = environ; e && *e; ++e) {
      std::string entry(*e);
      bool overridden = false;
      for (const auto& [name, value] : extra) overridden = overridden || entry.rfind(name + "=", 0) == 0;
      if (!overridden) envp.push_back(std::move(entry));
    }
    for (const auto& [name, value] : extra) envp.push_back(name + "=" + value);
    for (auto& s : argv) argv_c.push_back(s.data());
    argv_c.push_back(nullptr);
    for (auto& s : envp) envp_c.push_back(s.data());
    envp_c.push_back(nullptr);
  }
};

/// The child side of fork(): only async-signal-safe calls from here on.
[[noreturn]] void exec_child(const ExecArgs& args, int in_fd, int out_fd, int err_fd, pid_t parent) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(126);  // the parent died before the death signal was armed
  if (::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) ::_exit(126);
  ::close_range(3, ~0U, 0);
  ::execve(args.argv_c[0], args.argv_c.data(), args.envp_c.data());
  ::_exit(127);
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

int open_dev_null() {
  return ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

/// One thread for the whole process that forks the daemons (see the header for why).
class Keeper {
 public:
  Keeper() {
    std::thread([this] { loop(); }).detach();
  }
  pid_t run(const std::function<pid_t()>& task) {
    std::packaged_task<pid_t()> job(task);
    auto done = job.get_future();
    {
      std::lock_guard lock(m_mu);
      m_jobs.push_back(std::move(job));
    }
    m_cv.notify_one();
    return done.get();
  }

 private:
  void loop() {
    for (;;) {
      std::unique_lock lock(m_mu);
      m_cv.wait(lock, [this] { return !m_jobs.empty(); });
      auto job = std::move(m_jobs.front());
      m_jobs.pop_front();
      lock.unlock();
      job();
    }
  }
  std::mutex m_mu;
  std::condition_variable m_cv;
  std::deque<std::packaged_task<pid_t()>> m_jobs;
};

Keeper& keeper() {
  static Keeper* k = new Keeper();  // never destroyed: its thread outlives static destruction
  return *k;
}

bool drain(int fd, std::string& into) {
  std::array<char, 4096> buf{};
  ssize_t n = ::read(fd, buf.data(), buf.size());
  if (n > 0) {
    into.append(buf.data(), static_cast<size_t>(n));
    return true;
  }
  return n < 0 && errno == EINTR;
}

}  // namespace

util::Result<std::string> find_tool(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::vector<std::string> dirs = util::split(path ? path : "", ':');
  for (const char* d : {"/usr/sbin", "/usr/bin", "/sbin", "/bin"}) dirs.emplace_back(d);
  for (const auto& dir : dirs) {
    if (dir.empty()) continue;
    std::string candidate = dir + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return make_error(ErrorKind::not_found, name + " not found (install openvswitch-switch)");
}

util::Result<ProcessResult> run_process(const std::vector<std::string>& argv, const EnvVars& env,
                                        std::chrono::milliseconds timeout) {
  ExecArgs args(argv, env);
  int out[2];
  int err[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return make_error(ErrorKind::io, "pipe: " + std::string(std::strerror(errno)));
  if (::pipe2(err, O_CLOEXEC) != 0) {
    ::close(out[0]);
    ::close(out[1]);
    return make_error(ErrorKind::io, "pipe: " + std::string(std::strerror(errno)));
  }
  int in = open_dev_null();
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid == 0) exec_child(args, in, out[1], err[1], parent);
  ::close(in);
  ::close(out[1]);
  ::close(err[1]);
  if (pid < 0) {
    ::close(out[0]);
    ::close(err[0]);
    return make_error(ErrorKind::io, "fork: " + std::string(std::strerror(errno)));
  }
  ::setpgid(pid, pid);
  ProcessResult result;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<pollfd, 2> fds{pollfd{out[0], POLLIN, 0}, pollfd{err[0], POLLIN, 0}};
  bool timed_out = false;
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    int n = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (n < 0 && errno != EINTR) break;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      if (!drain(fds[i].fd, i == 0 ? result.out : result.err)) {
        ::close(fds[i].fd);
        fds[i].fd = -1;
      }
    }
  }
  for (auto& p : fds) {
    if (p.fd >= 0) ::close(p.fd);
  }
  if (timed_out) ::kill(-pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    return make_error(ErrorKind::timeout,
                      argv[0] + " did not finish within " + std::to_string(timeout.count()) + " ms");
  }
  result.exit_code = decode_status(status);
  return result;
}

util::Result<Daemon> Daemon::start(const std::vector<std::string>& argv, const EnvVars& env,
                                   const std::string& output_file) {
  int log = ::open(output_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log < 0) return make_error(ErrorKind::io, output_file + ": " + std::strerror(errno));
  ExecArgs args(argv, env);
  int in = open_dev_null();
  int fork_errno = 0;
  pid_t pid = keeper().run([&]() -> pid_t {
    pid_t parent = ::getpid();
    pid_t child = ::fork();
    if (child == 0) exec_child(args, in, log, log, parent);
    fork_errno = errno;
    if (child > 0) ::setpgid(child, child);
    return child;
  });
  ::close(in);
  ::close(log);
  if (pid < 0) return make_error(ErrorKind::io, "fork: " + std::string(std::strerror(fork_errno)));
  return Daemon(pid);
}

Daemon::Daemon(Daemon&& other) noexcept
    : m_pid(std::exchange(other.m_pid, 0)), m_exit_code(other.m_exit_code), m_reaped(other.m_reaped) {}

Daemon& Daemon::operator=(Daemon&& other) noexcept {
  if (this != &other) {
    stop();
    m_pid = std::exchange(other.m_pid, 0);
    m_exit_code = other.m_exit_code;
    m_reaped = other.m_reaped;
  }
  return *this;
}

Daemon::~Daemon() {
  stop();
}

bool Daemon::exited() {
  if (m_pid == 0 || m_reaped) return m_reaped;
  int status = 0;
  if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
    m_reaped = true;
    m_exit_code = decode_status(status);
  }
  return m_reaped;
}

void Daemon::stop() {
  if (m_pid == 0) return;
  if (!m_reaped) {
    ::kill(-m_pid, SIGKILL);  // the group: the daemon and anything it forked
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_exit_code = decode_status(status);
    m_reaped = true;
  }
  m_pid = 0;
}

bool process_exists(pid_t pid) {
  struct stat st {};
  return pid > 0 && ::stat(("/proc/" + std::to_string(pid)).c_str(), &st) == 0;
}

}  // namespace dl::sim::node

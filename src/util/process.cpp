#include "util/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace dl::util {
namespace {

/// The inherited environment with `extra` added or replacing same-named entries.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    if (extra.find(name) == extra.end()) {
      out.push_back(std::move(entry));
    }
  }
  for (const auto& [k, v] : extra) {
    out.push_back(k + "=" + v);
  }
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

struct Pipes {
  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
  ~Pipes() {
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) {
      if (fd >= 0) {
        close(fd);
      }
    }
  }
  bool open_all() { return pipe2(in, O_CLOEXEC) == 0 && pipe2(out, O_CLOEXEC) == 0 && pipe2(err, O_CLOEXEC) == 0; }
};

void close_fd(int& fd) {
  if (fd >= 0) {
    close(fd);
    fd = -1;
  }
}

/// Feeds stdin and drains stdout/stderr until both close or the deadline passes; false on timeout.
bool pump(Pipes& p, const std::string& input, ProcessResult& r, std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  size_t written = 0;
  if (input.empty()) {
    close_fd(p.in[1]);
  } else {
    fcntl(p.in[1], F_SETFL, O_NONBLOCK);
  }
  while (p.out[0] >= 0 || p.err[0] >= 0) {
    pollfd fds[3] = {{p.out[0], POLLIN, 0}, {p.err[0], POLLIN, 0}, {p.in[1], POLLOUT, 0}};
    int wait_ms = -1;
    if (timeout.count() > 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) {
        return false;
      }
      wait_ms = static_cast<int>(left.count());
    }
    if (poll(fds, 3, wait_ms) < 0 && errno != EINTR) {
      return false;
    }
    if (fds[2].revents != 0) {
      ssize_t n = write(p.in[1], input.data() + written, input.size() - written);
      if (n > 0) {
        written += static_cast<size_t>(n);
      }
      if (n < 0 || written == input.size()) {
        close_fd(p.in[1]);
      }
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) {
        continue;
      }
      char buf[8192];
      ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close_fd(i == 0 ? p.out[0] : p.err[0]);
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<size_t>(n));
      }
    }
  }
  return true;
}

}  // namespace

Result<ProcessResult> run_process(const std::vector<std::string>& argv, const ProcessOptions& o) {
  if (argv.empty()) {
    return make_error(ErrorKind::invalid_input, "run_process: empty command");
  }
  Pipes p;
  if (!p.open_all()) {
    return make_error(ErrorKind::io, std::string("cannot create pipes: ") + std::strerror(errno));
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, p.in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, p.out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, p.err[1], 2);
  if (!o.cwd.empty()) {
    posix_spawn_file_actions_addchdir_np(&fa, o.cwd.c_str());
  }
  std::vector<std::string> args = argv;
  std::vector<std::string> env = child_environment(o.env);
  std::vector<char*> c_args = c_strings(args);
  std::vector<char*> c_env = c_strings(env);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, args[0].c_str(), &fa, nullptr, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    return make_error(rc == ENOENT || rc == EACCES ? ErrorKind::not_found : ErrorKind::io,
                      "cannot run " + argv[0] + ": " + std::strerror(rc));
  }
  close_fd(p.in[0]);
  close_fd(p.out[1]);
  close_fd(p.err[1]);
  ProcessResult r;
  bool finished = pump(p, o.input, r, o.timeout);
  if (!finished) {
    kill(pid, SIGKILL);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    return make_error(ErrorKind::timeout, argv[0] + " did not finish within " + std::to_string(o.timeout.count()) + " ms");
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace dl::util

#include "sim/http/test_support.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "util/files.h"

namespace dl::sim::http::testing {
namespace {

int exit_code_of(int status) {
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string read_all(FILE* pipe) {
  std::string out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  return out;
}

}  // namespace

CommandResult run_command(const std::string& command) {
  BackgroundCommand cmd(command);
  return cmd.finish();
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

BackgroundCommand::BackgroundCommand(const std::string& command) : m_pipe(::popen((command + " 2>&1").c_str(), "r")) {}

BackgroundCommand::~BackgroundCommand() {
  if (m_pipe) finish();
}

CommandResult BackgroundCommand::finish() {
  if (!m_pipe) return {};
  CommandResult r;
  r.output = read_all(m_pipe);
  r.exit_code = exit_code_of(::pclose(m_pipe));
  m_pipe = nullptr;
  return r;
}

void Counter::add() {
  {
    std::lock_guard lock(m_mu);
    ++m_value;
  }
  m_cv.notify_all();
}

bool Counter::wait_for(int count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_mu);
  return m_cv.wait_for(lock, timeout, [&] { return m_value >= count; });
}

int Counter::value() {
  std::lock_guard lock(m_mu);
  return m_value;
}

const TlsMaterial& shared_tls() {
  static const TlsMaterial material = [] {
    auto m = generate_tls({"10.20.30.40", "api.sim.test"});
    if (!m) std::abort();
    return *m;
  }();
  return material;
}

TlsServer::TlsServer(Handler handler, ServerOptions options) {
  ca_file = dir.write("ca.crt", shared_tls().ca_cert_pem);
  if (!options.tls) options.tls = shared_tls();
  auto started = server.start(options, std::move(handler));
  EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
  port = started.ok() ? *started : 0;
}

std::string TlsServer::url(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(port) + path;
}

std::string TlsServer::python() const {
  return "/usr/bin/python3 " + shell_quote(DL_SIM_HTTP_CLIENT_SCRIPT) + " --port " + std::to_string(port) + " --ca " +
         shell_quote(ca_file) + " ";
}

std::string TlsServer::curl() const {
  return "curl -sS --max-time 20 --cacert " + shell_quote(ca_file) + " ";
}

}  // namespace dl::sim::http::testing

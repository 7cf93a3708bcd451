#include "rpmrepo/test_support.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "rpmrepo/metadata.h"
#include "rpmrepo/operations.h"
#include "rpmrepo/test_repos.h"
#include "spec/validate.h"
#include "util/files.h"
#include "util/process.h"
#include "util/strings.h"

extern char** environ;

namespace dl::rpmrepo::test {
namespace {

Fixture fixture_once() {
  Fixture f;
  f.stock_list = export_installed(fixture_installed());
  f.dir = build_fixture(f.stock_list, DL_RPMREPO_FIXTURE_CACHE);
  return f;
}

}  // namespace

InstalledSet fixture_installed() {
  return builtin_installed(spec::RhcosBase{9, 6, "openvswitch3.5"}, "x86_64");
}

const Fixture& fixture() {
  static const Fixture f = fixture_once();
  return f;
}

HttpServer::HttpServer(const std::string& dir) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  std::vector<std::string> args = {"/usr/bin/python3", "-u",          "-m", "http.server", "0", "--bind",
                                   "127.0.0.1",        "--directory", dir};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int rc = posix_spawn(&m_pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  if (rc != 0) {
    m_pid = -1;
    ::close(out[0]);
    return;
  }
  std::string line;  // "Serving HTTP on 127.0.0.1 port 36715 (http://127.0.0.1:36715/) ..."
  char c = 0;
  while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
  ::close(out[0]);  // the server writes nothing more to stdout
  size_t at = line.find(" port ");
  if (at != std::string::npos) m_url = "http://127.0.0.1:" + std::to_string(std::atoi(line.c_str() + at + 6));
}

HttpServer::~HttpServer() {
  if (m_pid <= 0) return;
  ::kill(m_pid, SIGTERM);
  int status = 0;
  ::waitpid(m_pid, &status, 0);
}

std::string unreachable_url() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), len);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);  // bound, never listened: connections are refused
  return "http://127.0.0.1:" + std::to_string(ntohs(a.sin_port)) + "/";
}

spec::LayerSpec layer(const std::string& doca_base, const std::string& deps_url, const std::vector<std::string>& extra,
                      const std::string& arch) {
  std::string yaml =
      "apiVersion: doca-layer.nvidia.com/v1alpha1\nkind: LayerConfig\nmetadata:\n  name: t\nspec:\n"
      "  pool: worker\n  openshiftVersion: \"4.20\"\n  doca:\n    version: \"3.3.0\"\n"
      "    profile: doca-networking\n    arch: " +
      arch + "\n    baseURL: \"" + doca_base + "\"\n    gpgCheck: false\n  repos:\n  - id: deps\n    baseURL: \"" +
      deps_url + "\"\n    gpgCheck: false\n  packages:\n    dependencies: [unbound, unbound-libs, libunwind]\n";
  yaml += "    extra: [" + util::join(extra, ", ") + "]\n";
  spec::Loaded loaded = spec::load_string(yaml, "layer.yaml", "");
  if (!loaded.ok) throw std::runtime_error("test layer spec does not validate");
  return loaded.spec;
}

DnfVerdict run_dnf(const spec::LayerSpec& spec, bool keep_stock_ovs) {
  Operations ops = operations_for(spec);
  std::vector<std::string> argv = {"bash",      std::string(DL_RPMREPO_TESTDATA) + "/dnf_reference.sh",
                                   "--stock",   fixture().dir + "/stock",
                                   "--arch",    spec.doca.arch,
                                   "--replace", util::join(ops.replace, " "),
                                   "--install", util::join(ops.install, " "),
                                   "--verify",  ops.verify};
  if (keep_stock_ovs) argv.push_back("--keep-stock-ovs");
  for (const auto& r : repos_for(spec)) argv.insert(argv.end(), {"--repo", r.id + "=" + r.url});
  util::ProcessOptions o;
  o.timeout = std::chrono::minutes(3);
  auto r = util::run_process(argv, o);
  DnfVerdict v;
  if (!r) throw std::runtime_error("dnf_reference.sh: " + r.error().message);
  v.output = r->out + r->err;
  for (const auto& line : util::split(r->out, '\n')) {
    auto value = [&](const std::string& key) { return line.rfind(key, 0) == 0 ? line.substr(key.size()) : ""; };
    if (line.rfind("verdict: ", 0) == 0)
      v.verdict = value("verdict: ");
    else if (line.rfind("step: ", 0) == 0)
      v.step = value("step: ");
    else if (line.rfind("problem: ", 0) == 0)
      v.problems.push_back(value("problem: "));
    else if (line.rfind("missing: ", 0) == 0)
      v.missing.push_back(value("missing: "));
    else if (line.rfind("installed: ", 0) == 0)
      v.installed.push_back(value("installed: "));
  }
  return v;
}

}  // namespace dl::rpmrepo::test

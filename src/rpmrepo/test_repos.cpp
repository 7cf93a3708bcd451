#include "rpmrepo/test_repos.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "util/files.h"
#include "util/process.h"

namespace dl::rpmrepo::test {
namespace {

namespace fs = std::filesystem;

std::string hash_hex(const std::string& s) {
  unsigned long long h = 14695981039346656037ULL;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", h);
  return buf;
}

}  // namespace

std::string build_fixture(const std::string& stock_list, const std::string& root) {
  std::string script = std::string(DL_RPMREPO_TESTDATA) + "/make_fixture.py";
  auto text = util::read_file(script);
  if (!text) throw std::runtime_error(text.error().message);
  if (!util::make_dirs(root)) throw std::runtime_error("cannot create " + root);
  std::string dir = root + "/" + hash_hex(*text + stock_list);
  int lock = ::open((root + "/lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + root);
  if (!fs::exists(dir + "/complete")) {
    std::string tmp = dir + ".tmp";
    fs::remove_all(tmp);
    std::string list = root + "/stock.txt";
    (void)util::write_file_atomic(list, stock_list, util::FileMode::public_0644);
    util::ProcessOptions o;
    o.timeout = std::chrono::minutes(5);
    auto r = util::run_process({"/usr/bin/python3", script, tmp, list}, o);
    if (!r || r->exit_code != 0) {
      ::close(lock);
      throw std::runtime_error("make_fixture.py failed: " + (r ? r->err : r.error().message));
    }
    (void)util::write_file_atomic(tmp + "/complete", "", util::FileMode::public_0644);
    fs::rename(tmp, dir);
    for (const auto& e : fs::directory_iterator(root))  // fixtures of older scripts
      if (e.is_directory() && e.path() != fs::path(dir)) fs::remove_all(e.path());
  }
  ::close(lock);
  return dir;
}

}  // namespace dl::rpmrepo::test

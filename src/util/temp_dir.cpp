#include "util/temp_dir.h"

#include <stdlib.h>

#include <filesystem>

#include "util/files.h"

namespace dl::util {

TempDir::TempDir(const std::string& prefix) {
  std::string templ = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
  if (::mkdtemp(templ.data())) m_path = templ;
}

TempDir::~TempDir() {
  if (m_path.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(m_path, ec);
}

std::string TempDir::write(const std::string& name, const std::string& content) const {
  std::string p = m_path + "/" + name;
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(p).parent_path(), ec);
  write_file_atomic(p, content, FileMode::private_0600);  // test keys and kubeconfigs: 0600
  return p;
}

}  // namespace dl::util

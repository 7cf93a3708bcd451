// TempDir: a fresh private directory under $TMPDIR, removed with its contents on destruction.
// Used by tests and by commands that need scratch space.
#pragma once

#include <string>

namespace dl::util {

class TempDir {
 public:
  /// Creates the directory (mode 0700); path() is empty when that failed.
  explicit TempDir(const std::string& prefix = "doca-layer");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return m_path; }
  /// Writes `content` (mode 0600) to path()/`name`, creating parent folders; returns the full path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string m_path;
};

}  // namespace dl::util

// File access with no project knowledge.
#pragma once

#include <string>

#include "util/result.h"

namespace dl::util {

/// Reads the whole file; `io` error naming the path when it cannot.
Result<std::string> read_file(const std::string& path);

enum class FileMode { private_0600, public_0644 };

/// Writes `content` to `path` through a temporary file and rename, so readers never see a
/// partial file; the file gets `mode` regardless of the umask.
Status write_file_atomic(const std::string& path, const std::string& content, FileMode mode);

/// Creates `path` and its parents (0755); ok when it exists.
Status make_dirs(const std::string& path);

}  // namespace dl::util

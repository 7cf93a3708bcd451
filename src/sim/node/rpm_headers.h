// The rpm database of a simulated node's image as a package manager sees it: each installed
// package of OsImage::packages with the provides and requires that matter to a dependency
// solver (sonames, file paths, ISA-qualified names). A representative model, not exact.
#pragma once

#include <string>
#include <vector>

#include "sim/node/os_image.h"

namespace dl::sim::node {

/// One installed package's header, as far as dependency resolution goes.
struct RpmHeader {
  std::string name;
  std::string evr;  ///< [epoch:]version-release
  std::string arch;
  std::vector<std::string> provides;   ///< beyond the implicit `name = evr`
  std::vector<std::string> requires_;  ///< rpm dependency strings
};

/// The headers of every package of `image` (in its `rpm -qa` order); entries that are not
/// name-version-release.arch are skipped.
std::vector<RpmHeader> rpm_headers(const OsImage& image);

}  // namespace dl::sim::node

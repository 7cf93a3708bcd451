// repomd.xml: where a repository's primary metadata is and what its checksum must be.
#pragma once

#include <string>

#include "util/result.h"

namespace dl::rpmrepo {

struct PrimaryRef {
  std::string href;           ///< location relative to the repo URL, e.g. repodata/<sum>-primary.xml.gz
  std::string checksum_type;  ///< sha256, sha1, sha512, ...
  std::string checksum;       ///< lower-case hex of the file as stored (compressed)
};

/// Reads the `primary` entry of a repomd.xml document (parsed with libsolvext). invalid_input
/// when the document is not repomd.xml or has no primary entry with a checksum.
util::Result<PrimaryRef> parse_repomd(const std::string& repomd_xml);

/// Lower-case hex digest of `data` with `type` (a repomd checksum type); empty for unknown types.
std::string checksum_hex(const std::string& type, const std::string& data);

/// ok when `data` has the checksum `ref` names; otherwise invalid_input saying both sums.
util::Status verify_primary(const PrimaryRef& ref, const std::string& data);

}  // namespace dl::rpmrepo

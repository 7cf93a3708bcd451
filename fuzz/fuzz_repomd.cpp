// A repository's repomd.xml, as fetched: the primary entry or an error.
#include <cstdlib>

#include "fuzz.h"
#include "rpmrepo/repomd.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto primary = dl::rpmrepo::parse_repomd(dl::fuzz::text(data, size));
  if (!primary && primary.error().message.empty()) std::abort();
  return 0;
}

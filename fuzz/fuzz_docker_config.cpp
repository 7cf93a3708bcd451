// The global pull secret's .dockerconfigjson: any bytes as its content. docker_auths must return
// the auths or an error; merging the push auth into valid auths keeps every other registry.
// (That errors never quote the content is checked by credentials_test and the e2e secrets scan:
// as a fuzz oracle it is unsound, the fuzzer soon finds content that is a piece of the message.)
#include <cstdlib>

#include "fuzz.h"
#include "util/base64.h"
#include "workflow/credentials.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string content = dl::fuzz::text(data, size);
  nlohmann::json secret = {{"type", "kubernetes.io/dockerconfigjson"},
                           {"data", {{".dockerconfigjson", dl::util::base64_encode(content)}}}};
  auto auths = dl::workflow::docker_auths(secret);
  if (!auths) {
    if (auths.error().message.empty()) std::abort();  // an error says what is wrong
    return 0;
  }
  auto push = dl::workflow::docker_config("registry.example:5000", "builder", "tok")["auths"];
  auto merged = dl::workflow::merge_auths(*auths, push);
  if (auths->is_object())
    for (const auto& [host, value] : auths->items())
      if (host != "registry.example:5000" && (!merged.contains(host) || merged[host] != value)) std::abort();
  return 0;
}

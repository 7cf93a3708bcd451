// What an API server sends back: the input is cut at its first byte into a watch stream (fed to
// WatchDecoder in chunks of varying size) and, whole, an error body read as a Status and an
// exec plugin's ExecCredential. Each must end in events, an error value or a message.
#include <cstdlib>

#include "fuzz.h"
#include "kube/errors.h"
#include "kube/exec_credential.h"
#include "kube/watch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  size_t step = 1 + data[0] % 64;
  std::string body = dl::fuzz::text(data + 1, size - 1);
  dl::kube::WatchDecoder decoder;
  size_t events = 0;
  for (size_t at = 0; at < body.size(); at += step)
    decoder.feed(std::string_view(body).substr(at, step), [&](const dl::kube::WatchEvent&) {
      ++events;
      return true;
    });
  if (events > body.size()) std::abort();  // an event needs at least one byte
  for (int code : {401, 403, 404, 409, 410, 422, 429, 500, 503}) {
    dl::kube::HttpResponse r{code, {{"retry-after", "1"}}, body};
    auto e = dl::kube::error_from_response(r, "GET", "/api/v1/nodes", "https://api.example:6443", "token");
    if (e.message.empty()) std::abort();
  }
  for (const char* v : {"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"})
    (void)dl::kube::parse_exec_credential(body, v);
  return 0;
}

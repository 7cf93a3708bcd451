// kubeconfig: any bytes as the --kubeconfig file (an in-memory file); loading must return a
// config or an error (never crash, hang or run a plugin), and a config describes itself.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>

#include "fuzz.h"
#include "kube/kubeconfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int fd = memfd_create("kubeconfig", 0);
  if (fd < 0) return 0;
  size_t done = 0;
  while (done < size) {
    ssize_t n = write(fd, data + done, size - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  dl::kube::LoadOptions o;
  o.path = "/proc/self/fd/" + std::to_string(fd);
  auto config = dl::kube::load_client_config(o);
  close(fd);
  if (config && dl::kube::describe(*config).empty()) std::abort();
  return 0;
}

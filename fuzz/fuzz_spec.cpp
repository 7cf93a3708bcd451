// layer.yaml: parse, load and validate any text; diagnostics must carry a line and column
// inside the input (or 0 for whole-file problems).
#include <cstdlib>

#include "fuzz.h"
#include "spec/validate.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text = dl::fuzz::text(data, size);
  auto loaded = dl::spec::load_string(text, "layer.yaml", "/nonexistent-fuzz-dir");
  for (const auto& d : loaded.diagnostics) {
    if (loaded.ok && d.severity == dl::spec::Severity::error) std::abort();  // ok means no errors
    if (dl::spec::format(d).empty()) std::abort();
  }
  return 0;
}

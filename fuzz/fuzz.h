// The libFuzzer entry point every fuzz_*.cpp defines (the contract libFuzzer and
// replay_main.cpp call): one input, any bytes; returning normally means the parser coped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace dl::fuzz {
inline std::string text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}
}  // namespace dl::fuzz

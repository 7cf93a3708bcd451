// RFC 4648 base64 (standard alphabet, padded).
#pragma once

#include <optional>
#include <string>

namespace dl::util {

std::string base64_encode(const std::string& data);
/// nullopt when `text` is not valid padded base64.
std::optional<std::string> base64_decode(const std::string& text);

}  // namespace dl::util

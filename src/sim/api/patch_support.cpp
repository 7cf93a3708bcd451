#include "sim/api/patch_support.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>

namespace dl::sim::api::detail {
namespace {

constexpr int k_go_exponent_limit = 21;  // %v prints floats in fixed form below 1e21

std::string go_float(double value) {
  std::array<char, 64> buf{};
  auto sci = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
  std::string text(buf.data(), sci.ptr);
  auto e = text.find('e');
  int exponent = e == std::string::npos ? 0 : std::atoi(text.c_str() + e + 1);
  if (exponent < -4 || exponent >= k_go_exponent_limit) {
    return text;  // C and Go both print at least two exponent digits with a sign
  }
  auto fixed = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed);
  return std::string(buf.data(), fixed.ptr);
}

std::string join_formatted(const nlohmann::json& array) {
  std::string out;
  for (const auto& item : array) {
    out += out.empty() ? "" : " ";
    out += go_format(item);
  }
  return out;
}

}  // namespace

PatchError bad_request(std::string message) {
  return PatchError{400, "BadRequest", std::move(message), {}};
}

PatchError invalid_patch_op(std::string detail) {
  return PatchError{422, "Invalid", "the server rejected our request due to an error in our request",
                    std::move(detail)};
}

PatchError unprocessable(std::string message) {
  return PatchError{422, "Invalid", std::move(message), {}};
}

PatchError unmapped(std::string message) {
  return PatchError{500, "", std::move(message), {}};
}

std::string go_format(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "<nil>";
    case nlohmann::json::value_t::string:
      return value.get<std::string>();
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case nlohmann::json::value_t::number_integer:
      return std::to_string(value.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return std::to_string(value.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return go_float(value.get<double>());
    case nlohmann::json::value_t::array:
      return "[" + join_formatted(value) + "]";
    case nlohmann::json::value_t::object: {
      std::string out;
      for (const auto& [key, item] : value.items()) {  // nlohmann::json keeps keys sorted, as Go prints them
        out += out.empty() ? "" : " ";
        out += key + ":" + go_format(item);
      }
      return "map[" + out + "]";
    }
    default:
      return value.dump();
  }
}

std::string_view go_json_kind(const nlohmann::json& value) {
  if (value.is_object()) {
    return "object";
  }
  if (value.is_array()) {
    return "array";
  }
  if (value.is_string()) {
    return "string";
  }
  if (value.is_number()) {
    return "number";
  }
  if (value.is_boolean()) {
    return "bool";
  }
  return "null";
}

}  // namespace dl::sim::api::detail

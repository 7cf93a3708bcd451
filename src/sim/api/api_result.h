// ApiResult<T>: a value or the ApiError the API server answers with.
#pragma once

#include <utility>
#include <variant>

#include "sim/api/status.h"

namespace dl::sim::api {

template <typename T>
class ApiResult {
 public:
  ApiResult(T value) : m_v(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  ApiResult(ApiError error) : m_v(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  [[nodiscard]] bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(m_v); }
  const T& value() const { return std::get<0>(m_v); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  [[nodiscard]] const ApiError& error() const { return std::get<1>(m_v); }

 private:
  std::variant<T, ApiError> m_v;
};

}  // namespace dl::sim::api

// Result<T>: a value or an Error, for failures the caller is expected to handle
// (bad input, files, the network). Bugs are asserts, not Results.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace dl::util {

/// The kinds callers branch on; everything else is `internal`. `unreachable`: no connection could
/// be made, or its TLS handshake failed, so nothing was sent (safe to send again, whatever the
/// request); `io`: any other
/// failure to talk (possibly after the request left).
enum class ErrorKind { invalid_input, not_found, io, unreachable, conflict, unauthorized, timeout, internal };

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
};

inline Error make_error(ErrorKind kind, std::string message) { return Error{kind, std::move(message)}; }

/// Holds either a T or an error E (util::Error unless a layer needs a richer one, as the
/// simulator's Kubernetes Status errors do). Accessing the wrong alternative is a bug
/// (std::get throws).
template <typename T, typename E = Error>
class Result {
 public:
  Result(T value) : m_v(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(E error) : m_v(std::move(error)) {}      // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(m_v); }
  const T& value() const { return std::get<0>(m_v); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  [[nodiscard]] const E& error() const { return std::get<1>(m_v); }

 private:
  std::variant<T, E> m_v;
};

/// Result for operations with no value.
struct Unit {};
using Status = Result<Unit>;
inline Status ok_status() { return Unit{}; }

}  // namespace dl::util

// Internal: pure HTTP/1.1 request parsing (no I/O), so each rule is unit-testable.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "sim/http/server.h"

namespace dl::sim::http {

/// A request the server answers itself with `status` (400, 413, 431, 501, 505) and then closes.
struct HttpFailure {
  int status = 400;
  std::string message;
};

template <typename T>
using Parsed = std::variant<T, HttpFailure>;

inline constexpr size_t k_max_head_bytes = size_t{64} * 1024;
inline constexpr size_t k_max_chunk_line_bytes = 4096;

using QueryPairs = std::vector<std::pair<std::string, std::string>>;

struct RequestHead {
  std::string method;
  std::string path;       ///< percent-decoded
  std::string raw_query;  ///< without '?'
  QueryPairs query;
  Headers headers;        ///< names lower-cased
  int minor_version = 1;  ///< HTTP/1.<minor_version>
};

/// Parses the request line and header fields in `head`: the bytes before the empty line, with
/// CRLF or bare LF line ends. Leading empty lines are skipped. 400 when malformed, 505 for an
/// HTTP version other than 1.0/1.1.
Parsed<RequestHead> parse_head(std::string_view head);

/// Decodes %XX escapes (and '+' as a space when `plus_is_space`); nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space);

/// Splits "a=1&b=x%20y&c" into decoded pairs in order ("c" -> {"c", ""}); empty items are
/// skipped. nullopt on a bad escape.
std::optional<QueryPairs> parse_query(std::string_view raw);

struct BodyFraming {
  enum class Kind { none, length, chunked };
  Kind kind = Kind::none;
  size_t length = 0;  ///< with `length`
};

/// How the request body is framed: 400 for conflicting or malformed Content-Length (or both
/// framings), 501 for a transfer coding other than chunked, 413 for a length over `max_body`.
Parsed<BodyFraming> body_framing(const Headers& headers, size_t max_body);

/// The size from a chunk-size line ("1a", "1A;ext=1"); nullopt when malformed or absurdly large.
std::optional<size_t> parse_chunk_size(std::string_view line);

/// Whether the connection may serve another request after this one (HTTP/1.1 unless
/// "Connection: close"; HTTP/1.0 only with "Connection: keep-alive").
bool wants_keep_alive(const RequestHead& head);

/// The first value of header `lower_name` (already lower-case), or "".
std::string find_header(const Headers& headers, std::string_view lower_name);

/// ASCII lower-case copy.
std::string to_lower(std::string_view s);

}  // namespace dl::sim::http

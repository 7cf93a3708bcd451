// Internal: buffered reading of request heads and bodies from a Transport.
#pragma once

#include <string>

#include "sim/http/request_parser.h"
#include "sim/http/transport.h"

namespace dl::sim::http {

enum class Got { ok, eof, timeout, error, too_long };

/// Buffers a transport's input; bytes after one request stay for the next (pipelining).
class Reader {
 public:
  /// `timeout_ms` bounds each wait for input.
  Reader(Transport& transport, int timeout_ms) : m_transport(transport), m_timeout_ms(timeout_ms) {}

  /// The next request head (request line and header lines, without the empty line). eof/timeout
  /// before any byte of it means the client went idle; too_long beyond k_max_head_bytes.
  Got read_head(std::string& head);
  /// Appends exactly `n` bytes to `out`.
  Got read_exact(size_t n, std::string& out);
  /// One line without its CRLF/LF; too_long when no line end within `max` bytes.
  Got read_line(size_t max, std::string& line);
  /// True when some input (a started next request) is buffered.
  bool has_buffered() const { return m_pos < m_buf.size(); }

 private:
  Got fill();
  void compact();

  Transport& m_transport;
  int m_timeout_ms;
  std::string m_buf;
  size_t m_pos = 0;
};

enum class BodyStatus { ok, failure, io_error };

struct BodyOutcome {
  BodyStatus status = BodyStatus::ok;
  std::string body;
  HttpFailure failure;  ///< with `failure`: the answer to send (400 or 413)
};

/// Reads the body framed as `framing` (de-chunking, trailers dropped), at most `max_body` bytes.
BodyOutcome read_body(Reader& reader, const BodyFraming& framing, size_t max_body);

}  // namespace dl::sim::http

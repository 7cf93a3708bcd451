// Internal: response formatting and the ResponseWriter a connection hands to the handler.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>

#include "sim/http/request_parser.h"
#include "sim/http/server.h"
#include "sim/http/transport.h"

namespace dl::sim::http {

/// Reason phrase for `status` ("OK", "Not Found", ...); "Unknown" for unlisted codes.
std::string_view status_reason(int status);

/// IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point when);

/// A complete plain-text error response that announces "Connection: close".
std::string format_failure(const HttpFailure& failure);

/// The writer for one request on one connection. `aborted` turns true when the server drops
/// the connection; `fd` is polled to notice a peer that went away.
class ConnectionWriter final : public ResponseWriter {
 public:
  ConnectionWriter(Transport& transport, int fd, const std::atomic<bool>& aborted, const RequestHead& request,
                   bool keep_alive);

  bool send(int status, const Headers& headers, std::string_view body) override;
  bool start_stream(int status, const Headers& headers) override;
  bool write_chunk(std::string_view data) override;
  void end_stream() override;
  bool peer_gone() override;

  /// After the handler returned: ends a stream left open or answers 500 when nothing was sent.
  /// True when the connection may serve another request.
  bool finish();

  /// After the handler threw: answers 500 when nothing was sent, else marks the connection
  /// broken so it closes (a half-written stream must not look complete).
  void fail();

 private:
  enum class State { idle, streaming, done };

  std::string head(int status, const Headers& headers, std::string_view framing);
  bool write(std::string_view data);

  Transport& m_transport;
  int m_fd;
  const std::atomic<bool>& m_aborted;
  bool m_head_only;  ///< HEAD request: no body bytes
  bool m_http10;     ///< HTTP/1.0 client: streams are close-delimited, not chunked
  bool m_keep_alive;
  bool m_broken = false;
  State m_state = State::idle;
};

}  // namespace dl::sim::http

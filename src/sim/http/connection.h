// Internal: one accepted connection, served on its own thread until the client leaves, an
// error, or abort().
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <cstdint>
#include <string>

#include "sim/http/body_reader.h"
#include "sim/http/response_writer.h"
#include "sim/http/server.h"
#include "sim/http/transport.h"

namespace dl::sim::http {

/// Shared by every connection of one server; read-only while serving.
struct ConnectionConfig {
  SSL_CTX* ssl_ctx = nullptr;  ///< null = plain HTTP
  size_t max_body_bytes = 0;
  int idle_timeout_ms = 0;
  const Handler* handler = nullptr;
  std::atomic<uint64_t>* requests = nullptr;  ///< incremented per request head read
};

class Connection {
 public:
  /// Takes ownership of the accepted socket `fd`.
  Connection(int fd, const ConnectionConfig& config) : m_fd(fd), m_config(config) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  /// Closes the socket; run() must have returned.
  ~Connection();

  /// Handshakes (TLS) and serves requests; returns when the connection is over.
  void run();
  /// From any thread: ends the connection now, waking blocked reads and writes.
  void abort();
  /// True once run() has returned.
  bool finished() const { return m_finished.load(); }

 private:
  bool serve_one(Transport& transport, Reader& reader);
  bool answer_failure(Transport& transport, const HttpFailure& failure);
  void dispatch(const Request& request, ConnectionWriter& writer);
  void drain_before_close();

  int m_fd;
  const ConnectionConfig& m_config;
  std::atomic<bool> m_aborted{false};
  std::atomic<bool> m_finished{false};
  bool m_linger = false;  ///< a failure answer was sent while input may still be arriving
};

}  // namespace dl::sim::http

// Internal: a byte stream over one accepted socket, plain TCP or TLS. The socket descriptor is
// owned by the caller; a transport is used from one thread only.
#pragma once

#include <openssl/ssl.h>

#include <memory>
#include <string>
#include <string_view>

#include "util/result.h"

namespace dl::sim::http {

enum class ReadStatus { data, eof, timeout, error };

struct ReadResult {
  ReadStatus status = ReadStatus::error;
  size_t bytes = 0;  ///< with `data`: how many bytes were stored (> 0)
};

class Transport {
 public:
  virtual ~Transport() = default;
  /// Waits up to `timeout_ms` for input, then reads at most `cap` (> 0) bytes into `buf`.
  virtual ReadResult read_some(char* buf, size_t cap, int timeout_ms) = 0;
  /// Writes all of `data` at once (one TLS record batch, no buffering); false once the peer is gone.
  virtual bool write_all(std::string_view data) = 0;
  /// Orderly close of the session (TLS close_notify); the socket stays open.
  virtual void close() = 0;
  /// "CN=...,O=..." of a verified client certificate, empty when none was presented.
  virtual const std::string& peer_subject() const = 0;
};

/// Plain TCP on `fd`.
std::unique_ptr<Transport> make_plain_transport(int fd);

/// Runs the server side of a TLS handshake on `fd` (blocking socket; its SO_RCVTIMEO bounds the
/// wait). io error naming OpenSSL's reason when the handshake fails.
util::Result<std::unique_ptr<Transport>> make_tls_transport(int fd, SSL_CTX* ctx);

/// True when the peer has closed or reset `fd` (or the socket was shut down); never blocks.
bool peer_hung_up(int fd);

}  // namespace dl::sim::http

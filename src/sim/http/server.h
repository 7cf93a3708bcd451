// HTTP/1.1 server (plain or TLS) for the simulated Kubernetes API server: keep-alive,
// Content-Length and chunked bodies, chunked streaming responses flushed per chunk, one thread
// per connection. Handlers get a parsed Request and answer through a ResponseWriter.
#pragma once

#include <cstdint>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/http/tls.h"
#include "util/result.h"

namespace dl::sim::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;     ///< GET, POST, PUT, PATCH, DELETE, ... (as sent, case-sensitive)
  std::string path;       ///< percent-decoded path, no query
  std::string raw_query;  ///< as sent, without the '?'
  std::vector<std::pair<std::string, std::string>> query;  ///< decoded ('+' is a space), in order
  Headers headers;                                         ///< names lower-cased, in order
  std::string body;                                        ///< de-chunked if the client sent chunked
  std::string client_cert_subject;                         ///< "CN=...,O=..." of a verified client cert, empty if none

  /// First value of header `name` (any case), or "".
  std::string header(std::string_view name) const;
  /// First value of query parameter `name` (exact case), nullopt when absent.
  std::optional<std::string> query_param(std::string_view name) const;
};

/// One per request; used from the handler's thread only. A handler that returns without
/// answering gets a 500; a stream left open is ended for it.
class ResponseWriter {
 public:
  virtual ~ResponseWriter() = default;
  /// Complete response with Content-Length (the writer sets framing headers, Date and
  /// Connection itself). False if the client is gone or a response was already started.
  virtual bool send(int status, const Headers& headers, std::string_view body) = 0;
  /// Starts a Transfer-Encoding: chunked response (for watch and log follow); the head is
  /// flushed at once. False if the client is gone or a response was already started.
  virtual bool start_stream(int status, const Headers& headers) = 0;
  /// Writes one chunk and flushes it immediately (empty data writes nothing). False once the
  /// client disconnected or the server dropped the connection.
  virtual bool write_chunk(std::string_view data) = 0;
  /// Ends the stream with the zero-length chunk.
  virtual void end_stream() = 0;
  /// True once the peer closed or the server is stopping/dropping connections; never blocks.
  virtual bool peer_gone() = 0;
};

/// Called on the connection's thread, so concurrently for different connections: must be thread-safe.
using Handler = std::function<void(const Request&, ResponseWriter&)>;

struct ServerOptions {
  std::string listen = "127.0.0.1:0";  ///< host:port or [v6]:port; port 0 = any free port
  std::optional<TlsMaterial> tls;      ///< nullopt = plain HTTP (for tests only)
  bool request_client_cert = true;     ///< ask for optional client certs, verified against the CA
  size_t max_body_bytes = 16 << 20;    ///< 413 beyond this
  int idle_timeout_seconds = 120;      ///< keep-alive wait for the next request, and read stalls
};

class Server {
 public:
  Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  /// Runs stop().
  ~Server();

  /// Binds and starts serving on background threads (one per connection; HTTP/1.1 keep-alive).
  /// Returns the bound port. Ignores SIGPIPE process-wide. invalid_input for a bad `listen` or
  /// TLS material, io when binding fails, conflict when already started.
  util::Result<int> start(const ServerOptions& options, Handler handler);

  /// Stops accepting, closes every connection, waits for handler threads to finish (streaming
  /// handlers see peer_gone() == true and write_chunk() == false). Idempotent.
  void stop();

  /// Fault injection: closes every open connection now (streams included); new connections are
  /// still served.
  void drop_connections();

  /// Fault injection: an API server restart as its clients see it. From `after` on, every open
  /// connection is closed and, for `down`, every new one is accepted and reset at once; then
  /// serving resumes on the same port. The handler's state is untouched (a real cluster keeps it
  /// in etcd). `after` lets the request that asked for the restart get its answer first.
  void outage(std::chrono::milliseconds after, std::chrono::milliseconds down);

  /// Counters for tests and benchmarks.
  struct Stats {
    uint64_t connections = 0;  ///< connections accepted
    uint64_t requests = 0;     ///< requests handed to the handler or answered with an error
    uint64_t reset = 0;        ///< connections reset during outages
  };
  Stats stats() const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

}  // namespace dl::sim::http

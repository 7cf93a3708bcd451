// A minimal OVSDB JSON-RPC 1.0 client over a unix socket (RFC 7047 §4): what the switch emulation
// needs to act as ovs-vswitchd (transact, monitor, convert) without starting another process.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.h"

namespace dl::sim::node {

/// Splits a byte stream of back-to-back JSON objects or arrays (ovsdb-server writes them with no
/// delimiter) into whole texts.
class JsonSplitter {
 public:
  /// Appends `bytes`; returns the top-level values completed by them, in order.
  std::vector<std::string> feed(std::string_view bytes);

 private:
  std::string m_partial;
  int m_depth = 0;
  bool m_in_string = false;
  bool m_escape = false;
};

/// One JSON-RPC session. call() is for a single thread; receive() may block in one thread while
/// another calls send() or shutdown().
class JsonRpcConnection {
 public:
  /// Connects to the unix socket at `path`; `io` error when nobody listens there.
  static util::Result<std::unique_ptr<JsonRpcConnection>> connect(const std::string& path);
  ~JsonRpcConnection();
  JsonRpcConnection(const JsonRpcConnection&) = delete;
  JsonRpcConnection& operator=(const JsonRpcConnection&) = delete;

  /// Writes one message.
  util::Status send(const nlohmann::json& message);
  /// The next message; `timeout` error after `timeout`, `io` error at end of stream or after
  /// shutdown(). Echo requests from the server are answered here and not returned.
  util::Result<nlohmann::json> receive(std::chrono::milliseconds timeout);
  /// Sends request `method`/`params` and returns the reply's "result"; a reply "error" becomes an
  /// `internal` error with the server's text. Notifications arriving first are dropped.
  util::Result<nlohmann::json> call(const std::string& method, nlohmann::json params,
                                    std::chrono::milliseconds timeout);
  /// Makes a receive() blocked in another thread return; the connection is unusable afterwards.
  void shutdown();

 private:
  explicit JsonRpcConnection(int fd) : m_fd(fd) {}
  int m_fd;
  JsonSplitter m_splitter;
  std::deque<nlohmann::json> m_ready;
  int m_next_id = 1;
};

/// The first operation error in a "transact" result array as an `internal` error
/// ("<error>: <details>"), ok when every operation succeeded.
util::Status transact_status(const nlohmann::json& result);

}  // namespace dl::sim::node

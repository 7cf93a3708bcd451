#include "sim/node/jsonrpc.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace dl::sim::node {
namespace {

using nlohmann::json;
using util::ErrorKind;
using util::make_error;

std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

}  // namespace

std::vector<std::string> JsonSplitter::feed(std::string_view bytes) {
  std::vector<std::string> done;
  for (char c : bytes) {
    if (m_depth == 0 && c != '{' && c != '[') continue;  // whitespace between values
    m_partial.push_back(c);
    if (m_in_string) {
      if (m_escape) {
        m_escape = false;
      } else if (c == '\\') {
        m_escape = true;
      } else if (c == '"') {
        m_in_string = false;
      }
      continue;
    }
    if (c == '"') {
      m_in_string = true;
    } else if (c == '{' || c == '[') {
      ++m_depth;
    } else if ((c == '}' || c == ']') && --m_depth == 0) {
      done.push_back(std::move(m_partial));
      m_partial.clear();
    }
  }
  return done;
}

util::Result<std::unique_ptr<JsonRpcConnection>> JsonRpcConnection::connect(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof(addr.sun_path))
    return make_error(ErrorKind::invalid_input, "socket path too long: " + path);
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error(ErrorKind::io, errno_text("socket"));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    std::string msg = errno_text("connect " + path);
    ::close(fd);
    return make_error(ErrorKind::io, msg);
  }
  return std::unique_ptr<JsonRpcConnection>(new JsonRpcConnection(fd));
}

JsonRpcConnection::~JsonRpcConnection() {
  ::close(m_fd);
}

util::Status JsonRpcConnection::send(const json& message) {
  std::string text = message.dump();
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::send(m_fd, text.data() + off, text.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return make_error(ErrorKind::io, errno_text("send"));
    off += static_cast<size_t>(n);
  }
  return util::ok_status();
}

util::Result<json> JsonRpcConnection::receive(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (m_ready.empty()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return make_error(ErrorKind::timeout, "no message from ovsdb-server");
    pollfd p{m_fd, POLLIN, 0};
    int n = ::poll(&p, 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    std::array<char, 8192> buf{};
    ssize_t got = ::recv(m_fd, buf.data(), buf.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return make_error(ErrorKind::io, "ovsdb-server connection closed");
    for (auto& text : m_splitter.feed(std::string_view(buf.data(), static_cast<size_t>(got)))) {
      json message = json::parse(text, nullptr, false);
      if (message.is_discarded()) return make_error(ErrorKind::io, "bad JSON from ovsdb-server");
      if (message.value("method", "") == "echo" && message.contains("id")) {
        auto sent = send(json{{"id", message["id"]}, {"result", message["params"]}, {"error", nullptr}});
        if (!sent.ok()) return sent.error();
        continue;
      }
      m_ready.push_back(std::move(message));
    }
  }
  json message = std::move(m_ready.front());
  m_ready.pop_front();
  return message;
}

util::Result<json> JsonRpcConnection::call(const std::string& method, json params, std::chrono::milliseconds timeout) {
  int id = m_next_id++;
  auto sent = send(json{{"method", method}, {"params", std::move(params)}, {"id", id}});
  if (!sent.ok()) return sent.error();
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto message = receive(left);
    if (!message.ok()) return message.error();
    if (!message->contains("id") || (*message)["id"] != id) continue;
    const json& error = (*message)["error"];
    if (!error.is_null()) {
      return make_error(ErrorKind::internal,
                        method + ": " + (error.is_string() ? error.get<std::string>() : error.dump()));
    }
    return (*message)["result"];
  }
}

void JsonRpcConnection::shutdown() {
  ::shutdown(m_fd, SHUT_RDWR);
}

util::Status transact_status(const json& result) {
  if (!result.is_array()) return make_error(ErrorKind::internal, "transact: unexpected reply " + result.dump());
  for (const auto& op : result) {
    if (op.is_object() && op.contains("error")) {
      std::string text = op["error"].get<std::string>();
      if (op.contains("details")) text += ": " + op["details"].get<std::string>();
      return make_error(ErrorKind::internal, text);
    }
  }
  return util::ok_status();
}

}  // namespace dl::sim::node

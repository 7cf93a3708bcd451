#include "sim/http/server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <list>
#include <mutex>
#include <thread>

#include "sim/http/connection.h"
#include "sim/http/tls_context.h"

namespace dl::sim::http {
namespace {

using util::ErrorKind;
using util::make_error;

constexpr int k_accept_poll_ms = 200;
constexpr int k_handshake_timeout_seconds = 10;

struct HostPort {
  std::string host;
  std::string port;
};

util::Result<HostPort> split_listen(const std::string& listen) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return make_error(ErrorKind::invalid_input, "listen must be host:port: " + listen);
  std::string host = listen.substr(0, colon);
  std::string port = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int n = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
  if (ec != std::errc() || end != port.data() + port.size() || n < 0 || n > 65535) {
    return make_error(ErrorKind::invalid_input, "bad port in listen address: " + listen);
  }
  return HostPort{host, port};
}

int open_listener(const addrinfo* ai) {
  int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) return fd;
  ::close(fd);
  return -1;
}

util::Result<int> bind_listener(const HostPort& hp) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(hp.host.empty() ? nullptr : hp.host.c_str(), hp.port.c_str(), &hints, &found);
  if (rc != 0) return make_error(ErrorKind::invalid_input, "cannot resolve " + hp.host + ": " + ::gai_strerror(rc));
  int fd = -1;
  int last_errno = 0;
  for (const addrinfo* ai = found; ai && fd < 0; ai = ai->ai_next) {
    fd = open_listener(ai);
    last_errno = errno;
  }
  ::freeaddrinfo(found);
  if (fd < 0)
    return make_error(ErrorKind::io, "cannot listen on " + hp.host + ":" + hp.port + ": " + std::strerror(last_errno));
  return fd;
}

int bound_port(int fd) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
  if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&addr)->sin6_port);
  return ntohs(reinterpret_cast<const sockaddr_in*>(&addr)->sin_port);
}

void set_timeout(int fd, int option, int seconds) {
  timeval tv{seconds, 0};
  ::setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

void configure_accepted(int fd, int idle_timeout_seconds) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // small chunks leave at once
  set_timeout(fd, SO_RCVTIMEO, k_handshake_timeout_seconds);     // bounds reads poll() cannot see
  set_timeout(fd, SO_SNDTIMEO, idle_timeout_seconds);            // a client that stopped reading
}

/// One connection and the thread serving it.
struct Slot {
  std::unique_ptr<Connection> connection;
  std::thread thread;
};

}  // namespace

struct Server::State {
  ServerOptions options;
  Handler handler;
  ossl::SslCtx ssl_ctx;
  ConnectionConfig config;
  int listen_fd = -1;
  std::thread acceptor;
  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> connections{0};
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> reset{0};
  /// outage(): steady-clock nanoseconds; connections are dropped once at `outage_from`.
  std::atomic<int64_t> outage_from{0}, outage_until{0};
  std::atomic<bool> outage_dropped{true};
  std::mutex lifecycle_mu;  ///< serialises start() and stop()
  bool started = false;
  bool stopped = false;
  std::mutex slots_mu;
  std::list<Slot> slots;

  void accept_loop();
  void accept_one();
  /// True while an outage is on; drops the open connections when it begins.
  bool in_outage();
  void reap_finished();
};

void Server::State::accept_loop() {
  while (!stopping.load()) {
    pollfd p{listen_fd, POLLIN, 0};
    int r = ::poll(&p, 1, k_accept_poll_ms);
    reap_finished();
    in_outage();
    if (r > 0 && !stopping.load()) accept_one();
  }
}

bool Server::State::in_outage() {
  int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
  if (now < outage_from.load() || now >= outage_until.load()) return false;
  if (!outage_dropped.exchange(true)) {
    std::lock_guard lock(slots_mu);
    for (auto& slot : slots) slot.connection->abort();
  }
  return true;
}

void Server::State::accept_one() {
  int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) {
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return;
  }
  if (in_outage()) {
    linger l{1, 0};  // close with a reset, as a dead server process's kernel does
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd);
    reset.fetch_add(1);
    return;
  }
  configure_accepted(fd, options.idle_timeout_seconds);
  connections.fetch_add(1);
  std::lock_guard lock(slots_mu);
  auto& slot = slots.emplace_back(Slot{std::make_unique<Connection>(fd, config), {}});
  try {
    slot.thread = std::thread([c = slot.connection.get()] { c->run(); });
  } catch (const std::system_error&) {
    slots.pop_back();  // out of threads: the connection is closed
  }
}

void Server::State::reap_finished() {
  std::list<Slot> done;
  {
    std::lock_guard lock(slots_mu);
    for (auto it = slots.begin(); it != slots.end();) {
      auto next = std::next(it);
      if (it->connection->finished()) done.splice(done.end(), slots, it);
      it = next;
    }
  }
  for (auto& slot : done) slot.thread.join();
}

Server::Server() : m_state(std::make_unique<State>()) {}

Server::~Server() {
  stop();
}

util::Result<int> Server::start(const ServerOptions& options, Handler handler) {
  State& s = *m_state;
  std::lock_guard lock(s.lifecycle_mu);
  if (s.started) return make_error(ErrorKind::conflict, "server already started");
  if (!handler) return make_error(ErrorKind::invalid_input, "no handler");
  std::signal(SIGPIPE, SIG_IGN);
  auto hp = split_listen(options.listen);
  if (!hp) return hp.error();
  if (options.tls) {
    auto ctx = make_server_context(*options.tls, options.request_client_cert);
    if (!ctx) return ctx.error();
    s.ssl_ctx = std::move(*ctx);
  }
  auto fd = bind_listener(*hp);
  if (!fd) return fd.error();
  s.options = options;
  s.handler = std::move(handler);
  s.config = ConnectionConfig{s.ssl_ctx.get(), options.max_body_bytes, options.idle_timeout_seconds * 1000, &s.handler,
                              &s.requests};
  s.listen_fd = *fd;
  s.started = true;
  s.acceptor = std::thread([&s] { s.accept_loop(); });
  return bound_port(s.listen_fd);
}

void Server::stop() {
  State& s = *m_state;
  std::lock_guard lock(s.lifecycle_mu);
  if (!s.started || s.stopped) return;
  s.stopped = true;
  s.stopping.store(true);
  ::shutdown(s.listen_fd, SHUT_RDWR);
  s.acceptor.join();
  ::close(s.listen_fd);
  s.listen_fd = -1;
  std::list<Slot> all;
  {
    std::lock_guard slots_lock(s.slots_mu);
    for (auto& slot : s.slots) slot.connection->abort();
    all.splice(all.end(), s.slots);
  }
  for (auto& slot : all) slot.thread.join();
}

void Server::drop_connections() {
  std::lock_guard lock(m_state->slots_mu);
  for (auto& slot : m_state->slots) slot.connection->abort();
}

void Server::outage(std::chrono::milliseconds after, std::chrono::milliseconds down) {
  auto from = std::chrono::steady_clock::now() + after;
  m_state->outage_dropped = true;
  m_state->outage_until = (from + down).time_since_epoch().count();
  m_state->outage_from = from.time_since_epoch().count();
  m_state->outage_dropped = false;
}

Server::Stats Server::stats() const {
  return Stats{m_state->connections.load(), m_state->requests.load(), m_state->reset.load()};
}

}  // namespace dl::sim::http

#include "sim/http/transport.h"

#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>

#include "sim/http/ossl.h"

namespace dl::sim::http {
namespace {

/// 1 when `fd` is readable (or hung up), 0 on timeout, -1 on error.
int wait_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  for (;;) {
    int r = ::poll(&p, 1, timeout_ms);
    if (r >= 0) return r > 0 ? 1 : 0;
    if (errno != EINTR) return -1;
  }
}

class PlainTransport final : public Transport {
 public:
  explicit PlainTransport(int fd) : m_fd(fd) {}

  ReadResult read_some(char* buf, size_t cap, int timeout_ms) override {
    int w = wait_readable(m_fd, timeout_ms);
    if (w <= 0) return {w == 0 ? ReadStatus::timeout : ReadStatus::error, 0};
    for (;;) {
      ssize_t n = ::recv(m_fd, buf, cap, 0);
      if (n > 0) return {ReadStatus::data, static_cast<size_t>(n)};
      if (n == 0) return {ReadStatus::eof, 0};
      if (errno == EINTR) continue;
      return {errno == EAGAIN || errno == EWOULDBLOCK ? ReadStatus::timeout : ReadStatus::error, 0};
    }
  }

  bool write_all(std::string_view data) override {
    while (!data.empty()) {
      ssize_t n = ::send(m_fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  void close() override {}
  const std::string& peer_subject() const override { return m_subject; }

 private:
  int m_fd;
  std::string m_subject;
};

class TlsTransport final : public Transport {
 public:
  TlsTransport(int fd, ossl::Ssl ssl) : m_fd(fd), m_ssl(std::move(ssl)) {
    X509* cert = SSL_get0_peer_certificate(m_ssl.get());
    if (cert && SSL_get_verify_result(m_ssl.get()) == X509_V_OK) {
      m_subject = ossl::subject_string(X509_get_subject_name(cert));
    }
  }

  ReadResult read_some(char* buf, size_t cap, int timeout_ms) override {
    if (SSL_pending(m_ssl.get()) == 0) {
      int w = wait_readable(m_fd, timeout_ms);
      if (w <= 0) return {w == 0 ? ReadStatus::timeout : ReadStatus::error, 0};
    }
    ERR_clear_error();
    size_t n = 0;
    int r = SSL_read_ex(m_ssl.get(), buf, cap, &n);
    if (r == 1) return {ReadStatus::data, n};
    switch (SSL_get_error(m_ssl.get(), r)) {
      case SSL_ERROR_ZERO_RETURN:
        return {ReadStatus::eof, 0};
      case SSL_ERROR_WANT_READ:
        return {ReadStatus::timeout, 0};  // SO_RCVTIMEO mid-record
      default:
        m_failed = true;
        return {ReadStatus::error, 0};
    }
  }

  bool write_all(std::string_view data) override {
    if (m_failed) return false;
    if (data.empty()) return true;
    ERR_clear_error();
    size_t n = 0;
    if (SSL_write_ex(m_ssl.get(), data.data(), data.size(), &n) == 1 && n == data.size()) return true;
    m_failed = true;
    return false;
  }

  void close() override {
    if (m_failed || m_closed) return;
    m_closed = true;
    ERR_clear_error();
    SSL_shutdown(m_ssl.get());
  }

  const std::string& peer_subject() const override { return m_subject; }

 private:
  int m_fd;
  ossl::Ssl m_ssl;
  std::string m_subject;
  bool m_failed = false;
  bool m_closed = false;
};

}  // namespace

std::unique_ptr<Transport> make_plain_transport(int fd) {
  return std::make_unique<PlainTransport>(fd);
}

util::Result<std::unique_ptr<Transport>> make_tls_transport(int fd, SSL_CTX* ctx) {
  ERR_clear_error();
  ossl::Ssl ssl(SSL_new(ctx));
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) {
    return util::make_error(util::ErrorKind::internal, "SSL_new: " + ossl::last_error());
  }
  if (SSL_accept(ssl.get()) != 1) {
    return util::make_error(util::ErrorKind::io, "TLS handshake: " + ossl::last_error());
  }
  std::unique_ptr<Transport> t = std::make_unique<TlsTransport>(fd, std::move(ssl));
  return t;
}

bool peer_hung_up(int fd) {
  pollfd p{fd, POLLRDHUP, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  return (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

}  // namespace dl::sim::http

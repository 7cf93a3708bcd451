#include "sim/http/connection.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <exception>

#include "util/strings.h"

namespace dl::sim::http {
namespace {

constexpr int k_linger_ms = 2000;
constexpr size_t k_linger_max_bytes = 4 << 20;
constexpr std::string_view k_continue = "HTTP/1.1 100 Continue\r\n\r\n";

bool expects_continue(const RequestHead& head) {
  return head.minor_version >= 1 && to_lower(util::trim(find_header(head.headers, "expect"))) == "100-continue";
}

Request make_request(RequestHead&& head, std::string&& body, const std::string& subject) {
  Request r;
  r.method = std::move(head.method);
  r.path = std::move(head.path);
  r.raw_query = std::move(head.raw_query);
  r.query = std::move(head.query);
  r.headers = std::move(head.headers);
  r.body = std::move(body);
  r.client_cert_subject = subject;
  return r;
}

}  // namespace

Connection::~Connection() {
  ::close(m_fd);
}

void Connection::abort() {
  m_aborted.store(true);
  ::shutdown(m_fd, SHUT_RDWR);
}

void Connection::run() {
  std::unique_ptr<Transport> transport;
  if (m_config.ssl_ctx) {
    auto tls = make_tls_transport(m_fd, m_config.ssl_ctx);
    if (tls) transport = std::move(*tls);
  } else {
    transport = make_plain_transport(m_fd);
  }
  if (transport) {
    Reader reader(*transport, m_config.idle_timeout_ms);
    while (!m_aborted.load() && serve_one(*transport, reader)) {
    }
    if (!m_aborted.load()) transport->close();
    if (m_linger && !m_aborted.load()) drain_before_close();
  }
  m_finished.store(true);
}

bool Connection::serve_one(Transport& transport, Reader& reader) {
  std::string text;
  Got got = reader.read_head(text);
  if (got == Got::too_long) return answer_failure(transport, {431, "request header fields too large"});
  if (got != Got::ok) return false;
  m_config.requests->fetch_add(1);
  auto parsed = parse_head(text);
  if (auto* f = std::get_if<HttpFailure>(&parsed)) return answer_failure(transport, *f);
  RequestHead& head = std::get<RequestHead>(parsed);
  auto framing = body_framing(head.headers, m_config.max_body_bytes);
  if (auto* f = std::get_if<HttpFailure>(&framing)) return answer_failure(transport, *f);
  const auto& frame = std::get<BodyFraming>(framing);
  if (frame.kind != BodyFraming::Kind::none && expects_continue(head) && !transport.write_all(k_continue)) {
    return false;
  }
  BodyOutcome body = read_body(reader, frame, m_config.max_body_bytes);
  if (body.status == BodyStatus::failure) return answer_failure(transport, body.failure);
  if (body.status == BodyStatus::io_error) return false;
  ConnectionWriter writer(transport, m_fd, m_aborted, head, wants_keep_alive(head));
  Request request = make_request(std::move(head), std::move(body.body), transport.peer_subject());
  dispatch(request, writer);
  return writer.finish();
}

void Connection::dispatch(const Request& request, ConnectionWriter& writer) {
  try {
    (*m_config.handler)(request, writer);
  } catch (const std::exception&) {
    writer.fail();
  } catch (...) {
    writer.fail();
  }
}

bool Connection::answer_failure(Transport& transport, const HttpFailure& failure) {
  transport.write_all(format_failure(failure));
  m_linger = true;
  return false;
}

/// Reads and discards what the client still sends (for up to k_linger_ms), so closing with
/// unread input does not reset the connection before the client has read the error answer.
void Connection::drain_before_close() {
  ::shutdown(m_fd, SHUT_WR);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(k_linger_ms);
  char scratch[16 * 1024];
  for (size_t total = 0; total < k_linger_max_bytes && !m_aborted.load();) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{m_fd, POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0) return;
    ssize_t n = ::recv(m_fd, scratch, sizeof scratch, 0);
    if (n <= 0) return;
    total += static_cast<size_t>(n);
  }
}

}  // namespace dl::sim::http

#include "sim/http/response_writer.h"

#include <ctime>
#include <map>

namespace dl::sim::http {
namespace {

bool status_has_body(int status) {
  return status >= 200 && status != 204 && status != 304;
}

/// Headers the writer owns: framing and connection management.
bool is_reserved(const std::string& lower_name) {
  return lower_name == "content-length" || lower_name == "transfer-encoding" || lower_name == "connection";
}

std::string hex(size_t n) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), k_digits[n % 16]);
    n /= 16;
  } while (n);
  return out;
}

}  // namespace

std::string_view status_reason(int status) {
  static const std::map<int, std::string_view> k_reasons = {{100, "Continue"},
                                                            {101, "Switching Protocols"},
                                                            {200, "OK"},
                                                            {201, "Created"},
                                                            {202, "Accepted"},
                                                            {204, "No Content"},
                                                            {206, "Partial Content"},
                                                            {301, "Moved Permanently"},
                                                            {302, "Found"},
                                                            {304, "Not Modified"},
                                                            {307, "Temporary Redirect"},
                                                            {400, "Bad Request"},
                                                            {401, "Unauthorized"},
                                                            {403, "Forbidden"},
                                                            {404, "Not Found"},
                                                            {405, "Method Not Allowed"},
                                                            {406, "Not Acceptable"},
                                                            {408, "Request Timeout"},
                                                            {409, "Conflict"},
                                                            {410, "Gone"},
                                                            {411, "Length Required"},
                                                            {412, "Precondition Failed"},
                                                            {413, "Content Too Large"},
                                                            {415, "Unsupported Media Type"},
                                                            {417, "Expectation Failed"},
                                                            {422, "Unprocessable Entity"},
                                                            {429, "Too Many Requests"},
                                                            {431, "Request Header Fields Too Large"},
                                                            {500, "Internal Server Error"},
                                                            {501, "Not Implemented"},
                                                            {502, "Bad Gateway"},
                                                            {503, "Service Unavailable"},
                                                            {504, "Gateway Timeout"},
                                                            {505, "HTTP Version Not Supported"}};
  auto it = k_reasons.find(status);
  return it == k_reasons.end() ? std::string_view("Unknown") : it->second;
}

std::string http_date(std::chrono::system_clock::time_point when) {
  std::time_t t = std::chrono::system_clock::to_time_t(when);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

std::string format_failure(const HttpFailure& failure) {
  std::string body = failure.message + "\n";
  std::string out = "HTTP/1.1 " + std::to_string(failure.status) + " " + std::string(status_reason(failure.status));
  out += "\r\nDate: " + http_date(std::chrono::system_clock::now());
  out += "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + std::to_string(body.size());
  out += "\r\nConnection: close\r\n\r\n" + body;
  return out;
}

ConnectionWriter::ConnectionWriter(Transport& transport, int fd, const std::atomic<bool>& aborted,
                                   const RequestHead& request, bool keep_alive)
    : m_transport(transport),
      m_fd(fd),
      m_aborted(aborted),
      m_head_only(request.method == "HEAD"),
      m_http10(request.minor_version == 0),
      m_keep_alive(keep_alive) {}

std::string ConnectionWriter::head(int status, const Headers& headers, std::string_view framing) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(status_reason(status)) + "\r\n";
  bool has_date = false;
  for (const auto& [name, value] : headers) {
    std::string lower = to_lower(name);
    if (lower == "connection" && to_lower(value) == "close") m_keep_alive = false;
    if (is_reserved(lower)) continue;
    has_date = has_date || lower == "date";
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (!has_date) out += "Date: " + http_date(std::chrono::system_clock::now()) + "\r\n";
  out += framing;
  out += m_keep_alive ? (m_http10 ? "Connection: keep-alive\r\n" : "") : "Connection: close\r\n";
  return out + "\r\n";
}

bool ConnectionWriter::write(std::string_view data) {
  if (m_broken || m_aborted.load() || !m_transport.write_all(data)) m_broken = true;
  return !m_broken;
}

bool ConnectionWriter::send(int status, const Headers& headers, std::string_view body) {
  if (m_state != State::idle) return false;
  m_state = State::done;
  bool with_body = status_has_body(status);
  std::string framing = with_body ? "Content-Length: " + std::to_string(body.size()) + "\r\n" : "";
  std::string out = head(status, headers, framing);
  if (with_body && !m_head_only) out.append(body);
  return write(out);
}

bool ConnectionWriter::start_stream(int status, const Headers& headers) {
  if (m_state != State::idle) return false;
  m_state = State::streaming;
  if (m_http10) m_keep_alive = false;  // HTTP/1.0 has no chunked coding: the close ends the body
  return write(head(status, headers, m_http10 ? "" : "Transfer-Encoding: chunked\r\n"));
}

bool ConnectionWriter::write_chunk(std::string_view data) {
  if (m_state != State::streaming || peer_gone()) {
    if (m_state == State::streaming) m_broken = true;
    return false;
  }
  if (data.empty() || m_head_only) return true;
  if (m_http10) return write(data);
  std::string out = hex(data.size()) + "\r\n";
  out.append(data);
  out += "\r\n";
  return write(out);
}

void ConnectionWriter::end_stream() {
  if (m_state != State::streaming) return;
  m_state = State::done;
  if (!m_http10 && !m_head_only) write("0\r\n\r\n");
}

bool ConnectionWriter::peer_gone() {
  return m_broken || m_aborted.load() || peer_hung_up(m_fd);
}

bool ConnectionWriter::finish() {
  if (m_state == State::idle) send(500, {{"Content-Type", "text/plain; charset=utf-8"}}, "handler sent no response\n");
  end_stream();
  return m_keep_alive && !m_broken && !m_aborted.load();
}

void ConnectionWriter::fail() {
  m_keep_alive = false;
  if (m_state == State::idle) {
    send(500, {{"Content-Type", "text/plain; charset=utf-8"}}, "handler failed\n");
  } else {
    m_broken = true;
  }
  m_state = State::done;
}

}  // namespace dl::sim::http

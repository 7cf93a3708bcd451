#include "sim/http/body_reader.h"

#include <algorithm>

namespace dl::sim::http {
namespace {

constexpr size_t k_read_block = size_t{16} * 1024;

Got got_from(ReadStatus s) {
  switch (s) {
    case ReadStatus::data:
      return Got::ok;
    case ReadStatus::eof:
      return Got::eof;
    case ReadStatus::timeout:
      return Got::timeout;
    case ReadStatus::error:
      return Got::error;
  }
  return Got::error;
}

BodyOutcome failed(int status, std::string message) {
  return BodyOutcome{BodyStatus::failure, {}, HttpFailure{status, std::move(message)}};
}

BodyOutcome io_failed() {
  return BodyOutcome{BodyStatus::io_error, {}, {}};
}

/// Reads trailer lines up to the empty line; they are dropped.
BodyOutcome skip_trailers(Reader& reader, std::string body) {
  size_t total = 0;
  for (std::string line;;) {
    Got g = reader.read_line(k_max_chunk_line_bytes, line);
    if (g == Got::too_long) return failed(400, "chunk trailer line too long");
    if (g != Got::ok) return io_failed();
    total += line.size();
    if (total > k_max_head_bytes) return failed(431, "chunk trailers too large");
    if (line.empty()) return BodyOutcome{BodyStatus::ok, std::move(body), {}};
  }
}

BodyOutcome read_chunked(Reader& reader, size_t max_body) {
  std::string body;
  for (std::string line;;) {
    Got g = reader.read_line(k_max_chunk_line_bytes, line);
    if (g == Got::too_long) return failed(400, "chunk size line too long");
    if (g != Got::ok) return io_failed();
    auto size = parse_chunk_size(line);
    if (!size) return failed(400, "malformed chunk size");
    if (*size == 0) return skip_trailers(reader, std::move(body));
    if (*size > max_body - body.size()) return failed(413, "request body over " + std::to_string(max_body) + " bytes");
    if (reader.read_exact(*size, body) != Got::ok) return io_failed();
    g = reader.read_line(2, line);
    if (g == Got::too_long || (g == Got::ok && !line.empty())) return failed(400, "chunk not followed by CRLF");
    if (g != Got::ok) return io_failed();
  }
}

}  // namespace

Got Reader::fill() {
  size_t old = m_buf.size();
  m_buf.resize(old + k_read_block);
  ReadResult r = m_transport.read_some(m_buf.data() + old, k_read_block, m_timeout_ms);
  m_buf.resize(old + r.bytes);
  return got_from(r.status);
}

void Reader::compact() {
  m_buf.erase(0, m_pos);
  m_pos = 0;
}

Got Reader::read_head(std::string& head) {
  compact();
  for (size_t scanned = 0;;) {
    while (m_pos < m_buf.size() && (m_buf[m_pos] == '\r' || m_buf[m_pos] == '\n')) ++m_pos;
    size_t from = std::max(m_pos, scanned);
    size_t crlf = m_buf.find("\n\r\n", from);
    size_t lf = m_buf.find("\n\n", from);
    size_t end = std::min(crlf, lf);
    if (end != std::string::npos && end - m_pos <= k_max_head_bytes) {
      head.assign(m_buf, m_pos, end + 1 - m_pos);
      m_pos = end + (end == crlf ? 3 : 2);
      return Got::ok;
    }
    if (m_buf.size() - m_pos > k_max_head_bytes) return Got::too_long;
    scanned = m_buf.size() > 2 ? m_buf.size() - 2 : 0;
    if (Got g = fill(); g != Got::ok) return g;
  }
}

Got Reader::read_exact(size_t n, std::string& out) {
  while (m_buf.size() - m_pos < n) {
    if (Got g = fill(); g != Got::ok) return g;
  }
  out.append(m_buf, m_pos, n);
  m_pos += n;
  return Got::ok;
}

Got Reader::read_line(size_t max, std::string& line) {
  for (;;) {
    size_t nl = m_buf.find('\n', m_pos);
    if (nl != std::string::npos && nl - m_pos <= max) {
      size_t end = nl > m_pos && m_buf[nl - 1] == '\r' ? nl - 1 : nl;
      line.assign(m_buf, m_pos, end - m_pos);
      m_pos = nl + 1;
      return Got::ok;
    }
    if (m_buf.size() - m_pos > max) return Got::too_long;
    if (Got g = fill(); g != Got::ok) return g;
  }
}

BodyOutcome read_body(Reader& reader, const BodyFraming& framing, size_t max_body) {
  if (framing.kind == BodyFraming::Kind::chunked) return read_chunked(reader, max_body);
  BodyOutcome out;
  if (framing.kind == BodyFraming::Kind::length && reader.read_exact(framing.length, out.body) != Got::ok) {
    return io_failed();
  }
  return out;
}

}  // namespace dl::sim::http

#include "sim/http/request_parser.h"

#include <algorithm>
#include <charconv>

#include "util/strings.h"

namespace dl::sim::http {
namespace {

HttpFailure bad_request(std::string message) {
  return HttpFailure{400, std::move(message)};
}

bool is_tchar(char c) {
  static constexpr std::string_view k_extra = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         k_extra.find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_tchar);
}

bool has_ctl(std::string_view s, bool allow_tab) {
  return std::any_of(s.begin(), s.end(), [allow_tab](char c) {
    auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && !(allow_tab && c == '\t')) || u == 0x7f;
  });
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Splits `head` into lines (CRLF or LF), dropping leading empty lines.
std::vector<std::string_view> split_lines(std::string_view head) {
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty() || !lines.empty()) lines.push_back(line);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
  }
  return lines;
}

/// Origin-form target from origin/absolute/asterisk form; nullopt when unusable.
std::optional<std::string_view> origin_target(std::string_view target) {
  if (target == "*" || target.front() == '/') return target;
  size_t scheme = target.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  size_t slash = target.find('/', scheme + 3);
  return slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
}

std::optional<HttpFailure> parse_version(std::string_view version, RequestHead& out) {
  if (version == "HTTP/1.1" || version == "HTTP/1.0") {
    out.minor_version = version.back() - '0';
    return std::nullopt;
  }
  if (version.size() == 8 && version.substr(0, 5) == "HTTP/" && version[6] == '.') {
    return HttpFailure{505, "HTTP version not supported"};
  }
  return bad_request("bad HTTP version");
}

std::optional<HttpFailure> parse_target(std::string_view target, RequestHead& out) {
  if (target.empty() || has_ctl(target, false)) return bad_request("bad request target");
  auto origin = origin_target(target);
  if (!origin) return bad_request("bad request target");
  size_t q = origin->find('?');
  auto path = percent_decode(origin->substr(0, q), false);
  std::string_view raw = q == std::string_view::npos ? std::string_view() : origin->substr(q + 1);
  auto query = parse_query(raw);
  if (!path || !query) return bad_request("bad percent-encoding in request target");
  out.path = std::move(*path);
  out.raw_query = std::string(raw);
  out.query = std::move(*query);
  return std::nullopt;
}

std::optional<HttpFailure> parse_request_line(std::string_view line, RequestHead& out) {
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos) {
    return bad_request("malformed request line");
  }
  std::string_view method = line.substr(0, sp1);
  if (!is_token(method)) return bad_request("bad method");
  out.method = std::string(method);
  if (auto f = parse_version(line.substr(sp2 + 1), out)) return f;
  return parse_target(line.substr(sp1 + 1, sp2 - sp1 - 1), out);
}

std::optional<HttpFailure> parse_header_line(std::string_view line, Headers& out) {
  if (line.front() == ' ' || line.front() == '\t') return bad_request("obsolete header line folding");
  size_t colon = line.find(':');
  if (colon == std::string_view::npos || !is_token(line.substr(0, colon))) return bad_request("malformed header");
  std::string_view value = trim_ows(line.substr(colon + 1));
  if (has_ctl(value, true)) return bad_request("control character in header value");
  out.emplace_back(to_lower(line.substr(0, colon)), std::string(value));
  return std::nullopt;
}

/// The single Content-Length among all fields and list items; failure when they disagree.
Parsed<std::optional<size_t>> content_length(const Headers& headers) {
  std::optional<size_t> length;
  for (const auto& [name, value] : headers) {
    if (name != "content-length") continue;
    for (const auto& item : util::split(value, ',')) {
      std::string digits = util::trim(item);
      size_t n = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
        return bad_request("bad Content-Length");
      }
      if (length && *length != n) return bad_request("conflicting Content-Length");
      length = n;
    }
  }
  return length;
}

}  // namespace

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string find_header(const Headers& headers, std::string_view lower_name) {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

std::optional<std::string> percent_decode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (s[i] != '%') {
      out += s[i];
    } else {
      int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  return out;
}

std::optional<QueryPairs> parse_query(std::string_view raw) {
  QueryPairs out;
  for (const auto& item : util::split(raw, '&')) {
    if (item.empty()) continue;
    size_t eq = item.find('=');
    auto key = percent_decode(std::string_view(item).substr(0, eq), true);
    auto value = eq == std::string::npos ? std::optional<std::string>("")
                                         : percent_decode(std::string_view(item).substr(eq + 1), true);
    if (!key || !value) return std::nullopt;
    out.emplace_back(std::move(*key), std::move(*value));
  }
  return out;
}

Parsed<RequestHead> parse_head(std::string_view head) {
  auto lines = split_lines(head);
  if (lines.empty()) return bad_request("empty request");
  RequestHead out;
  if (auto f = parse_request_line(lines[0], out)) return *f;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].empty()) return bad_request("empty header line");
    if (auto f = parse_header_line(lines[i], out.headers)) return *f;
  }
  return out;
}

Parsed<BodyFraming> body_framing(const Headers& headers, size_t max_body) {
  auto length = content_length(headers);
  if (auto* f = std::get_if<HttpFailure>(&length)) return *f;
  const auto& n = std::get<std::optional<size_t>>(length);
  std::string coding = to_lower(util::trim(find_header(headers, "transfer-encoding")));
  if (!coding.empty()) {
    if (n) return bad_request("both Transfer-Encoding and Content-Length");
    if (coding != "chunked") return HttpFailure{501, "unsupported transfer coding: " + coding};
    return BodyFraming{BodyFraming::Kind::chunked, 0};
  }
  if (!n || *n == 0) return BodyFraming{};
  if (*n > max_body) return HttpFailure{413, "request body over " + std::to_string(max_body) + " bytes"};
  return BodyFraming{BodyFraming::Kind::length, *n};
}

std::optional<size_t> parse_chunk_size(std::string_view line) {
  size_t end = line.find_first_of("; \t");
  std::string_view digits = line.substr(0, end);
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  size_t n = 0;
  for (char c : digits) {
    int v = hex_value(c);
    if (v < 0) return std::nullopt;
    n = n * 16 + static_cast<size_t>(v);
  }
  return n;
}

bool wants_keep_alive(const RequestHead& head) {
  std::string connection;
  for (const auto& [name, value] : head.headers) {
    if (name == "connection") connection += "," + to_lower(value);
  }
  std::vector<std::string> tokens;
  for (const auto& t : util::split(connection, ',')) tokens.push_back(util::trim(t));
  auto has = [&](std::string_view word) { return std::find(tokens.begin(), tokens.end(), word) != tokens.end(); };
  if (has("close")) return false;
  return head.minor_version >= 1 || has("keep-alive");
}

std::string Request::header(std::string_view name) const {
  return find_header(headers, to_lower(name));
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace dl::sim::http

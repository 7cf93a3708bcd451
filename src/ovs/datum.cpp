#include "ovs/datum.h"

#include <cctype>

namespace dl::ovs {
namespace {

using Parsed = util::Result<Datum, DatumError>;

bool is_delimiter(char c) {
  return c == ',' || c == '[' || c == ']' || c == '{' || c == '}' || c == '=' || c == '"' || c == ' ' || c == '\t' ||
         c == '\n' || c == '\r';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// A cursor over the text with the error of the first failure.
class Parser {
 public:
  explicit Parser(std::string_view text) : m_text(text) {}

  Parsed parse() {
    skip_space();
    Datum d;
    bool ok = false;
    if (at('[')) {
      ok = parse_set(d);
    } else if (at('{')) {
      ok = parse_map(d);
    } else if (m_pos >= m_text.size()) {
      return fail("empty value");
    } else {
      d.kind = Datum::Kind::atom;
      d.elements.emplace_back();
      ok = parse_atom(d.elements.back());
    }
    if (!ok) return m_error;
    skip_space();
    if (m_pos < m_text.size()) return fail("unexpected text after the value");
    return d;
  }

 private:
  bool at(char c) const { return m_pos < m_text.size() && m_text[m_pos] == c; }
  void skip_space() {
    while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos]))) ++m_pos;
  }
  DatumError fail(std::string message) {
    m_error = DatumError{m_pos, std::move(message)};
    return m_error;
  }
  bool failed(std::string message) {
    fail(std::move(message));
    return false;
  }

  bool parse_set(Datum& d) {
    d.kind = Datum::Kind::set;
    return parse_list(']', [&] {
      d.elements.emplace_back();
      return parse_atom(d.elements.back());
    });
  }

  bool parse_map(Datum& d) {
    d.kind = Datum::Kind::map;
    return parse_list('}', [&] {
      Atom key, value;
      if (!parse_atom(key)) return false;
      skip_space();
      if (!at('=')) return failed("expected '=' after a map key");
      ++m_pos;
      skip_space();
      if (!parse_atom(value)) return false;
      d.entries.emplace_back(std::move(key), std::move(value));
      return true;
    });
  }

  /// Elements separated by ',' up to `close`; the opening bracket is at m_pos.
  template <typename Element>
  bool parse_list(char close, Element element) {
    ++m_pos;
    skip_space();
    if (at(close)) {
      ++m_pos;
      return true;
    }
    while (true) {
      skip_space();
      if (!element()) return false;
      skip_space();
      if (at(close)) {
        ++m_pos;
        return true;
      }
      if (!at(',')) return failed(std::string("expected ',' or '") + close + "'");
      ++m_pos;
    }
  }

  bool parse_atom(Atom& atom) {
    if (at('"')) return parse_quoted(atom);
    size_t start = m_pos;
    while (m_pos < m_text.size() && !is_delimiter(m_text[m_pos])) ++m_pos;
    if (m_pos == start) return failed(m_pos < m_text.size() ? "expected a value" : "value ends too early");
    atom = Atom{std::string(m_text.substr(start, m_pos - start)), false};
    return true;
  }

  bool parse_quoted(Atom& atom) {
    atom = Atom{"", true};
    ++m_pos;
    while (m_pos < m_text.size()) {
      char c = m_text[m_pos];
      if (c == '"') {
        ++m_pos;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return failed("control character inside a quoted string");
      if (c != '\\') {
        atom.text += c;
        ++m_pos;
        continue;
      }
      if (!parse_escape(atom.text)) return false;
    }
    return failed("quoted string is not closed");
  }

  bool parse_escape(std::string& out) {
    if (m_pos + 1 >= m_text.size()) return failed("escape at the end of the text");
    char e = m_text[m_pos + 1];
    static constexpr std::string_view k_from = "\"\\/bfnrt";
    static constexpr std::string_view k_to = "\"\\/\b\f\n\r\t";
    if (size_t i = k_from.find(e); i != std::string_view::npos) {
      out += k_to[i];
      m_pos += 2;
      return true;
    }
    if (e != 'u') return failed(std::string("unknown escape \\") + e);
    auto unit = read_hex4(m_pos + 2);
    if (!unit) return false;
    m_pos += 6;
    unsigned cp = *unit;
    if (cp >= 0xD800 && cp <= 0xDBFF) {  // high surrogate: a low one must follow
      auto low = m_text.substr(m_pos, 2) == "\\u" ? read_hex4(m_pos + 2) : std::nullopt;
      if (!low || *low < 0xDC00 || *low > 0xDFFF) return failed("unpaired UTF-16 surrogate");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (*low - 0xDC00);
      m_pos += 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return failed("unpaired UTF-16 surrogate");
    }
    append_utf8(out, cp);
    return true;
  }

  std::optional<unsigned> read_hex4(size_t from) {
    unsigned v = 0;
    for (size_t i = from; i < from + 4; ++i) {
      int h = i < m_text.size() ? hex_value(m_text[i]) : -1;
      if (h < 0) {
        m_pos = std::min(i, m_text.size());
        failed("expected four hex digits after \\u");
        return std::nullopt;
      }
      v = v * 16 + static_cast<unsigned>(h);
    }
    return v;
  }

  std::string_view m_text;
  size_t m_pos = 0;
  DatumError m_error;
};

}  // namespace

std::optional<bool> Datum::as_bool() const {
  if (kind != Kind::atom || elements[0].quoted) return std::nullopt;
  if (elements[0].text == "true") return true;
  if (elements[0].text == "false") return false;
  return std::nullopt;
}

std::optional<long long> Datum::as_integer() const {
  if (kind != Kind::atom || elements[0].quoted) return std::nullopt;
  const std::string& t = elements[0].text;
  size_t digits = t[0] == '-' ? 1 : 0;
  if (digits == t.size() || t.size() - digits > 18) return std::nullopt;
  for (size_t i = digits; i < t.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return std::nullopt;
  }
  return std::stoll(t);
}

std::optional<std::string> Datum::as_optional_string() const {
  if (kind == Kind::map || elements.size() != 1) return std::nullopt;
  return elements[0].text;
}

std::set<std::string> Datum::as_string_set() const {
  std::set<std::string> out;
  for (const auto& e : elements) out.insert(e.text);
  return out;
}

std::map<std::string, std::string> Datum::as_string_map() const {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : entries) out[k.text] = v.text;
  return out;
}

util::Result<Datum, DatumError> parse_datum(std::string_view text) {
  return Parser(text).parse();
}

std::string vsctl_string_arg(std::string_view s) {
  bool bare = !s.empty();
  for (char c : s) {
    bare = bare && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
  }
  if (bare) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      static constexpr char k_hex[] = "0123456789abcdef";
      out += "\\u00";
      out += k_hex[(c >> 4) & 0xF];
      out += k_hex[c & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace dl::ovs

// The label selector lexer and parser (apimachinery pkg/labels/selector.go) with the
// validation it applies (pkg/util/validation), kept apart from selectors.cpp for size.
#include "sim/api/label_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <set>

#include "util/strings.h"

namespace dl::sim::api::detail {

std::string go_quote(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    const size_t named = std::string_view("\a\b\f\n\r\t\v").find(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (named != std::string_view::npos) {
      out += '\\';
      out += "abfnrtv"[named];
    } else if (u >= 0x20 && u != 0x7F) {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    }
  }
  return out + "\"";
}

std::optional<int64_t> go_parse_int(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') {
      return std::nullopt;
    }
  }
  int64_t n = 0;
  if (s.empty() || std::from_chars(s.data(), s.data() + s.size(), n).ptr != s.data() + s.size()) {
    return std::nullopt;
  }
  return n;
}

namespace {

using Op = LabelSelector::Op;

util::Error invalid(std::string message) {
  return util::make_error(util::ErrorKind::invalid_input, std::move(message));
}

// --- apimachinery util/validation, the parts label selectors use ---

constexpr size_t k_max_label_length = 63;
constexpr size_t k_max_subdomain_length = 253;
constexpr std::string_view k_qualified_fmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr std::string_view k_qualified_msg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
    "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '";
constexpr std::string_view k_subdomain_msg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
constexpr std::string_view k_label_value_msg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start "
    "and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

bool is_alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
bool is_qualified_part(std::string_view s) {
  if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) {
    return false;
  }
  return std::all_of(s.begin(), s.end(), [](char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; });
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*`
bool is_dns1123_subdomain(std::string_view s) {
  auto lower_alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (const std::string& label : util::split(s, '.')) {
    if (label.empty() || !lower_alnum(label.front()) || !lower_alnum(label.back()) ||
        !std::all_of(label.begin(), label.end(), [&](char c) { return lower_alnum(c) || c == '-'; })) {
      return false;
    }
  }
  return true;
}

std::string max_len_error(size_t n) {
  return "must be no more than " + std::to_string(n) + " characters";
}

/// validation.IsQualifiedName: the reasons `key` is not a valid label key (empty when it is).
std::vector<std::string> qualified_name_errors(std::string_view key) {
  const std::string regex_msg = std::string(k_qualified_msg) + std::string(k_qualified_fmt) + "')";
  std::vector<std::string> errs;
  const std::vector<std::string> parts = util::split(key, '/');
  if (parts.size() > 2) {
    return {"a qualified name " + regex_msg +
            " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"};
  }
  const std::string& name = parts.back();
  if (parts.size() == 2) {
    const std::string& prefix = parts.front();
    if (prefix.empty()) {
      errs.emplace_back("prefix part must be non-empty");
    } else {
      if (prefix.size() > k_max_subdomain_length) {
        errs.push_back("prefix part " + max_len_error(k_max_subdomain_length));
      }
      if (!is_dns1123_subdomain(prefix)) {
        errs.push_back("prefix part " + std::string(k_subdomain_msg));
      }
    }
  }
  if (name.empty()) {
    errs.emplace_back("name part must be non-empty");
  } else if (name.size() > k_max_label_length) {
    errs.push_back("name part " + max_len_error(k_max_label_length));
  }
  if (!is_qualified_part(name)) {
    errs.push_back("name part " + regex_msg);
  }
  return errs;
}

/// validation.IsValidLabelValue.
std::vector<std::string> label_value_errors(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > k_max_label_length) {
    errs.push_back(max_len_error(k_max_label_length));
  }
  if (!value.empty() && !is_qualified_part(value)) {
    errs.emplace_back(k_label_value_msg);
  }
  return errs;
}

/// field.Invalid(path, value, detail).Error()
std::string invalid_value(std::string_view path, std::string_view value, const std::vector<std::string>& details) {
  return std::string(path) + ": Invalid value: " + go_quote(value) + ": " + util::join(details, "; ");
}

// --- the label selector lexer and parser (apimachinery pkg/labels/selector.go) ---

enum class Tok { end, rparen, comma, bang, eq_eq, eq, gt, ident, in, lt, bang_eq, notin, lparen };

struct Token {
  Tok tok;
  std::string literal;
};

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool is_special(char c) {
  return std::string_view("=!(),><").find(c) != std::string_view::npos;
}

std::optional<Tok> symbol_token(std::string_view s) {
  static const std::vector<std::pair<std::string_view, Tok>> symbols = {
      {")", Tok::rparen}, {",", Tok::comma}, {"!", Tok::bang},     {"==", Tok::eq_eq}, {"=", Tok::eq},
      {">", Tok::gt},     {"<", Tok::lt},    {"!=", Tok::bang_eq}, {"(", Tok::lparen}};
  for (const auto& [text, tok] : symbols) {
    if (text == s) {
      return tok;
    }
  }
  return std::nullopt;
}

/// The longest run of special symbols that is still a token ("!=" rather than "!").
Token scan_symbol(std::string_view s, size_t& pos) {
  Token last{Tok::end, ""};
  std::string buffer;
  while (pos < s.size() && is_special(s[pos])) {
    buffer += s[pos];
    if (auto tok = symbol_token(buffer)) {
      last = Token{*tok, buffer};
      ++pos;
    } else {
      break;  // every single symbol is a token, so `last` is set here
    }
  }
  return last;
}

Token scan_word(std::string_view s, size_t& pos) {
  const size_t start = pos;
  while (pos < s.size() && s[pos] != '\0' && !is_special(s[pos]) && !is_blank(s[pos])) {
    ++pos;
  }
  std::string word(s.substr(start, pos - start));
  Tok tok = word == "in" ? Tok::in : word == "notin" ? Tok::notin : Tok::ident;
  return Token{tok, std::move(word)};
}

/// Lexes the whole selector; a NUL byte ends it, as in Go's lexer.
std::vector<Token> lex(std::string_view s) {
  std::vector<Token> out;
  size_t pos = 0;
  while (true) {
    while (pos < s.size() && is_blank(s[pos])) {
      ++pos;
    }
    if (pos >= s.size() || s[pos] == '\0') {
      out.push_back(Token{Tok::end, ""});
      return out;
    }
    out.push_back(is_special(s[pos]) ? scan_symbol(s, pos) : scan_word(s, pos));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : m_items(lex(text)) {}

  util::Result<std::vector<LabelSelector::Requirement>> parse() {
    std::vector<LabelSelector::Requirement> out;
    while (true) {
      const Token& next = peek();
      if (next.tok == Tok::end) {
        return out;
      }
      if (next.tok != Tok::ident && next.tok != Tok::bang) {
        return invalid("found '" + next.literal + "', expected: !, identifier, or 'end of string'");
      }
      auto req = requirement();
      if (!req) {
        return invalid("unable to parse requirement: " + req.error().message);
      }
      out.push_back(std::move(*req));
      const Token after = take();
      if (after.tok == Tok::end) {
        return out;
      }
      if (after.tok != Tok::comma) {
        return invalid("found '" + after.literal + "', expected: ',' or 'end of string'");
      }
      if (peek().tok != Tok::ident && peek().tok != Tok::bang) {
        return invalid("found '" + peek().literal + "', expected: identifier after ','");
      }
    }
  }

 private:
  /// Values context: the keywords `in`/`notin` are plain identifiers there.
  static Token as_value(Token t) {
    if (t.tok == Tok::in || t.tok == Tok::notin) {
      t.tok = Tok::ident;
    }
    return t;
  }
  [[nodiscard]] Token peek() const { return as_value(m_items[m_pos]); }
  Token take() { return as_value(take_raw()); }
  Token take_raw() { return m_items[m_pos < m_items.size() - 1 ? m_pos++ : m_pos]; }

  util::Result<LabelSelector::Requirement> requirement() {
    LabelSelector::Requirement req;
    Token t = take();
    const bool negated = t.tok == Tok::bang;
    if (negated) {
      t = take();
    }
    if (t.tok != Tok::ident) {
      return invalid("found '" + t.literal + "', expected: identifier");
    }
    if (auto errs = qualified_name_errors(t.literal); !errs.empty()) {
      return invalid(invalid_value("<nil>", t.literal, errs));
    }
    req.key = t.literal;
    if (negated || peek().tok == Tok::end || peek().tok == Tok::comma) {  // `!key` takes no operator
      req.op = negated ? Op::does_not_exist : Op::exists;
      return req;
    }
    auto op = operation();
    if (!op) {
      return op.error();
    }
    req.op = *op;
    auto values = (req.op == Op::in || req.op == Op::not_in) ? value_set() : exact_value();
    if (!values) {
      return values.error();
    }
    req.values.assign(values->begin(), values->end());
    return validated(std::move(req));
  }

  util::Result<Op> operation() {
    const Token t = take_raw();
    switch (t.tok) {
      case Tok::in:
        return Op::in;
      case Tok::eq:
        return Op::equals;
      case Tok::eq_eq:
        return Op::double_equals;
      case Tok::gt:
        return Op::greater_than;
      case Tok::lt:
        return Op::less_than;
      case Tok::notin:
        return Op::not_in;
      case Tok::bang_eq:
        return Op::not_equals;
      default:
        return invalid("found '" + t.literal + "', expected: in, notin, =, ==, !=, gt, lt");
    }
  }

  util::Result<std::set<std::string>> value_set() {
    const Token open = take();
    if (open.tok != Tok::lparen) {
      return invalid("found '" + open.literal + "' expected: '('");
    }
    const Token first = peek();
    if (first.tok == Tok::rparen) {
      take();
      return std::set<std::string>{""};
    }
    if (first.tok != Tok::ident && first.tok != Tok::comma) {
      return invalid("found '" + first.literal + "', expected: ',', ')' or identifier");
    }
    auto values = identifiers();
    if (values && take().tok != Tok::rparen) {
      return invalid("found '" + first.literal + "', expected: ')'");
    }
    return values;
  }

  /// A comma-separated list of possibly empty values, up to (not including) ')'.
  util::Result<std::set<std::string>> identifiers() {
    std::set<std::string> out;
    while (true) {
      const Token t = take();
      if (t.tok == Tok::ident) {
        out.insert(t.literal);
        if (peek().tok == Tok::rparen) {
          return out;
        }
        if (peek().tok != Tok::comma) {
          return invalid("found '" + peek().literal + "', expected: ',' or ')'");
        }
      } else if (t.tok == Tok::comma) {
        if (out.empty() || peek().tok == Tok::rparen || peek().tok == Tok::comma) {
          out.insert("");
        }
        if (peek().tok == Tok::rparen) {
          return out;
        }
        if (peek().tok == Tok::comma) {
          take();
        }
      } else {
        return invalid("found '" + t.literal + "', expected: ',', or identifier");
      }
    }
  }

  util::Result<std::set<std::string>> exact_value() {
    if (peek().tok == Tok::end || peek().tok == Tok::comma) {
      return std::set<std::string>{""};
    }
    const Token t = take();
    if (t.tok != Tok::ident) {
      return invalid("found '" + t.literal + "', expected: identifier");
    }
    return std::set<std::string>{t.literal};
  }

  /// NewRequirement's checks on the values, aggregated as field.ErrorList does.
  static util::Result<LabelSelector::Requirement> validated(LabelSelector::Requirement req) {
    std::vector<std::string> errs;
    for (size_t i = 0; i < req.values.size(); ++i) {
      const std::string& v = req.values[i];
      const std::string path = "values[" + std::to_string(i) + "]";
      if ((req.op == Op::greater_than || req.op == Op::less_than) && !go_parse_int(v)) {
        errs.push_back(invalid_value(path, v, {"for 'Gt', 'Lt' operators, the value must be an integer"}));
      }
      if (auto value_errs = label_value_errors(v); !value_errs.empty()) {
        errs.push_back(invalid_value(path + "[" + req.key + "]", v, value_errs));
      }
    }
    if (errs.empty()) {
      return req;
    }
    return invalid(errs.size() == 1 ? errs.front() : "[" + util::join(errs, ", ") + "]");
  }

  std::vector<Token> m_items;
  size_t m_pos = 0;
};

}  // namespace

util::Result<std::vector<LabelSelector::Requirement>> parse_label_requirements(std::string_view text) {
  return Parser(text).parse();
}

}  // namespace dl::sim::api::detail

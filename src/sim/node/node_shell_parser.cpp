#include "sim/node/node_shell_parser.h"

#include <optional>
#include <set>
#include <string_view>

namespace dl::sim::node::shell {
namespace {

constexpr std::string_view k_unsupported = "unsupported in the simulated node shell: ";

// Words that start a construct outside the subset (keywords) or name a builtin it lacks.
const std::set<std::string> k_refused_words = {
    "if",    "then",     "else",     "elif",    "fi",  "for",  "while", "until",    "do",    "done",   "case",
    "esac",  "function", "select",   "{",       "}",   "!",    "[[",    "[",        "test",  "cd",     "export",
    "set",   "unset",    "read",     "source",  ".",   "eval", "exec",  "local",    "shift", "trap",   "printf",
    "alias", "return",   "readonly", "declare", "let", "time", "break", "continue", "wait",  "ulimit", "umask"};

bool blank(char c) {
  return c == ' ' || c == '\t';
}
bool ends_word(char c) {
  return blank(c) || std::string_view("\n;&|<>()").find(c) != std::string_view::npos;
}
bool name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool name_char(char c) {
  return name_start(c) || (c >= '0' && c <= '9');
}

void add_text(Word& w, std::string_view text) {
  if (w.empty() || w.back().status) w.push_back(Piece{});
  w.back().text += text;
}

class Parser {
 public:
  explicit Parser(const std::string& s) : m_s(s) {}

  std::variant<std::vector<Command>, ParseError> run() {
    while (!m_error && m_i < m_s.size()) step();
    if (!m_error && m_need_command && empty()) fail("syntax error: unexpected end of file");
    if (m_error) return *m_error;
    finish();
    return m_commands;
  }

 private:
  char at(size_t i) const { return i < m_s.size() ? m_s[i] : '\0'; }

  bool fail(std::string message) {
    if (!m_error) m_error = ParseError{std::move(message)};
    return false;
  }
  bool unsupported(std::string_view what) { return fail(std::string(k_unsupported) + std::string(what)); }

  // One token at m_i: a blank, a comment, an operator, a redirection or a word.
  void step() {
    char c = m_s[m_i];
    char next = at(m_i + 1);
    if (blank(c)) {
      ++m_i;
    } else if (c == '\\' && next == '\n') {
      m_i += 2;
    } else if (c == '#') {
      while (m_i < m_s.size() && m_s[m_i] != '\n') ++m_i;
    } else if (c == '\n') {
      ++m_i;
      finish();
    } else if (c == ';') {
      if (empty()) return void(fail("syntax error near unexpected token `;'"));
      ++m_i;
      finish();
    } else if ((c == '&' || c == '|') && next == c) {
      if (empty()) return void(fail(std::string("syntax error near unexpected token `") + c + c + "'"));
      m_i += 2;
      finish();
      m_joint = c == '&' ? Joint::and_then : Joint::or_else;
      m_need_command = true;
    } else if (std::string_view("&|<()").find(c) != std::string_view::npos) {
      unsupported(std::string(1, c));
    } else if (c == '>') {
      redirect(1, m_i);
    } else if (c >= '0' && c <= '9' && next == '>') {
      if (c != '1' && c != '2') return void(unsupported(m_s.substr(m_i, 2)));
      ++m_i;
      redirect(c - '0', m_i - 1);
    } else {
      Word w;
      std::string raw;
      if (!word(w, raw)) return;
      if (m_cur.words.empty() && !check_first_word(raw)) return;
      m_cur.words.push_back(std::move(w));
    }
  }

  bool empty() const { return m_cur.words.empty() && m_cur.redirects.empty(); }

  // Ends the command being read (if any); it joins the one before by m_joint.
  void finish() {
    if (empty()) return;
    m_cur.joint = m_joint;
    m_commands.push_back(std::move(m_cur));
    m_cur = Command{};
    m_joint = Joint::sequence;
    m_need_command = false;
  }

  // `>`, `>>`, `>&N` at m_i for descriptor `fd`; `start`: where the redirection's text begins.
  bool redirect(int fd, size_t start) {
    ++m_i;
    bool append = at(m_i) == '>';
    if (append) ++m_i;
    if (!append && at(m_i) == '&') {
      ++m_i;
      char d = at(m_i);
      if ((d == '1' || d == '2') && (m_i + 1 >= m_s.size() || ends_word(m_s[m_i + 1]))) {
        ++m_i;
        m_cur.redirects.push_back(Redirect{fd, d - '0'});
        return true;
      }
      while (m_i < m_s.size() && !ends_word(m_s[m_i])) ++m_i;
      return unsupported(m_s.substr(start, m_i - start));
    }
    while (blank(at(m_i))) ++m_i;
    if (m_i >= m_s.size() || ends_word(m_s[m_i])) {
      std::string token = m_i >= m_s.size() || m_s[m_i] == '\n' ? "newline" : std::string(1, m_s[m_i]);
      return fail("syntax error near unexpected token `" + token + "'");
    }
    Word target;
    std::string raw;
    if (!word(target, raw)) return false;
    if (target.size() != 1 || target[0].status || target[0].text != "/dev/null")
      return unsupported(m_s.substr(start, m_i - start));
    m_cur.redirects.push_back(Redirect{fd, 0});
    return true;
  }

  // A word at m_i into `out`; `raw`: its source text.
  bool word(Word& out, std::string& raw) {
    size_t start = m_i;
    while (m_i < m_s.size() && !ends_word(m_s[m_i])) {
      char c = m_s[m_i];
      if (c == '\'') {
        size_t close = m_s.find('\'', m_i + 1);
        if (close == std::string::npos) return fail("unexpected EOF while looking for matching `''");
        add_text(out, std::string_view(m_s).substr(m_i + 1, close - m_i - 1));
        m_i = close + 1;
      } else if (c == '"') {
        if (!double_quoted(out)) return false;
      } else if (c == '\\') {
        if (at(m_i + 1) != '\n') add_text(out, std::string_view(m_s).substr(m_i + 1 < m_s.size() ? m_i + 1 : m_i, 1));
        m_i += 2;
      } else if (c == '$') {
        if (!dollar(out, false)) return false;
      } else if (c == '`') {
        return unsupported("`...`");
      } else {
        add_text(out, std::string_view(m_s).substr(m_i++, 1));
      }
    }
    m_i = std::min(m_i, m_s.size());
    raw = m_s.substr(start, m_i - start);
    if (out.empty()) out.push_back(Piece{});
    return true;
  }

  bool double_quoted(Word& out) {
    ++m_i;
    while (m_i < m_s.size() && m_s[m_i] != '"') {
      char c = m_s[m_i];
      char next = at(m_i + 1);
      if (c == '\\' && m_i + 1 < m_s.size() && std::string_view("$`\"\\\n").find(next) != std::string_view::npos) {
        if (next != '\n') add_text(out, std::string(1, next));
        m_i += 2;
      } else if (c == '$') {
        if (!dollar(out, true)) return false;
      } else if (c == '`') {
        return unsupported("`...`");
      } else {
        add_text(out, std::string(1, c));
        ++m_i;
      }
    }
    if (m_i >= m_s.size()) return fail("unexpected EOF while looking for matching `\"'");
    ++m_i;
    if (out.empty()) add_text(out, "");
    return true;
  }

  // `$...` at m_i: `$?` expands; other parameters and substitutions are refused; a lone `$` is text.
  bool dollar(Word& out, bool quoted) {
    char n = at(m_i + 1);
    if (n == '?') {
      out.push_back(Piece{"", true});
      m_i += 2;
      return true;
    }
    if (n == '(') return unsupported("$(...)");
    if (n == '{') return unsupported("${...}");
    if (!quoted && n == '\'') return unsupported("$'...'");
    if (!quoted && n == '"') return unsupported("$\"...\"");
    if (name_start(n)) {
      size_t end = m_i + 1;
      while (end < m_s.size() && name_char(m_s[end])) ++end;
      return unsupported(m_s.substr(m_i, end - m_i));
    }
    if (n != '\0' && std::string_view("0123456789@*#$!-").find(n) != std::string_view::npos)
      return unsupported(m_s.substr(m_i, 2));
    add_text(out, "$");
    ++m_i;
    return true;
  }

  // Keywords, builtins outside the subset and variable assignments in command position.
  bool check_first_word(const std::string& raw) {
    if (k_refused_words.count(raw) > 0) return unsupported(raw);
    size_t eq = raw.find('=');
    if (eq != std::string::npos && eq > 0 && name_start(raw[0])) {
      bool name = true;
      for (size_t i = 0; i < eq; ++i) name = name && name_char(raw[i]);
      if (name) return unsupported("variable assignment " + raw.substr(0, eq + 1));
    }
    return true;
  }

  const std::string& m_s;
  size_t m_i = 0;
  std::vector<Command> m_commands;
  Command m_cur;
  Joint m_joint = Joint::sequence;
  bool m_need_command = false;  ///< after && or ||: a command must follow
  std::optional<ParseError> m_error;
};

}  // namespace

std::variant<std::vector<Command>, ParseError> parse(const std::string& script) {
  return Parser(script).run();
}

}  // namespace dl::sim::node::shell

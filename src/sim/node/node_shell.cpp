#include "sim/node/node_shell.h"

#include <array>
#include <variant>

#include "sim/node/node_shell_parser.h"

namespace dl::sim::node {
namespace {

using shell::Command;
using shell::Joint;

std::string base_name(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

std::string expand(const shell::Word& word, int status) {
  std::string out;
  for (const auto& piece : word) out += piece.status ? std::to_string(status) : piece.text;
  return out;
}

// `echo -e` escapes: \\ \n \t \r \a \v \f \e; \c ends the output (sets `stop`).
std::string unescape(const std::string& s, bool& stop) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    std::string_view from = "\\ntravfe";
    std::string_view to = "\\\n\t\r\a\v\f\x1b";
    size_t k = from.find(c);
    if (c == 'c') {
      stop = true;
      return out;
    }
    if (k != std::string_view::npos) {
      out += to[k];
    } else {
      out += '\\';
      out += c;
    }
  }
  return out;
}

// bash's echo: leading options made of n, e, E letters; the rest joined by spaces.
ExecResult echo(const std::vector<std::string>& argv) {
  bool newline = true;
  bool escapes = false;
  size_t i = 1;
  for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
    if (argv[i].find_first_not_of("neE", 1) != std::string::npos) break;
    for (char f : argv[i].substr(1)) {
      if (f == 'n') newline = false;
      escapes = f == 'e' ? true : f == 'E' ? false : escapes;
    }
  }
  std::string out;
  bool stop = false;
  for (size_t first = i; i < argv.size() && !stop; ++i) {
    if (i > first) out += ' ';
    out += escapes ? unescape(argv[i], stop) : argv[i];
  }
  if (newline && !stop) out += '\n';
  return ExecResult{0, out, ""};
}

// The exit builtin; `exits` is set unless its arguments are wrong the way bash keeps running.
ExecResult exit_builtin(const std::string& shell, const std::vector<std::string>& argv, int status, bool& exits) {
  exits = true;
  if (argv.size() == 1) return ExecResult{status, "", ""};
  const std::string& n = argv[1];
  size_t sign = !n.empty() && (n[0] == '-' || n[0] == '+') ? 1 : 0;
  if (n.size() == sign || n.size() > 18 || n.find_first_not_of("0123456789", sign) != std::string::npos)
    return ExecResult{2, "", shell + ": exit: " + n + ": numeric argument required\n"};
  if (argv.size() > 2) {
    exits = false;
    return ExecResult{1, "", shell + ": exit: too many arguments\n"};
  }
  long long code = std::stoll(n);
  return ExecResult{static_cast<int>(((code % 256) + 256) % 256), "", ""};
}

ExecResult run_command(const std::string& shell, const std::vector<std::string>& argv, int status,
                       const CommandRunner& run, bool& exits) {
  if (argv.empty()) return ExecResult{};
  std::string program = base_name(argv[0]);
  if (program == "echo") return echo(argv);
  if (program == "true") return ExecResult{};
  if (program == "false") return ExecResult{1, "", ""};
  if (argv[0] == "exit") return exit_builtin(shell, argv, status, exits);
  return run(argv);
}

// Where a command's two streams go after its redirections: the script's stdout, stderr, or nowhere.
enum class Sink { out, err, null };

void route(const ExecResult& r, const std::vector<shell::Redirect>& redirects, ExecResult& total) {
  std::array<Sink, 3> fds = {Sink::null, Sink::out, Sink::err};
  for (const auto& rd : redirects)
    fds[static_cast<size_t>(rd.fd)] = rd.dup == 0 ? Sink::null : fds[static_cast<size_t>(rd.dup)];
  auto put = [&](Sink s, const std::string& text) {
    if (s == Sink::out) total.out += text;
    if (s == Sink::err) total.err += text;
  };
  put(fds[1], r.out);
  put(fds[2], r.err);
}

}  // namespace

bool is_shell(const std::string& program) {
  std::string base = base_name(program);
  return base == "sh" || base == "bash";
}

ExecResult run_shell_script(const std::string& shell, const std::string& script, const CommandRunner& run) {
  auto parsed = shell::parse(script);
  if (const auto* e = std::get_if<shell::ParseError>(&parsed))
    return ExecResult{2, "", shell + ": " + e->message + "\n"};
  ExecResult total;
  int status = 0;
  for (const Command& cmd : std::get<std::vector<Command>>(parsed)) {
    if ((cmd.joint == Joint::and_then && status != 0) || (cmd.joint == Joint::or_else && status == 0)) continue;
    std::vector<std::string> argv;
    for (const auto& w : cmd.words) argv.push_back(expand(w, status));
    bool exits = false;
    ExecResult r = run_command(shell, argv, status, run, exits);
    route(r, cmd.redirects, total);
    status = r.exit_code;
    if (exits) break;
  }
  total.exit_code = status;
  return total;
}

ExecResult run_shell(const std::vector<std::string>& argv, const CommandRunner& run) {
  std::string shell = base_name(argv.empty() ? "sh" : argv[0]);
  size_t i = 1;
  bool command = false;
  for (; i < argv.size() && !command && argv[i].size() > 1 && argv[i][0] == '-'; ++i) {
    for (char f : argv[i].substr(1)) {
      if (f == 'c') {
        command = true;
      } else if (f != 'l') {
        return ExecResult{2, "", shell + ": unsupported in the simulated node shell: -" + std::string(1, f) + "\n"};
      }
    }
  }
  if (!command) {
    if (i < argv.size()) return ExecResult{127, "", shell + ": " + argv[i] + ": No such file or directory\n"};
    return ExecResult{};  // an interactive shell on an empty stdin
  }
  if (i >= argv.size()) return ExecResult{2, "", shell + ": -c: option requires an argument\n"};
  return run_shell_script(shell, argv[i], run);
}

}  // namespace dl::sim::node

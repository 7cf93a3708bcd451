// The parser of the simulated node shell (node_shell.h has the grammar): a script becomes a list
// of simple commands joined by ';', '&&' or '||', or a message saying why it cannot run.
#pragma once

#include <string>
#include <variant>
#include <vector>

namespace dl::sim::node::shell {

/// A part of a word: literal text, or the `$?` expansion.
struct Piece {
  std::string text;
  bool status = false;  ///< true: `$?` (text unused)
};
using Word = std::vector<Piece>;

/// `FD>&DUP` (dup 1 or 2) or `FD>/dev/null` (dup 0).
struct Redirect {
  int fd = 1;
  int dup = 0;
};

/// How a command is joined to the one before it.
enum class Joint { sequence, and_then, or_else };

struct Command {
  Joint joint = Joint::sequence;
  std::vector<Word> words;
  std::vector<Redirect> redirects;
};

/// Why a script cannot run: the message after "SHELL: " (e.g. "unsupported in the simulated
/// node shell: |" or "syntax error near unexpected token `;'"). Exit code 2.
struct ParseError {
  std::string message;
};

/// The commands of `script`, or why it cannot run.
std::variant<std::vector<Command>, ParseError> parse(const std::string& script);

}  // namespace dl::sim::node::shell

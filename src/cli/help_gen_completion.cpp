// Shell completion scripts (bash, zsh) from a ProgramDoc. Pools, nodes and contexts are asked of
// the binary being completed: `<program> __complete KIND [--kubeconfig K] [--context C]`.
#include <sstream>

#include "cli/help_gen.h"

namespace dl::cli {
namespace {

std::string joined(const std::vector<std::string>& words, const std::string& sep = " ") {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : sep) + w;
  return out;
}

const char* kind_word(ValueKind k) {
  switch (k) {
    case ValueKind::pools: return "pools";
    case ValueKind::nodes: return "nodes";
    case ValueKind::contexts: return "contexts";
    default: return "";
  }
}

// --- bash ------------------------------------------------------------------------------------

const char* k_bash_helpers = R"(__doca_layer_reply() { mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur"); }
__doca_layer_files() { compopt -o filenames 2>/dev/null || true; mapfile -t COMPREPLY < <(compgen $1 -- "$cur"); }
# Names from the cluster (or the kubeconfig): the binary being completed, asked with the line's
# --kubeconfig and --context; it prints nothing on any error and gives up after about 2 s.
__doca_layer_names() {
  local args=() i w
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case $w in
      --kubeconfig | --context)
        [[ ${COMP_WORDS[i + 1]} == "=" ]] && ((i++))
        if ((i + 1 < COMP_CWORD)); then args+=("$w" "${COMP_WORDS[i + 1]/#\~/$HOME}"); fi ;;
    esac
  done
  "${COMP_WORDS[0]/#\~/$HOME}" __complete "$1" "${args[@]}" 2>/dev/null </dev/null || true
}
)";

/// The `case $prev` arms of one command: what each value-taking flag's value completes to.
std::string bash_value_arms(const std::vector<FlagDoc>& flags) {
  std::ostringstream out;
  std::vector<std::string> free_text;
  for (const auto& f : flags) {
    if (f.value == ValueKind::none || f.optional_value) continue;
    if (f.value == ValueKind::text) {
      free_text.insert(free_text.end(), f.names.begin(), f.names.end());
      continue;
    }
    out << "        " << joined(f.names, " | ") << ") ";
    switch (f.value) {
      case ValueKind::file: out << "__doca_layer_files -f"; break;
      case ValueKind::dir: out << "__doca_layer_files -d"; break;
      case ValueKind::choice: out << "__doca_layer_reply \"" << joined(f.choices) << "\""; break;
      default: out << "__doca_layer_reply \"$(__doca_layer_names " << kind_word(f.value) << ")\""; break;
    }
    out << "; return 0 ;;\n";
  }
  if (!free_text.empty()) out << "        " << joined(free_text, " | ") << ") return 0 ;;  # free text\n";
  return out.str();
}

std::vector<std::string> all_names(const std::vector<FlagDoc>& flags) {
  std::vector<std::string> out;
  for (const auto& f : flags) out.insert(out.end(), f.names.begin(), f.names.end());
  return out;
}

// --- zsh -------------------------------------------------------------------------------------

/// `s` inside a single-quoted _arguments spec's [description].
std::string zsh_desc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else if (c == '[' || c == ']') out += std::string("\\") + c;
    else out += c;
  }
  return out;
}

std::string zsh_action(const FlagDoc& f) {
  switch (f.value) {
    case ValueKind::file: return "_files";
    case ValueKind::dir: return "_files -/";
    case ValueKind::choice: return "(" + joined(f.choices) + ")";
    case ValueKind::pools:
    case ValueKind::nodes:
    case ValueKind::contexts: return std::string("__doca-layer_names ") + kind_word(f.value);
    default: return " ";
  }
}

/// One _arguments spec: '(-f --file)'{-f,--file}'[Layer spec]:FILE:_files'.
std::string zsh_spec(const FlagDoc& f) {
  std::string tail = "[" + zsh_desc(f.description) + "]";
  if (f.value != ValueKind::none && !f.optional_value) {
    std::string message = f.value_name.empty() ? "value" : f.value_name;
    tail += ":" + message + ":" + zsh_action(f);
  }
  std::string out = f.repeatable ? "'*'" : f.names.size() > 1 ? "'(" + joined(f.names) + ")'" : "";
  if (f.names.size() > 1) {
    out += "{";
    for (std::size_t i = 0; i < f.names.size(); ++i) out += (i ? "," : "") + f.names[i];
    out += "}'" + tail + "'";
  } else {
    out += "'" + f.names.front() + tail + "'";
  }
  return out;
}

}  // namespace

std::string bash_completion(const ProgramDoc& p) {
  std::ostringstream out;
  out << "# bash completion for " << p.name << " " << p.version << " (`" << p.name
      << " completion bash`); also completes kubectl-doca_layer.\n"
      << k_bash_helpers << "_doca_layer() {\n"
      << "  local cur=${COMP_WORDS[COMP_CWORD]} prev=\"\" cmd=\"\" i\n"
      << "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
      << "  if [[ $cur == \"=\" ]]; then cur=\"\"; elif [[ $prev == \"=\" ]] && ((COMP_CWORD > 1)); then "
         "prev=${COMP_WORDS[COMP_CWORD - 2]}; fi\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    case ${COMP_WORDS[i]} in -* | =) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac\n"
      << "  done\n  COMPREPLY=()\n  case $cmd in\n";
  std::vector<std::string> top;
  for (const auto& c : p.commands) top.push_back(c.name);
  auto root_flags = all_names(p.flags);
  top.insert(top.end(), root_flags.begin(), root_flags.end());
  out << "    \"\") __doca_layer_reply \"" << joined(top) << "\" ;;\n";
  for (const auto& c : p.commands) {
    out << "    " << c.name << ")\n      case $prev in\n" << bash_value_arms(c.flags) << "      esac\n";
    for (const auto& pos : c.positionals)
      if (!pos.choices.empty())
        out << "      if [[ $cur != -* ]]; then __doca_layer_reply \"" << joined(pos.choices) << "\"; return 0; fi\n";
    out << "      __doca_layer_reply \"" << joined(all_names(c.flags)) << "\" ;;\n";
  }
  out << "  esac\n  return 0\n}\ncomplete -F _doca_layer doca-layer kubectl-doca_layer\n";
  return out.str();
}

std::string zsh_completion(const ProgramDoc& p) {
  std::ostringstream out;
  out << "#compdef doca-layer kubectl-doca_layer\n# zsh completion for " << p.name << " " << p.version << " (`"
      << p.name << " completion zsh`).\n\n"
      << "# Names from the cluster (or the kubeconfig), asked of the binary being completed with the\n"
      << "# line's --kubeconfig and --context; nothing on any error, within about 2 s.\n"
      << "__doca-layer_names() {\n  local -a args names\n  local i\n"
      << "  for (( i = 1; i < CURRENT; i++ )); do\n    case ${words[i]} in\n"
      << "      --kubeconfig|--context) (( i + 1 < CURRENT )) && args+=(${words[i]} ${words[i+1]/#\\~/$HOME}) ;;\n"
      << "      --kubeconfig=*|--context=*) args+=(${words[i]}) ;;\n    esac\n  done\n"
      << "  names=(${(f)\"$(${_doca_layer_prog/#\\~/$HOME} __complete $1 $args 2>/dev/null </dev/null)\"})\n"
      << "  compadd -a names\n}\n\n"
      << "_doca-layer() {\n  local curcontext=$curcontext state line _doca_layer_prog=${words[1]}\n"
      << "  typeset -A opt_args\n  _arguments -C \\\n";
  for (const auto& f : p.flags) out << "    " << zsh_spec(f) << " \\\n";
  out << "    '1: :->command' \\\n    '*:: :->args' && return 0\n  case $state in\n    command)\n"
      << "      local -a commands\n      commands=(\n";
  for (const auto& c : p.commands) out << "        '" << c.name << ":" << zsh_desc(c.summary) << "'\n";
  out << "      )\n      _describe -t commands '" << p.name << " command' commands ;;\n"
      << "    args)\n      case $words[1] in\n";
  for (const auto& c : p.commands) {
    out << "        " << c.name << ")\n          _arguments \\\n";
    for (const auto& pos : c.positionals)
      out << "            '1:" << pos.names.front() << ":"
          << (pos.choices.empty() ? "_files" : "(" + joined(pos.choices) + ")") << "' \\\n";
    for (const auto& f : c.flags) out << "            " << zsh_spec(f) << " \\\n";
    out << "            ;;\n";
  }
  out << "      esac ;;\n  esac\n}\n\n"
      << "if [[ $funcstack[1] == _doca-layer ]]; then\n  _doca-layer \"$@\"\nelse\n"
      << "  compdef _doca-layer doca-layer kubectl-doca_layer\nfi\n";
  return out.str();
}

}  // namespace dl::cli

#include "cli/plugin_complete.h"

namespace dl::cli {
namespace {

constexpr int k_no_file = 4;  // Cobra's ShellCompDirectiveNoFileComp
constexpr int k_default = 0;  // ShellCompDirectiveDefault: the shell completes files

const FlagDoc* find_flag(const std::vector<FlagDoc>& flags, const std::string& word) {
  for (const auto& f : flags)
    for (const auto& n : f.names)
      if (n == word) return &f;
  return nullptr;
}

std::string answer(const std::vector<std::string>& candidates, const std::string& prefix, int directive) {
  std::string out;
  for (const auto& c : candidates)
    if (c.rfind(prefix, 0) == 0) out += c + "\n";
  return out + ":" + std::to_string(directive) + "\n";
}

// The candidates for a value of `flag` (or a positional).
std::string value_answer(const FlagDoc& flag, const std::string& prefix, const NameSource& names) {
  switch (flag.value) {
    case ValueKind::file:
    case ValueKind::dir:
      return answer({}, prefix, k_default);
    case ValueKind::choice:
      return answer(flag.choices, prefix, k_no_file);
    case ValueKind::pools:
    case ValueKind::nodes:
    case ValueKind::contexts:
      return answer(names ? names(flag.value) : std::vector<std::string>{}, prefix, k_no_file);
    default:
      return answer({}, prefix, k_no_file);
  }
}

}  // namespace

std::string plugin_completions(const ProgramDoc& program, const std::vector<std::string>& words,
                               const NameSource& names) {
  const std::string current = words.empty() ? "" : words.back();
  const CommandDoc* command = nullptr;
  size_t positional = 0;  // positionals typed before the current word
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& w = words[i];
    if (!command) {
      for (const auto& c : program.commands)
        if (c.name == w) command = &c;
      continue;
    }
    if (w.rfind("-", 0) == 0) {
      const FlagDoc* f = find_flag(command->flags, w);
      if (f && f->value != ValueKind::none && !f->optional_value) ++i;  // skip its value
      continue;
    }
    ++positional;
  }
  if (!command) {
    std::vector<std::string> all;
    for (const auto& c : program.commands) all.push_back(c.name);
    if (current.rfind("-", 0) == 0)
      for (const auto& f : program.flags) all.insert(all.end(), f.names.begin(), f.names.end());
    return answer(all, current, k_no_file);
  }
  if (words.size() >= 2) {
    const FlagDoc* f = find_flag(command->flags, words[words.size() - 2]);
    if (f && f->value != ValueKind::none && !f->optional_value) return value_answer(*f, current, names);
  }
  if (current.rfind("-", 0) == 0) {
    std::vector<std::string> all;
    for (const auto& f : command->flags) all.insert(all.end(), f.names.begin(), f.names.end());
    return answer(all, current, k_no_file);
  }
  if (positional < command->positionals.size()) return value_answer(command->positionals[positional], current, names);
  return answer({}, current, k_no_file);
}

bool is_plugin_completer(const std::string& argv0) {
  return argv0.substr(argv0.rfind('/') + 1) == "kubectl_complete-doca_layer";
}

}  // namespace dl::cli

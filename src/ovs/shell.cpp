#include "ovs/shell.h"

#include <cctype>
#include <map>
#include <optional>

#include "util/strings.h"

namespace dl::ovs {
namespace {

constexpr std::string_view k_begin = "@@begin ";
constexpr std::string_view k_end = "@@end ";

util::Error bad_log(size_t line, const std::string& message) {
  return util::make_error(util::ErrorKind::invalid_input, "log line " + std::to_string(line) + ": " + message);
}

/// The exit code when `line` ends in "@@end N" (the marker may follow output that had no final
/// newline); `before` gets the text in front of the marker.
std::optional<int> end_marker(std::string_view line, std::string_view& before) {
  size_t at = line.rfind(k_end);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view code = line.substr(at + k_end.size());
  if (code.empty() || code.size() > 3) return std::nullopt;
  for (char c : code) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  before = line.substr(0, at);
  return std::stoi(std::string(code));
}

}  // namespace

std::string shell_quote(std::string_view word) {
  bool plain = !word.empty();
  for (char c : word) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) ||
                      std::string_view("_-./:=,+@%").find(c) != std::string_view::npos);
  }
  if (plain) return std::string(word);
  return "'" + util::replace_all(std::string(word), "'", "'\\''") + "'";
}

std::string shell_join(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& word : argv) out += (out.empty() ? "" : " ") + shell_quote(word);
  return out;
}

std::string section_line(std::string_view name, std::string_view command_line) {
  return "echo " + shell_quote(std::string(k_begin) + std::string(name)) + "; " + std::string(command_line) +
         " 2>&1; echo \"" + std::string(k_end) + "$?\"\n";
}

std::string format_section(std::string_view name, std::string_view output, int exit_code) {
  std::string out = std::string(k_begin) + std::string(name) + "\n" + std::string(output);
  return out + std::string(k_end) + std::to_string(exit_code) + "\n";
}

util::Result<std::vector<Section>> parse_sections(std::string_view log) {
  std::vector<Section> sections;
  std::map<std::string, size_t> seen;  // name -> line it began on
  std::optional<Section> open;
  size_t open_line = 0;
  auto lines = util::split(log, '\n');
  if (!log.empty() && log.back() == '\n') lines.pop_back();
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    size_t number = i + 1;
    if (line.substr(0, k_begin.size()) == k_begin) {
      if (open)
        return bad_log(number, "section '" + open->name + "' (line " + std::to_string(open_line) +
                                   ") has no end before the next begins");
      std::string name(line.substr(k_begin.size()));
      if (seen.count(name)) return bad_log(number, "section '" + name + "' appears twice");
      seen[name] = number;
      open = Section{name, 0, {}};
      open_line = number;
      continue;
    }
    std::string_view before;
    std::optional<int> code = end_marker(line, before);
    if (!code) {
      if (open) open->lines.emplace_back(line);
      continue;
    }
    if (!open) return bad_log(number, "an end marker without a section");
    if (!before.empty()) open->lines.emplace_back(before);
    open->exit_code = *code;
    sections.push_back(std::move(*open));
    open.reset();
  }
  if (open) {
    return bad_log(open_line, "section '" + open->name + "' never ends: the log is truncated");
  }
  return sections;
}

}  // namespace dl::ovs

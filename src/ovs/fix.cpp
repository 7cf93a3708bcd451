#include "ovs/fix.h"

#include "ovs/datum.h"
#include "ovs/shell.h"
#include "util/strings.h"

namespace dl::ovs {

std::vector<std::vector<std::string>> fix_commands(const Expectation& e) {
  std::vector<std::vector<std::string>> commands;
  std::vector<std::string> set = {"ovs-vsctl", "--timeout=30", "--no-wait", "set", "Open_vSwitch", "."};
  for (const auto& [key, value] : wanted_other_config(e)) {
    set.push_back("other_config:" + vsctl_string_arg(key) + "=" + vsctl_string_arg(value));
  }
  if (set.size() > 6) commands.push_back(std::move(set));
  commands.push_back({"systemctl", "restart", "openvswitch"});
  return commands;
}

std::string fix_script(const Expectation& e) {
  std::vector<std::string> lines;
  for (const auto& argv : fix_commands(e)) lines.push_back(shell_join(argv));
  // Each command's stderr joins stdout; section_line adds the last command's 2>&1.
  return section_line(k_fix_section, util::join(lines, " 2>&1 && "));
}

util::Status parse_fix_log(std::string_view log) {
  auto sections = parse_sections(log);
  if (!sections.ok()) return sections.error();
  for (const auto& s : *sections) {
    if (s.name != k_fix_section) continue;
    if (s.exit_code == 0) return util::ok_status();
    std::string output = util::trim(util::join(s.lines, "\n"));
    return util::make_error(util::ErrorKind::internal, "the fix failed (exit code " + std::to_string(s.exit_code) +
                                                           ")" + (output.empty() ? "" : ": " + output));
  }
  return util::make_error(util::ErrorKind::invalid_input,
                          "the log has no '" + std::string(k_fix_section) + "' section: the fix script did not run");
}

}  // namespace dl::ovs

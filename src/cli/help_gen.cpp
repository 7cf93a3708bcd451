// The parser tree as data (describe_app) and the man pages (roff, man(7) macros).
#include "cli/help_gen.h"

#include <cctype>
#include <map>
#include <sstream>

#include "cli/command.h"

namespace dl::cli {
namespace {

/// Flags whose values name things: completed from files, directories or the cluster.
ValueKind kind_by_name(const std::string& long_name) {
  static const std::map<std::string, ValueKind> k_kinds = {
      {"file", ValueKind::file},          {"kubeconfig", ValueKind::file}, {"installed-from", ValueKind::file},
      {"kubeconfig-out", ValueKind::file}, {"dir", ValueKind::dir},         {"cache-dir", ValueKind::dir},
      {"pool", ValueKind::pools},          {"node", ValueKind::nodes},      {"context", ValueKind::contexts}};
  auto it = k_kinds.find(long_name);
  return it == k_kinds.end() ? ValueKind::text : it->second;
}

/// "{a,b}" in CLI11's type name (IsMember's description) as a list; empty when there is none.
std::vector<std::string> choices_of(const std::string& type_name) {
  auto open = type_name.find('{');
  auto close = type_name.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> out;
  std::istringstream items(type_name.substr(open + 1, close - open - 1));
  for (std::string item; std::getline(items, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

FlagDoc describe_option(const CLI::Option& o) {
  FlagDoc f;
  if (o.get_positional() && o.get_lnames().empty() && o.get_snames().empty()) {
    f.names.push_back(o.get_name(true, false));
  }
  for (const auto& s : o.get_snames()) f.names.push_back("-" + s);
  for (const auto& l : o.get_lnames()) f.names.push_back("--" + l);
  f.description = o.get_description();
  f.default_value = o.get_default_str();
  f.repeatable = o.get_expected_max() > 1;
  if (o.get_type_size_max() == 0) return f;  // a flag
  f.optional_value = o.get_expected_min() == 0;
  std::string type = o.get_type_name();
  f.value_name = type.substr(0, type.find(':'));
  f.choices = choices_of(type);
  f.value = !f.choices.empty() ? ValueKind::choice
            : o.get_lnames().empty() ? ValueKind::text
                                     : kind_by_name(o.get_lnames().front());
  if (f.value == ValueKind::file) f.value_name = "FILE";
  if (f.value == ValueKind::dir) f.value_name = "DIR";
  return f;
}

/// Text for roff: backslashes and minus signs escaped, a leading control character neutralised.
std::string esc(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string header(const ProgramDoc& p, const std::string& title, const std::string& summary) {
  std::ostringstream out;
  out << ".TH " << esc(upper(title)) << " 1 \"\" \"" << esc(p.name + " " + p.version) << "\" \"User Commands\"\n.nh\n.ad l\n"
      << ".SH NAME\n" << esc(title) << " \\- " << esc(summary) << "\n";
  return out.str();
}

std::string exit_status() {
  struct Row {
    int code;
    const char* meaning;
  };
  const Row rows[] = {{k_exit_ok, "Success."},
                      {k_exit_failure,
                       "Failure: the command was valid but could not do its job (a check, write, build, rollout, "
                       "verify or wait failed)."},
                      {k_exit_usage, "Usage or validation error: unknown command or flag, bad value, invalid spec."}};
  std::ostringstream out;
  out << ".SH EXIT STATUS\n";
  for (const auto& r : rows) out << ".TP\n.B " << r.code << "\n" << esc(r.meaning) << "\n";
  return out.str();
}

std::string flag_item(const FlagDoc& f) {
  std::ostringstream out;
  out << ".TP\n";
  for (std::size_t i = 0; i < f.names.size(); ++i) out << (i ? ", " : "") << "\\fB" << esc(f.names[i]) << "\\fR";
  if (!f.value_name.empty()) {
    std::string v = "\\fI" + esc(f.value_name) + "\\fR";
    out << (f.optional_value ? "[=" + v + "]" : " " + v);
  }
  out << "\n" << esc(f.description);
  if (!f.description.empty() && f.description.back() != '.') out << ".";
  if (!f.choices.empty()) {
    out << " One of:";
    for (std::size_t i = 0; i < f.choices.size(); ++i) out << (i ? ", " : " ") << "\\fB" << esc(f.choices[i]) << "\\fR";
    out << ".";
  }
  if (!f.default_value.empty()) out << " Default: \\fB" << esc(f.default_value) << "\\fR.";
  if (f.repeatable) out << " Repeatable.";
  out << "\n";
  return out.str();
}

}  // namespace

ProgramDoc describe_app(const CLI::App& app, const std::string& version) {
  ProgramDoc p;
  p.name = "doca-layer";
  p.summary = app.get_description();
  if (p.summary.rfind(p.name + ": ", 0) == 0) p.summary = p.summary.substr(p.name.size() + 2);
  p.version = version;
  auto visible = [](const CLI::Option* o) { return !o->get_group().empty(); };
  for (const auto* o : app.get_options(visible)) p.flags.push_back(describe_option(*o));
  for (const auto* sub : app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    CommandDoc c{sub->get_name(), sub->get_description(), {}, {}};
    for (const auto* o : sub->get_options(visible)) {
      FlagDoc f = describe_option(*o);
      bool positional = o->get_lnames().empty() && o->get_snames().empty();
      if (positional) f.value_name.clear();
      (positional ? c.positionals : c.flags).push_back(std::move(f));
    }
    p.commands.push_back(std::move(c));
  }
  return p;
}

std::string man_file_name(const ProgramDoc& program, const std::string& command) {
  return program.name + (command.empty() ? "" : "-" + command) + ".1";
}

std::string man_overview(const ProgramDoc& p) {
  std::ostringstream out;
  out << header(p, p.name, p.summary) << ".SH SYNOPSIS\n.B " << esc(p.name) << "\n.I command\n.RI [ flags ]\n"
      << ".br\n.B kubectl doca\\-layer\n.I command\n.RI [ flags ]\n"
      << ".SH DESCRIPTION\n" << esc(p.summary) << ".\n"
      << ".PP\nInstalled as \\fBkubectl\\-doca_layer\\fR (or \\fBoc\\-doca_layer\\fR) on the PATH it runs as a "
      << "kubectl (oc) plugin. Every command takes \\fB\\-\\-help\\fR.\n"
      << ".SH COMMANDS\n";
  for (const auto& c : p.commands)
    out << ".TP\n.B " << esc(c.name) << "\n" << esc(c.summary) << ". See \\fB" << esc(p.name + "-" + c.name)
        << "\\fR(1).\n";
  out << ".SH OPTIONS\n";
  for (const auto& f : p.flags) out << flag_item(f);
  out << ".SH ENVIRONMENT\n.TP\n.B KUBECONFIG\nColon\\-separated kubeconfig files, merged as kubectl does, when "
      << "\\fB\\-\\-kubeconfig\\fR is not given (else \\fI~/.kube/config\\fR, then the in\\-cluster service account).\n"
      << ".TP\n.B NO_COLOR\nTurns colour off.\n"
      << exit_status() << ".SH SEE ALSO\n";
  for (const auto& c : p.commands) out << ".BR " << esc(p.name + "-" + c.name) << " (1),\n";
  out << ".BR kubectl (1)\n";
  return out.str();
}

std::string man_command_page(const ProgramDoc& p, const CommandDoc& c) {
  std::ostringstream out;
  out << header(p, p.name + "-" + c.name, c.summary) << ".SH SYNOPSIS\n.B " << esc(p.name + " " + c.name) << "\n";
  for (const auto& pos : c.positionals) out << ".I " << esc(pos.names.front()) << "\n";
  out << ".RI [ flags ]\n.SH DESCRIPTION\n" << esc(c.summary) << ".\n";
  if (!c.positionals.empty()) {
    out << ".SH ARGUMENTS\n";
    for (const auto& pos : c.positionals) out << flag_item(pos);
  }
  out << ".SH OPTIONS\n";
  for (const auto& f : c.flags) out << flag_item(f);
  out << exit_status() << ".SH SEE ALSO\n.BR " << esc(p.name) << " (1)\n";
  return out.str();
}

}  // namespace dl::cli

#include <iostream>

#include "cli/command.h"
#include "util/strings.h"

namespace dl::cli {

std::vector<Command> commands() {
  return {init_command(),     validate_command(), render_command(), packages_command(), preflight_command(),
          apply_command(),    status_command(),   logs_command(),   verify_command(),   rollback_command(),
          sim_command(),      demo_command(),     version_command()};
}

namespace {

int unknown_command(const std::string& word) {
  std::vector<std::string> names;
  for (const auto& c : commands()) names.emplace_back(c.name);
  std::cerr << "doca-layer: unknown command \"" << word << "\"";
  if (auto guess = util::did_you_mean(word, names)) std::cerr << " (did you mean \"" << *guess << "\"?)";
  std::cerr << "\nRun 'doca-layer --help' for the list of commands.\n";
  return k_exit_usage;
}

}  // namespace

int run(int argc, const char* const* argv) {
  CLI::App app{"doca-layer: NVIDIA OVS-DOCA on OpenShift nodes through on-cluster image layering", "doca-layer"};
  app.require_subcommand(1);
  app.fallthrough(false);
  std::function<int()> chosen;
  for (const auto& c : commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    auto runner = c.setup(*sub);
    sub->callback([&chosen, runner] { chosen = runner; });
  }
  if (argc >= 2 && argv[1][0] != '-') {
    bool known = false;
    for (const auto& c : commands()) known = known || argv[1] == std::string(c.name);
    if (!known) return unknown_command(argv[1]);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return k_exit_usage;
  }
  return chosen ? chosen() : k_exit_usage;
}

}  // namespace dl::cli

#include <iostream>

#include "cli/command.h"
#include "cli/plugin_complete.h"
#include "util/strings.h"

namespace dl::cli {

std::vector<Command> commands() {
  return {init_command(),     validate_command(), render_command(),     packages_command(), preflight_command(),
          apply_command(),    status_command(),   logs_command(),       verify_command(),   rollback_command(),
          sim_command(),      demo_command(),     version_command(),    completion_command(), complete_command(),
          man_command()};
}

namespace {

int unknown_command(const std::string& program, const std::string& word) {
  std::vector<std::string> names;
  for (const auto& c : commands())
    if (!c.hidden) names.emplace_back(c.name);
  std::cerr << program << ": unknown command \"" << word << "\"";
  if (auto guess = util::did_you_mean(word, names)) std::cerr << " (did you mean \"" << *guess << "\"?)";
  std::cerr << "\nRun '" << program << " --help' for the list of commands.\n";
  return k_exit_usage;
}

}  // namespace

std::string program_name(const std::string& argv0) {
  std::string base = argv0.substr(argv0.rfind('/') + 1);
  if (base == "kubectl-doca_layer") return "kubectl doca-layer";
  if (base == "oc-doca_layer") return "oc doca-layer";
  return "doca-layer";
}

std::unique_ptr<CLI::App> build_app(const std::string& program, const std::shared_ptr<std::function<int()>>& chosen) {
  auto app = std::make_unique<CLI::App>(
      "doca-layer: NVIDIA OVS-DOCA on OpenShift nodes through on-cluster image layering", program);
  app->require_subcommand(1);
  app->fallthrough(false);
  for (const auto& c : commands()) {
    CLI::App* sub = app->add_subcommand(c.name, c.summary);
    auto runner = c.setup(*sub);
    if (c.hidden) sub->group("");
    if (chosen) sub->callback([chosen, runner] { *chosen = runner; });
  }
  return app;
}

int run(int argc, const char* const* argv) {
  if (argc > 0 && is_plugin_completer(argv[0]))
    return run_plugin_completion(*build_app("kubectl doca-layer", nullptr), {argv + 1, argv + argc});
  const std::string program = program_name(argc > 0 ? argv[0] : "");
  auto chosen = std::make_shared<std::function<int()>>();
  auto app = build_app(program, chosen);
  if (argc >= 2 && argv[1][0] != '-') {
    bool known = false;
    for (const auto& c : commands()) known = known || argv[1] == std::string(c.name);
    if (!known) return unknown_command(program, argv[1]);
  }
  try {
    app->parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app->exit(e);
  } catch (const CLI::Success& e) {
    return app->exit(e);
  } catch (const CLI::ParseError& e) {
    app->exit(e);
    return k_exit_usage;
  }
  return *chosen ? (*chosen)() : k_exit_usage;
}

}  // namespace dl::cli

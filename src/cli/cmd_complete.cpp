// Hidden: doca-layer __complete pools|nodes|contexts [--kubeconfig K] [--context C]. One name a
// line for the completion scripts; on any error nothing, exit 0, within about 2 s, never a prompt.
#include <iostream>

#include "cli/command.h"
#include "cli/plugin_complete.h"
#include "workflow/names.h"

namespace dl::cli {
namespace {

constexpr std::chrono::milliseconds k_budget{1500};  ///< connect, then the one request

struct Options {
  std::string kind;
  workflow::ConnectOptions connect;
};

int run_complete(const Options& o) {
  auto kind = o.kind == "pools" ? workflow::NameKind::pools
              : o.kind == "nodes" ? workflow::NameKind::nodes
                                  : workflow::NameKind::contexts;
  auto names = workflow::list_names(kind, o.connect, k_budget);
  if (names)
    for (const auto& n : *names) std::cout << n << "\n";
  return k_exit_ok;
}

}  // namespace

int run_plugin_completion(const CLI::App& root, const std::vector<std::string>& words) {
  workflow::ConnectOptions connect;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "--kubeconfig") connect.kubeconfig = words[i + 1];
    if (words[i] == "--context") connect.context = words[i + 1];
  }
  NameSource names = [&connect](ValueKind k) {
    auto kind = k == ValueKind::pools   ? workflow::NameKind::pools
                : k == ValueKind::nodes ? workflow::NameKind::nodes
                                        : workflow::NameKind::contexts;
    auto listed = workflow::list_names(kind, connect, k_budget);
    return listed ? *listed : std::vector<std::string>{};
  };
  std::cout << plugin_completions(describe_app(root, DOCA_LAYER_VERSION), words, names);
  return k_exit_ok;
}

Command complete_command() {
  return {"__complete", "Print names for shell completion: pools, nodes or contexts (one a line)",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            sub.add_option("kind", o->kind, "pools, nodes or contexts")
                ->required()
                ->check(CLI::IsMember({"pools", "nodes", "contexts"}));
            sub.add_option("--kubeconfig", o->connect.kubeconfig, "Path to the kubeconfig");
            sub.add_option("--context", o->connect.context, "The kubeconfig context to use");
            sub.allow_extras();  // the rest of a half-typed command line does not matter here
            return [o] { return run_complete(*o); };
          },
          true};
}

}  // namespace dl::cli

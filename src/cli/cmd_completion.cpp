// doca-layer completion bash|zsh, and the hidden __man DIR: both print or write text generated
// from the parser tree this subcommand hangs on (help_gen.h).
#include <iostream>

#include "cli/command.h"
#include "cli/help_gen.h"
#include "util/files.h"

namespace dl::cli {
namespace {

int write_man_pages(const CLI::App& root, const std::string& dir) {
  ProgramDoc doc = describe_app(root, DOCA_LAYER_VERSION);
  std::vector<std::pair<std::string, std::string>> pages{{man_file_name(doc, ""), man_overview(doc)}};
  for (const auto& c : doc.commands) pages.emplace_back(man_file_name(doc, c.name), man_command_page(doc, c));
  if (auto st = util::make_dirs(dir); !st) {
    std::cerr << "doca-layer: " << st.error().message << "\n";
    return k_exit_failure;
  }
  for (const auto& [name, text] : pages) {
    if (auto st = util::write_file_atomic(dir + "/" + name, text, util::FileMode::public_0644); !st) {
      std::cerr << "doca-layer: " << st.error().message << "\n";
      return k_exit_failure;
    }
  }
  return k_exit_ok;
}

}  // namespace

Command completion_command() {
  return {"completion", "Print a shell completion script: bash or zsh",
          [](CLI::App& sub) -> std::function<int()> {
            auto shell = std::make_shared<std::string>();
            sub.add_option("shell", *shell, "The shell: bash or zsh")->required()->check(CLI::IsMember({"bash", "zsh"}));
            sub.footer("bash: source <(doca-layer completion bash)\n"
                       "zsh:  doca-layer completion zsh > \"${fpath[1]}/_doca-layer\" (or source it after compinit)");
            const CLI::App* root = sub.get_parent();
            return [shell, root] {
              ProgramDoc doc = describe_app(*root, DOCA_LAYER_VERSION);
              std::cout << (*shell == "bash" ? bash_completion(doc) : zsh_completion(doc));
              return int{k_exit_ok};
            };
          }};
}

Command man_command() {
  return {"__man", "Write every man page (doca-layer.1, doca-layer-<command>.1) into DIR",
          [](CLI::App& sub) -> std::function<int()> {
            auto dir = std::make_shared<std::string>();
            sub.add_option("dir", *dir, "Output directory")->required();
            const CLI::App* root = sub.get_parent();
            return [dir, root] { return write_man_pages(*root, *dir); };
          },
          true};
}

}  // namespace dl::cli

// doca-layer version
#include <iostream>

#include "cli/command.h"

namespace dl::cli {

Command version_command() {
  return {"version", "Print the doca-layer version", [](CLI::App& sub) -> std::function<int()> {
            auto output = std::make_shared<std::string>("text");
            sub.add_option("-o,--output", *output, "Output format")->check(CLI::IsMember({"text", "json", "yaml"}));
            return [output] {
              if (*output == "text") std::cout << "doca-layer " << DOCA_LAYER_VERSION << "\n";
              else if (*output == "json") std::cout << "{\"version\": \"" << DOCA_LAYER_VERSION << "\"}\n";
              else std::cout << "version: \"" << DOCA_LAYER_VERSION << "\"\n";
              return int{k_exit_ok};
            };
          }};
}

}  // namespace dl::cli

// doca-layer validate: checks a spec (and that its Containerfile fits the API) without a cluster.
#include <iostream>

#include "cli/command.h"
#include "cli/print.h"
#include "render/manifests.h"

namespace dl::cli {
namespace {

struct Options {
  std::string file = "layer.yaml";
  std::string output = "text";
};

int run_validate(const Options& o) {
  spec::Loaded loaded = spec::load_file(o.file);
  if (loaded.ok) {
    auto rendered = render::render(loaded.spec);
    if (!rendered)
      loaded.diagnostics.push_back({spec::Severity::error, o.file, {}, "spec.packages", rendered.error().message, ""});
  }
  bool ok = !spec::has_errors(loaded.diagnostics);
  if (o.output == "text") {
    print_diagnostics(std::cerr, loaded.diagnostics);
    if (ok) std::cout << o.file << ": valid\n";
  } else {
    util::ojson out = {{"file", o.file}, {"valid", ok}, {"diagnostics", diagnostics_json(loaded.diagnostics)}};
    std::cout << (o.output == "json" ? out.dump(2) + "\n" : util::to_yaml(out));
  }
  return ok ? k_exit_ok : k_exit_usage;
}

}  // namespace

Command validate_command() {
  return {"validate", "Check a layer spec: syntax, types, values, and the Containerfile size limit",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            sub.add_option("-f,--file", o->file, "Layer spec")->capture_default_str();
            sub.add_option("-o,--output", o->output, "Output format")
                ->check(CLI::IsMember({"text", "json", "yaml"}))
                ->capture_default_str();
            return [o] { return run_validate(*o); };
          }};
}

}  // namespace dl::cli

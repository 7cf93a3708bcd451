// doca-layer demo: the whole main job against the embedded simulated cluster. Until the
// simulator lands it runs the cluster-free part (init + validate + render) and says what follows.
#include <iostream>

#include "cli/command.h"
#include "cli/print.h"
#include "render/manifests.h"
#include "spec/starter.h"
#include "util/files.h"

namespace dl::cli {
namespace {

struct Options {
  std::string dir = "doca-layer-demo";
};

int run_demo(const Options& o) {
  std::cout << "== doca-layer demo (cluster-free part) ==\n";
  if (auto st = util::make_dirs(o.dir); !st) {
    std::cerr << "doca-layer demo: " << st.error().message << "\n";
    return k_exit_failure;
  }
  std::string spec_path = o.dir + "/layer.yaml";
  if (auto st = util::write_file_atomic(spec_path, spec::starter_spec({}), util::FileMode::public_0644); !st) {
    std::cerr << "doca-layer demo: " << st.error().message << "\n";
    return k_exit_failure;
  }
  std::cout << "1. init      wrote " << spec_path << " (single-node defaults: pool master, DOCA 3.3.0, doca-all)\n";
  spec::Loaded loaded = load_spec_or_report(spec_path, std::cerr);
  if (!loaded.ok) return k_exit_failure;
  std::cout << "2. validate  " << spec_path << ": valid\n";
  auto rendered = render::render(loaded.spec);
  if (!rendered) {
    std::cerr << "doca-layer demo: " << rendered.error().message << "\n";
    return k_exit_failure;
  }
  std::cout << "3. render    " << rendered->objects.size() << " objects and a Containerfile of "
            << rendered->containerfile.size() << "/4096 characters:\n";
  for (const auto& obj : rendered->objects)
    std::cout << "             " << obj.body["kind"].get<std::string>() << "/"
              << obj.body["metadata"]["name"].get<std::string>() << "\n";
  std::cout << "\n" << rendered->containerfile << "\n";
  std::cout << "Next (with the simulated cluster, coming in later releases): sim, preflight, apply --wait,\n"
               "status and verify against an in-process OpenShift, in about a minute.\n";
  return k_exit_ok;
}

}  // namespace

Command demo_command() {
  return {"demo", "Run the main job end to end against the embedded simulated cluster",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            sub.add_option("--dir", o->dir, "Work directory for the demo's files")->capture_default_str();
            return [o] { return run_demo(*o); };
          }};
}

}  // namespace dl::cli

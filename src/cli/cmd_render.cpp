// doca-layer render: spec -> manifests (stdout or one file per object) and the Containerfile.
#include <iostream>

#include "cli/command.h"
#include "cli/print.h"
#include "render/manifests.h"
#include "util/files.h"

namespace dl::cli {
namespace {

struct Options {
  std::string file = "layer.yaml";
  std::string output = "yaml";
  std::string dir;
  bool containerfile_only = false;
};

int write_dir(const render::Rendered& r, const Options& o) {
  if (auto st = util::make_dirs(o.dir); !st) {
    std::cerr << "doca-layer: " << st.error().message << "\n";
    return k_exit_failure;
  }
  auto write = [&](const std::string& name, const std::string& text) {
    auto st = util::write_file_atomic(o.dir + "/" + name, text, util::FileMode::public_0644);
    if (!st) std::cerr << "doca-layer: " << st.error().message << "\n";
    return st.ok();
  };
  for (const auto& obj : r.objects) {
    std::string name = obj.file_name;
    if (o.output == "json") name = name.substr(0, name.size() - 5) + ".json";
    if (!write(name, o.output == "json" ? obj.body.dump(2) + "\n" : util::to_yaml(obj.body))) return k_exit_failure;
  }
  if (!write("Containerfile", r.containerfile)) return k_exit_failure;
  std::cout << "wrote " << r.objects.size() + 1 << " files to " << o.dir << "\n";
  return k_exit_ok;
}

int run_render(const Options& o) {
  spec::Loaded loaded = load_spec_or_report(o.file, std::cerr);
  if (!loaded.ok) return k_exit_usage;
  auto rendered = render::render(loaded.spec);
  if (!rendered) {
    std::cerr << o.file << ": error: " << rendered.error().message << "\n";
    return k_exit_usage;
  }
  if (!o.dir.empty()) return write_dir(*rendered, o);
  if (o.containerfile_only) std::cout << rendered->containerfile;
  else if (o.output == "json") std::cout << render::to_list(*rendered).dump(2) << "\n";
  else std::cout << render::to_yaml_stream(*rendered);
  return k_exit_ok;
}

}  // namespace

Command render_command() {
  return {"render", "Print the manifests and Containerfile a spec produces (no cluster, no secrets)",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            sub.add_option("-f,--file", o->file, "Layer spec")->capture_default_str();
            sub.add_option("-o,--output", o->output, "Output format")
                ->check(CLI::IsMember({"yaml", "json"}))
                ->capture_default_str();
            sub.add_option("-d,--dir", o->dir, "Write one file per object, plus the Containerfile, into DIR");
            sub.add_flag("--containerfile", o->containerfile_only, "Print only the Containerfile");
            return [o] { return run_render(*o); };
          }};
}

}  // namespace dl::cli

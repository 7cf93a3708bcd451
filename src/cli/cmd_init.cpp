// doca-layer init: writes a commented starter layer.yaml.
#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "cli/print.h"
#include "spec/starter.h"
#include "util/files.h"

namespace dl::cli {
namespace {

struct Options {
  spec::StarterOptions starter;
  std::string file = "layer.yaml";
  bool force = false;
};

int run_init(const Options& o) {
  std::string text = spec::starter_spec(o.starter);
  // The flags end up in the file: check them the way validate will, before writing anything.
  spec::Loaded check = spec::load_string(text, o.file, ".");
  if (!check.ok) {
    std::cerr << "doca-layer init: the flags give an invalid spec:\n";
    print_diagnostics(std::cerr, check.diagnostics);
    return k_exit_usage;
  }
  if (o.file == "-") {
    std::cout << text;
    return k_exit_ok;
  }
  if (!o.force && std::filesystem::exists(o.file)) {
    std::cerr << "doca-layer init: " << o.file << " exists; use --force to overwrite it\n";
    return k_exit_failure;
  }
  if (auto st = util::write_file_atomic(o.file, text, util::FileMode::public_0644); !st) {
    std::cerr << "doca-layer init: " << st.error().message << "\n";
    return k_exit_failure;
  }
  std::cout << "wrote " << o.file << "; next: doca-layer validate -f " << o.file << "\n";
  return k_exit_ok;
}

}  // namespace

Command init_command() {
  return {"init", "Write a commented starter layer spec",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            auto& s = o->starter;
            sub.add_option("-f,--file", o->file, "Where to write the spec ('-' for stdout)")->capture_default_str();
            sub.add_flag("--force", o->force, "Overwrite an existing file");
            sub.add_option("--name", s.name, "Layer name")->capture_default_str();
            sub.add_option("--pool", s.pool, "MachineConfigPool to layer")->capture_default_str();
            sub.add_option("--openshift-version", s.openshift_version, "OpenShift version, e.g. 4.20");
            sub.add_option("--doca-version", s.doca_version, "DOCA release")->capture_default_str();
            sub.add_option("--profile", s.profile, "DOCA profile")->capture_default_str();
            sub.add_option("--arch", s.arch, "x86_64 or aarch64")->capture_default_str();
            sub.add_option("--storage-class", s.storage_class, "Storage class of the registry volume")
                ->capture_default_str();
            sub.add_option("--size", s.size, "Registry volume size")->capture_default_str();
            sub.add_option("--replicas", s.replicas, "Registry replicas")->capture_default_str();
            auto* ps = sub.add_option("--push-spec", s.push_spec, "Push to this external registry instead");
            sub.add_option("--push-secret", s.push_secret, "Secret holding the external registry's push credentials")
                ->needs(ps);
            ps->needs(sub.get_option("--push-secret"));
            return [o] { return run_init(*o); };
          }};
}

}  // namespace dl::cli

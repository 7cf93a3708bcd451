// dl_rpmrepo_bench: times rpmrepo::resolve_layer on a layer spec (bench/rpmrepo_resolve.py
// runs it on a synthetic 30,000-package repository, next to dnf). Prints JSON.
//   dl_rpmrepo_bench LAYER_YAML INSTALLED_FROM CACHE_DIR REPEATS
// Run 1 starts from an empty CACHE_DIR (metadata cache miss: download, verify, parse); runs
// 2..REPEATS find the metadata cached. Each run builds a fresh pool and solves every step.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "rpmrepo/resolve.h"
#include "spec/validate.h"
#include "util/yaml_emit.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: dl_rpmrepo_bench LAYER_YAML INSTALLED_FROM CACHE_DIR REPEATS\n";
    return 2;
  }
  auto loaded = dl::spec::load_file(argv[1]);
  if (!loaded.ok) {
    std::cerr << "invalid spec " << argv[1] << "\n";
    return 2;
  }
  std::filesystem::remove_all(argv[3]);
  dl::rpmrepo::ResolveOptions o;
  o.installed_from = argv[2];
  o.cache.dir = argv[3];
  int repeats = std::max(1, std::atoi(argv[4]));
  dl::util::ojson runs = dl::util::ojson::array();
  dl::rpmrepo::Resolution last;
  for (int i = 0; i < repeats; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = dl::rpmrepo::resolve_layer(loaded.spec, o);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!r) {
      std::cerr << r.error().message << "\n";
      return 1;
    }
    bool cached = !r->repos.empty() && r->repos.back().from_cache;
    runs.push_back({{"ms", ms}, {"cache", cached ? "hit" : "miss"}});
    last = std::move(*r);
  }
  dl::util::ojson out = {{"verdict", dl::rpmrepo::verdict_name(last.verdict)},
                         {"packageCount", last.package_count},
                         {"installedAfter", last.installed_after.size()},
                         {"runs", runs}};
  std::cout << out.dump() << "\n";
  return last.verdict == dl::rpmrepo::Verdict::ok ? 0 : 1;
}

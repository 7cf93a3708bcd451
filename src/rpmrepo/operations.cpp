#include "rpmrepo/operations.h"

namespace dl::rpmrepo {

Operations operations_for(const spec::LayerSpec& spec) {
  Operations ops;
  ops.replace = spec.doca.replace;
  ops.install = spec.packages.dependencies;
  ops.install.push_back(spec.doca.profile);
  ops.install.insert(ops.install.end(), spec.packages.extra.begin(), spec.packages.extra.end());
  return ops;
}

std::vector<RepoSource> repos_for(const spec::LayerSpec& spec) {
  std::vector<RepoSource> out{{k_doca_repo_id, spec::doca_repo_url(spec), 0}};
  for (const auto& r : spec.repos) out.push_back({r.id, r.base_url, r.priority});
  return out;
}

}  // namespace dl::rpmrepo

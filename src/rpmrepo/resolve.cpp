#include "rpmrepo/resolve.h"

#include "rpmrepo/pool.h"
#include "rpmrepo/solve.h"
#include "spec/platform.h"
#include "util/files.h"

namespace dl::rpmrepo {

util::Result<InstalledSet> installed_for(const spec::LayerSpec& spec, const std::string& installed_from) {
  if (!installed_from.empty()) {
    auto text = util::read_file(installed_from);
    if (!text) return text.error();
    return parse_installed(*text, installed_from);
  }
  auto version = spec::parse_ocp_version(spec.openshift_version);
  auto base = version ? spec::rhcos_base(*version) : std::nullopt;
  if (base) {
    InstalledSet set = builtin_installed(*base, spec.doca.arch);
    set.source += " for OpenShift " + spec.openshift_version;
    return set;
  }
  InstalledSet set = builtin_installed(*spec::rhcos_base({4, 20, -1}), spec.doca.arch);
  set.source += " for OpenShift 4.20 (assumed: spec.openshiftVersion is not set)";
  return set;
}

util::Result<Resolution> resolve_layer(const spec::LayerSpec& spec, const ResolveOptions& options) {
  auto installed = installed_for(spec, options.installed_from);
  if (!installed) return installed.error();
  std::unique_ptr<Fetcher> own;
  Fetcher* fetcher = options.fetcher;
  if (fetcher == nullptr) {
    own = make_curl_fetcher();
    fetcher = own.get();
  }
  SolvPool pool(spec.doca.arch);
  Resolution res;
  bool repos_ok = true;
  for (const auto& source : repos_for(spec)) {
    RepoReport report{source.id, source.url, 0, false, ""};
    auto meta = load_metadata(source, *fetcher, options.cache);
    if (meta) {
      report.from_cache = meta->from_cache;
      auto n = pool.add_repo(source, *meta);
      if (n)
        report.packages = *n;
      else
        report.error = "repo " + source.id + " (" + source.url + "): " + n.error().message;
    } else {
      report.error = meta.error().message;
    }
    repos_ok = repos_ok && report.error.empty();
    res.repos.push_back(std::move(report));
  }
  if (repos_ok) {
    Operations ops = options.operations ? *options.operations : operations_for(spec);
    Resolution solved = solve_operations(pool, *installed, ops);
    solved.repos = std::move(res.repos);
    res = std::move(solved);
  } else {
    res.verdict = Verdict::repo_error;
  }
  res.arch = spec.doca.arch;
  res.installed_source = installed->source;
  return res;
}

}  // namespace dl::rpmrepo

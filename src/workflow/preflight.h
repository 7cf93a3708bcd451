// preflight: read-only checks that an apply of `spec` can succeed on the cluster, each with a
// verdict, what it saw, and the fix. Never writes (SelfSubjectAccessReviews are the one POST:
// they ask the API server a question and store nothing).
#pragma once

#include <string>
#include <vector>

#include "kube/client.h"
#include "spec/layer_spec.h"

namespace dl::workflow {

enum class CheckVerdict { pass, warn, fail, skip };

/// "pass", "warn", "fail", "skip".
const char* verdict_name(CheckVerdict v);

struct PreflightCheck {
  std::string id;      ///< stable: api, access, openshift-version, pool, ...
  std::string title;   ///< what is checked
  CheckVerdict verdict = CheckVerdict::pass;
  std::string detail;  ///< what was found
  std::string fix;     ///< how to fix it (warn and fail)
};

struct PreflightOptions {
  bool packages = true;          ///< resolve the package steps against the repos (rpmrepo)
  bool access = true;            ///< SelfSubjectAccessReviews (POSTs that store nothing)
  std::string installed_from;    ///< `rpm -qa` of a node for the package check
  std::string cache_dir;         ///< repo metadata cache
};

struct PreflightReport {
  std::vector<PreflightCheck> checks;
  bool ok() const;  ///< no check failed
};

/// Runs every check for `spec`. When the API is unreachable or refuses the credentials, the
/// cluster checks are skipped (the first check says why) and the local ones still run.
PreflightReport preflight(kube::Client& client, const spec::LayerSpec& spec, const PreflightOptions& options);

/// The permissions apply, verify and rollback need, asked one SelfSubjectAccessReview each.
/// apply asks only when its plan has something to write, so a no-op apply sends no POST.
PreflightCheck check_access(kube::Client& client);

/// The API server's answer about the credentials and reachability, or the error that stops
/// every other cluster check.
util::Result<std::string> server_version(kube::Client& client);

/// The report as JSON.
nlohmann::json to_json(const PreflightReport& report);

}  // namespace dl::workflow

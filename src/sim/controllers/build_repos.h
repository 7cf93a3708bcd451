// The repositories a simulated image build sees: the `.repo` files of the etc-yum-repos-d
// ConfigMap the build mounts (dnf's INI format), with each baseurl mapped through the
// simulator's repository mirrors (`doca-layer sim --repo-mirror URL=DIR`) to a local folder.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/result.h"

namespace dl::sim::controllers::layering {

/// Name of the ConfigMap (openshift-machine-config-operator) whose `.repo` files the build mounts.
inline constexpr const char* k_repos_configmap = "etc-yum-repos-d";

/// URLs starting with `url_prefix` are served from the createrepo_c tree under `dir`.
struct RepoMirror {
  std::string url_prefix;
  std::string dir;
};

/// "URL=DIR" (the first '=' after "://" splits; DIR made absolute). invalid_input otherwise.
util::Result<RepoMirror> parse_repo_mirror(const std::string& text);

/// One `[id]` section of a `.repo` file.
struct RepoFile {
  std::string id;
  std::string baseurl;  ///< the first URL of baseurl=, variables expanded; empty when none
  bool enabled = true;
  bool skip_if_unavailable = false;
  int priority = 0;  ///< 0: not set (dnf's 99)
};

/// The sections of every file in `files` (ConfigMap data: file name -> text) whose name ends in
/// `.repo`, in file-name order. $basearch/$arch become `arch`, $releasever `releasever`.
std::vector<RepoFile> parse_repo_files(const std::map<std::string, std::string>& files, const std::string& arch,
                                       const std::string& releasever);

/// `url` served through the mirror with the longest matching prefix, as file://DIR/<rest>;
/// nullopt when no mirror matches.
std::optional<std::string> mirrored_url(const std::string& url, const std::vector<RepoMirror>& mirrors);

}  // namespace dl::sim::controllers::layering

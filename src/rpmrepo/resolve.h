// resolve_layer: "will this build's dnf steps succeed?" for a layer spec, answered with libsolv
// (the solver dnf uses) against the real repositories, before anything touches the cluster.
// The entry point `doca-layer packages` and preflight call.
#pragma once

#include <optional>
#include <string>

#include "rpmrepo/fetcher.h"
#include "rpmrepo/installed.h"
#include "rpmrepo/metadata.h"
#include "rpmrepo/operations.h"
#include "rpmrepo/resolution.h"
#include "spec/layer_spec.h"
#include "util/result.h"

namespace dl::rpmrepo {

struct ResolveOptions {
  CacheOptions cache;                    ///< metadata cache (dir empty: none)
  std::string installed_from;            ///< `rpm -qa` output of a node; empty: the built-in model
  Fetcher* fetcher = nullptr;            ///< nullptr: libcurl with FetchOptions{}
  std::optional<Operations> operations;  ///< nullopt: operations_for(spec)
};

/// The base image's package set: read from `installed_from`, else the built-in model of the
/// spec's OpenShift release (4.20 when the spec names none; the source says so).
util::Result<InstalledSet> installed_for(const spec::LayerSpec& spec, const std::string& installed_from);

/// Fetches every repo's metadata, then replays the Containerfile's package steps with libsolv.
/// Unreachable or damaged repos are a repo_error verdict (every repo is still tried and
/// reported); errors only for bad input (an unreadable or malformed installed-set file).
util::Result<Resolution> resolve_layer(const spec::LayerSpec& spec, const ResolveOptions& options = {});

}  // namespace dl::rpmrepo

// Printing a Resolution: plain text for people, JSON for programs. Data in, text out.
#pragma once

#include <string>

#include "rpmrepo/resolution.h"
#include "util/yaml_emit.h"

namespace dl::rpmrepo {

/// The resolution as JSON (field names as in docs/cli.md `packages -o json`).
util::ojson to_json(const Resolution& r);

/// A human-readable report: repos, each step with its changes or problems, totals, verdict.
std::string to_text(const Resolution& r);

/// One line for a check list (preflight): "OK: the package steps resolve: 8 packages to download, 1.2 MiB"
/// or "FAIL: ..." with the first problem or error.
std::string summary_line(const Resolution& r);

/// "12.3 MiB", "850 KiB", "512 B".
std::string human_size(long long bytes);

}  // namespace dl::rpmrepo

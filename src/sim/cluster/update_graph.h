// The simulated cluster's update service (what the CVO fetches from the OpenShift Update Service,
// "Cincinnati"): which releases exist and which updates a channel offers from a version.
//
// Sim data, not facts: the graph holds 4.Y.0 up to a latest z-stream per minor (16..22), with an
// edge from every release to every newer one of the same minor and of the next minor (no
// downgrades, no skipped minors). A channel `stable|fast|candidate|eus-4.C` carries the releases
// of minors C-1 and C, so going from 4.20 to 4.21 needs the channel moved to stable-4.21 first,
// as on a real cluster (`oc adm upgrade channel stable-4.21`).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dl::sim::cluster {

/// A release version "4.Y.Z" split into numbers.
struct Semver {
  int major = 0, minor = 0, patch = 0;
  /// "4.21.11".
  std::string str() const;
  friend bool operator<(const Semver& a, const Semver& b) {
    if (a.major != b.major) return a.major < b.major;
    if (a.minor != b.minor) return a.minor < b.minor;
    return a.patch < b.patch;
  }
  friend bool operator==(const Semver& a, const Semver& b) = default;
};

/// "X.Y.Z" (digits only, no pre-release) as numbers; nullopt for anything else.
std::optional<Semver> parse_semver(const std::string& version);

/// True when `version` ("4.21.11") is a release of the sim's update graph.
bool in_update_graph(const std::string& version);

/// What the update service answered for a cluster at `current` on `channel`.
struct GraphAnswer {
  bool retrieved = false;            ///< RetrievedUpdates condition status
  std::string reason;                ///< when not retrieved: NoChannel | VersionNotFound
  std::string message;               ///< when not retrieved: the CVO's message
  std::vector<std::string> updates;  ///< newest first
};

/// The updates `channel` offers from `current`.
GraphAnswer query_update_graph(const std::string& current, const std::string& channel);

/// True when the graph has an edge `from` -> `to` (newer, same or next minor), channel aside.
bool update_edge(const std::string& from, const std::string& to);

}  // namespace dl::sim::cluster

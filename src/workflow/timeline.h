// timeline: a pool's rollout per node, as phases on a time axis (`status --timeline`), built
// from the MachineConfigNode conditions the machine-config daemon writes. Pure data; the cli
// draws it (terminal, SVG) or prints it as JSON.
//
// Boundaries (each the lastTransitionTime of a True condition written at or after the start):
//   start   UpdatePrepared=True (the daemon begins the update)
//   cordon  start -> Cordoned=True
//   drain   Cordoned -> Drained=True
//   reboot  Drained -> RebootedNode=True
//   ready   RebootedNode -> the end: Updated=True; an MCN without an Updated condition ends at
//           UpdateComplete=True, one without either at Uncordoned=True.
// A True condition older than the start is left over from an earlier update and does not count.
// A boundary that is never written (e.g. no reboot for a layer-only change) drops its phase; the
// phase before it runs to the next boundary that was written. A phase whose end is not written
// yet is running and is drawn up to `now`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kube/client.h"
#include "workflow/resources.h"

namespace dl::workflow {

/// One phase of a node's update on the time axis.
struct TimelinePhase {
  std::string name;              ///< cordon, drain, reboot, ready
  long long start = 0;           ///< epoch seconds
  std::optional<long long> end;  ///< nullopt: still running
};

/// One node of the pool: its latest update's phases (none while waiting).
struct TimelineRow {
  std::string node;
  std::string state;               ///< waiting, running, done, degraded
  std::string reason;              ///< why degraded ("" otherwise)
  std::optional<long long> start;  ///< nullopt while waiting
  std::optional<long long> end;    ///< nullopt until done
  std::vector<TimelinePhase> phases;
  long long seconds = 0;           ///< end (or now) - start; 0 while waiting
  bool slowest = false;
};

/// The pool's rollout: rows in update order on one time axis.
struct Timeline {
  std::string pool;
  long long now = 0;
  long long start = 0;  ///< earliest row start (now when no row started)
  long long end = 0;    ///< latest phase end, or now while anything runs
  std::vector<TimelineRow> rows;  ///< started rows by start time then name, then waiting rows by name
  std::string slowest;            ///< node with the longest update ("" when none started)
};

/// The phase names in drawing order.
const std::vector<std::string>& timeline_phases();

/// One row per MachineConfigNode of `pool` (spec.pool.name) in `mcns`. `nodes` (optional) are the
/// pool's Node objects: a node whose MCO state annotation is Degraded is marked degraded.
/// `pool_object` (optional, null when absent): while its Updating condition is True, a node whose
/// last update ended before Updating turned True waits for this rollout. `now` in epoch seconds.
Timeline build_timeline(const std::string& pool, const json& mcns, const json& nodes, const json& pool_object,
                        long long now);

/// Lists the pool, its Nodes and the MachineConfigNodes and builds the timeline (GETs and LISTs only).
util::Result<Timeline> gather_timeline(kube::Client& client, const std::string& pool, long long now);

/// The timeline as JSON (`status --timeline -o json`): times as epoch seconds and RFC 3339.
json to_json(const Timeline& timeline);

}  // namespace dl::workflow

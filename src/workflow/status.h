// status: what the cluster says about the layer, gathered as data (the cli prints it as a
// table, JSON or YAML): registry, push credentials (token expiry), the MachineOSConfig and its
// builds, the pool's counts, and a row per node.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kube/client.h"
#include "spec/layer_spec.h"
#include "workflow/resources.h"

namespace dl::workflow {

struct NodeRow {
  std::string name;
  std::string state;          ///< MCO state annotation: Done, Working, Degraded
  std::string current_image;
  std::string desired_image;
  bool on_layer = false;      ///< current image == the MachineOSConfig's image
  bool ready = false;         ///< NodeReady True
  bool schedulable = true;
};

struct BuildRow {
  std::string name;
  std::string state;
  std::string started, ended;  ///< RFC 3339 ("" when unknown)
  long long seconds = -1;      ///< ended - started, -1 while running
};

struct StatusReport {
  std::string cluster_version;
  // registry
  std::string registry_state;  ///< managementState, "" for an external registry
  std::string claim_phase;
  long long registry_available = 0;
  // credentials
  bool push_secret = false, pull_and_push_secret = false;
  std::optional<long long> token_expires;
  long long token_seconds_left = 0;
  bool token_renew_due = false;
  // layer
  bool mosc = false;
  std::string image;           ///< status.currentImagePullSpec
  std::string current_build;
  std::vector<BuildRow> builds;  ///< newest first
  // pool
  std::string pool;
  long long machines = 0, updated = 0, ready = 0, degraded = 0;
  std::string pool_condition;  ///< Updated, Updating, Degraded
  std::vector<NodeRow> nodes;
};

/// Reads everything status shows for `spec` at time `now` (epoch seconds). Only GETs and LISTs.
util::Result<StatusReport> gather_status(kube::Client& client, const spec::LayerSpec& spec, long long now);

/// status -w: gathers and calls `show` once, then again after the layer's objects change
/// (watches on MachineOSConfigs, MachineOSBuilds, the pool, its nodes, the push secrets and the
/// registry's claim; nothing is read while nothing changes), at most once per `min_gap`, and only
/// when the report differs from the last one shown. Ends when `show` returns false or a gather
/// fails (that error). `now` gives epoch seconds.
util::Status watch_status(kube::Client& client, const spec::LayerSpec& spec, std::chrono::milliseconds min_gap,
                          const std::function<long long()>& now, const std::function<bool(const StatusReport&)>& show);

/// The report as JSON (the -o json/yaml form).
json to_json(const StatusReport& report);

}  // namespace dl::workflow

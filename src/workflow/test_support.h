// Test helpers for the workflow tests: a simulated cluster in-process (test timing), a client
// connected to it through its kubeconfig, and the starter spec loaded and validated.
#pragma once

#include <memory>
#include <string>

#include "sim/simulator.h"
#include "spec/layer_spec.h"
#include "spec/starter.h"
#include "util/temp_dir.h"
#include "workflow/connect.h"

namespace dl::workflow::testing {

struct Cluster {
  sim::Simulator sim;
  util::TempDir dir{"dl-workflow"};
  std::string kubeconfig;
  Connection conn;

  /// Starts a simulated cluster of `topology` (sno, compact, standard) with test timing.
  explicit Cluster(const std::string& topology = "sno", int workers = 0);
  ~Cluster();
  kube::Client& client() { return *conn.client; }
  /// Writes since the sim started (POST/PUT/PATCH/DELETE), from /sim/stats.
  long long writes();
};

/// The starter spec with `options`, validated (asserts it is).
spec::LayerSpec starter(const spec::StarterOptions& options = {});

}  // namespace dl::workflow::testing

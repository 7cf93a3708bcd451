#include "workflow/test_support.h"

#include <gtest/gtest.h>

#include "spec/validate.h"

namespace dl::workflow::testing {

Cluster::Cluster(const std::string& topology, int workers) {
  sim::SimOptions o;
  auto t = sim::cluster::parse_topology(topology);
  EXPECT_TRUE(t.ok());
  if (t) o.seed.topology = *t;
  if (workers > 0) o.seed.workers = workers;
  o.timing = sim::controllers::Timing::test();
  auto st = sim.start(o);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
  kubeconfig = dir.write("kubeconfig", sim.kubeconfig());
  ConnectOptions co;
  co.kubeconfig = kubeconfig;
  auto c = connect(co);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  if (c) conn = std::move(*c);
}

Cluster::~Cluster() { sim.stop(); }

long long Cluster::writes() {
  kube::HttpRequest r;
  r.method = "GET";
  r.url = "/sim/stats";
  auto res = conn.client->send(r, kube::Idempotent::yes);
  EXPECT_TRUE(res.ok());
  if (!res) return -1;
  return nlohmann::json::parse(res->body)["requests"].value("writes", -1LL);
}

spec::LayerSpec starter(const spec::StarterOptions& options) {
  auto loaded = spec::load_string(spec::starter_spec(options), "layer.yaml", ".");
  EXPECT_TRUE(loaded.ok);
  return loaded.spec;
}

}  // namespace dl::workflow::testing

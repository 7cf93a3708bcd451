// The fixture of the OpenShift update tests (cluster_version_test.cpp): a seeded cluster, a
// manual clock, the node Fleet and the controllers an update involves (ClusterVersionOperator,
// MachineOsBuilder, NodeRollout), plus the requests and reads the tests make.
#pragma once

#include <gtest/gtest.h>

#include "sim/cluster/seed.h"
#include "sim/controllers/cluster_version.h"
#include "sim/controllers/layering_objects.h"
#include "sim/controllers/layering_state.h"
#include "sim/controllers/machine_os_builder.h"
#include "sim/controllers/manager.h"
#include "sim/controllers/node_rollout.h"
#include "util/base64.h"

namespace dl::sim::controllers::upgrade_test {

using namespace layering;
using std::chrono::milliseconds;
constexpr milliseconds k_wait{10000};
constexpr const char* k_registry = "image-registry.openshift-image-registry.svc:5000";
constexpr const char* k_containerfile =
    "FROM configs AS final\n"
    "RUN dnf install -y libunwind jsoncpp && \\\n"
    "  rpm-ostree override remove openvswitch3.5 && \\\n"
    "  dnf install doca-all -y && \\\n"
    "  dnf clean all -y && \\\n"
    "  bootc container lint\n";

inline const api::ResourceType& cv_type() {
  return type_of("config.openshift.io/v1", "ClusterVersion");
}

class UpgradeTest : public ::testing::Test {
 protected:
  void start(cluster::SeedOptions seed, node::Backend backend) {
    ASSERT_TRUE(cluster::seed_cluster(store, logs, seed).ok());
    fleet = std::make_unique<node::Fleet>(backend);
    std::string minor = seed.openshift_version.substr(0, 4);
    auto plan = cluster::plan_nodes(seed);
    ASSERT_TRUE(plan.ok());
    for (const auto& n : *plan) ASSERT_TRUE(fleet->add(n.name, node::stock_rhcos_image(minor)).ok());
    manager = std::make_unique<ControllerManager>(store, logs, Timing::test(), clock);
    manager->add(std::make_unique<MachineOsBuilder>(minor));
    manager->add(std::make_unique<NodeRollout>(fleet.get(), minor));
    manager->add(std::make_unique<ClusterVersionOperator>(
        ClusterVersionOperator::Options{seed.arch, [this](const std::string& v) { control_plane = v; }}));
    manager->start();
    settle();
  }
  void TearDown() override {
    if (manager) manager->stop();
  }
  void settle() { ASSERT_TRUE(manager->wait_idle(k_wait)); }
  bool run_until(const std::function<bool()>& done, milliseconds limit = milliseconds(20000)) {
    for (milliseconds t{0}; t < limit; t += milliseconds(5)) {
      if (done()) return true;
      clock->advance(milliseconds(5));
      if (!manager->wait_idle(k_wait)) return false;
    }
    return done();
  }
  json obj(const api::ResourceType& r, const std::string& name, const std::string& ns = "") {
    auto o = get(store, r, ns, name);
    return o ? *o : json();
  }
  json cv() { return obj(cv_type(), "version"); }
  std::string cond(const json& o, const std::string& type, const char* field = "status") {
    for (const auto& c : o.value("status", json::object()).value("conditions", json::array()))
      if (c.value("type", "") == type) return c.value(field, "");
    return "";
  }
  // What `oc adm upgrade channel` / `oc adm upgrade --to` (or kubectl patch) write.
  void request(const std::string& channel, json desired_update) {
    ASSERT_TRUE(modify(store, cv_type(), "", "version", api::WritePart::main, [&](json& o) {
      if (!channel.empty()) o["spec"]["channel"] = channel;
      o["spec"]["desiredUpdate"] = desired_update;
    }));
    settle();
  }
  bool completed(const std::string& version) {
    json h = cv()["status"].value("history", json::array());
    return !h.empty() && h[0].value("version", "") == version && h[0].value("state", "") == "Completed";
  }
  void layer_master(const std::string& fault = "") {
    json cfg = {{"auths", {{k_registry, {{"auth", util::base64_encode("u:token")}}}}}};
    ASSERT_TRUE(store
                    .create(secret_type(), k_mco_namespace,
                            {{"metadata", {{"name", "push-secret"}}},
                             {"type", "kubernetes.io/dockerconfigjson"},
                             {"data", {{".dockerconfigjson", util::base64_encode(cfg.dump())}}}})
                    .ok());
    json m = {
        {"metadata", {{"name", "master"}}},
        {"spec",
         {{"machineConfigPool", {{"name", "master"}}},
          {"imageBuilder", {{"imageBuilderType", "Job"}}},
          {"renderedImagePushSecret", {{"name", "push-secret"}}},
          {"renderedImagePushSpec", std::string(k_registry) + "/openshift-machine-config-operator/os-image:latest"},
          {"containerFile", {{{"containerfileArch", "NoArch"}, {"content", k_containerfile}}}}}}};
    if (!fault.empty()) m["metadata"]["annotations"] = {{k_fault_annotation, fault}};
    ASSERT_TRUE(store.create(mosc_type(), "", m).ok());
    settle();
    ASSERT_TRUE(run_until([&] {
      return cond(obj(pool_type(), "master"), "Updated") == "True" && fleet->find("master-0")->image().is_doca();
    }));
  }
  std::string annotation(const std::string& node, const char* key) {
    return obj(node_type(), node)["metadata"].value("annotations", json::object()).value(label(key), "");
  }
  std::string current_build() {
    return obj(mosc_type(), "master")["metadata"]["annotations"].value(label("current-machine-os-build"), "");
  }
  std::string sh(const std::string& node, std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"chroot", "/host"});
    auto r = fleet->find(node)->exec(argv);
    return r.out + r.err;
  }

  api::Store store;
  api::LogStore logs;
  std::shared_ptr<SimClock> clock = SimClock::manual();
  std::unique_ptr<node::Fleet> fleet;
  std::unique_ptr<ControllerManager> manager;
  std::string control_plane;  ///< what on_control_plane last got
};

}  // namespace dl::sim::controllers::upgrade_test

#include "sim/controllers/registry.h"

#include <gtest/gtest.h>

#include "sim/cluster/seed.h"
#include "sim/controllers/manager.h"
#include "sim/controllers/pv_binder.h"

namespace dl::sim::controllers {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds k_wait{5000};
constexpr const char* k_ns = "openshift-image-registry";

const api::ResourceType& t(const char* api_version, const char* kind) {
  return type_of(api_version, kind);
}
const api::ResourceType& pvc_t() {
  return t("v1", "PersistentVolumeClaim");
}
const api::ResourceType& config_t() {
  return t("imageregistry.operator.openshift.io/v1", "Config");
}

// The seeded single-node cluster with the storage and registry controllers on a manual clock.
class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster::seed_cluster(store, logs, {}).ok());
    manager.add(std::make_unique<PvBinder>());
    manager.add(std::make_unique<RegistryOperator>("apps.test.example.com"));
    manager.start();
    settle();
  }
  void settle() { ASSERT_TRUE(manager.wait_idle(k_wait)); }
  void advance(Duration d) {
    clock->advance(d);
    settle();
  }
  void create_claim(const std::string& name, const std::string& storage_class) {
    json pvc = {{"metadata", {{"name", name}, {"annotations", {{"imageregistry.openshift.io", "true"}}}}},
                {"spec",
                 {{"accessModes", {"ReadWriteOnce"}},
                  {"volumeMode", "Filesystem"},
                  {"resources", {{"requests", {{"storage", "100Gi"}}}}},
                  {"storageClassName", storage_class}}}};
    ASSERT_TRUE(store.create(pvc_t(), k_ns, pvc).ok());
    settle();
  }
  // The write-up's patches: defaultRoute, storage claim, Recreate/1 replica, Managed.
  void patch_config(const std::string& claim, const std::string& state) {
    ASSERT_TRUE(modify(store, config_t(), "", "cluster", api::WritePart::main, [&](json& c) {
      c["spec"]["defaultRoute"] = true;
      c["spec"]["storage"] = {{"pvc", {{"claim", claim}}}};
      c["spec"]["rolloutStrategy"] = "Recreate";
      c["spec"]["replicas"] = 1;
      c["spec"]["managementState"] = state;
    }));
    settle();
  }
  json obj(const api::ResourceType& r, const std::string& ns, const std::string& name) {
    auto o = get(store, r, ns, name);
    return o ? *o : json();
  }
  std::string phase(const std::string& claim) {
    return obj(pvc_t(), k_ns, claim).value("status", json::object()).value("phase", "");
  }
  std::vector<json> registry_pods() {
    auto l = store.list(
        t("v1", "Pod"), k_ns,
        [](const json& p) {
          return p["metadata"].value("labels", json::object()).value("docker-registry", "") == "default";
        },
        0, "");
    return l->items;
  }
  std::string condition(const json& o, const std::string& type, const char* field = "status") {
    for (const auto& c : o.value("status", json::object()).value("conditions", json::array()))
      if (c.value("type", "") == type) return c.value(field, "");
    return "";
  }
  std::vector<json> events(const std::string& reason) {
    auto l = store.list(
        t("v1", "Event"), k_ns, [&](const json& e) { return e.value("reason", "") == reason; }, 0, "");
    return l->items;
  }

  api::Store store{10000};
  api::LogStore logs;
  std::shared_ptr<SimClock> clock = SimClock::manual();
  Timing timing = Timing::test();
  ControllerManager manager{store, logs, timing, clock};
};

TEST_F(RegistryTest, SeededStateIsQuietAndRemoved) {
  uint64_t rv = store.current_rv();
  advance(milliseconds(1000));
  EXPECT_EQ(store.current_rv(), rv);  // steady state writes nothing
  EXPECT_EQ(condition(obj(config_t(), "", "cluster"), "Removed"), "True");
  EXPECT_TRUE(registry_pods().empty());
}

TEST_F(RegistryTest, WriteUpFlowBindsTheClaimStartsThePodAndExposesTheRoute) {
  create_claim("registry-claim", "lvms-vg1");
  EXPECT_EQ(phase("registry-claim"), "Pending");
  ASSERT_EQ(events("WaitForFirstConsumer").size(), 1u);
  advance(milliseconds(500));
  EXPECT_EQ(phase("registry-claim"), "Pending");  // nothing consumes it yet

  patch_config("registry-claim", "Managed");
  EXPECT_FALSE(obj(t("apps/v1", "Deployment"), k_ns, "image-registry").is_null());
  ASSERT_EQ(registry_pods().size(), 1u);
  EXPECT_EQ(phase("registry-claim"), "Pending");
  EXPECT_EQ(condition(obj(config_t(), "", "cluster"), "Available"), "False");
  EXPECT_EQ(condition(obj(t("config.openshift.io/v1", "ClusterOperator"), "", "image-registry"), "Progressing"),
            "True");

  advance(timing.pv_binding);
  ASSERT_EQ(phase("registry-claim"), "Bound");
  json pvc = obj(pvc_t(), k_ns, "registry-claim");
  std::string volume = pvc["spec"].value("volumeName", "");
  EXPECT_EQ(volume, "pvc-" + pvc["metadata"].value("uid", ""));
  json pv = obj(t("v1", "PersistentVolume"), "", volume);
  EXPECT_EQ(pv["status"].value("phase", ""), "Bound");
  EXPECT_EQ(pv["spec"]["capacity"].value("storage", ""), "100Gi");
  EXPECT_EQ(pv["spec"]["claimRef"].value("name", ""), "registry-claim");
  EXPECT_EQ(pv["spec"].value("storageClassName", ""), "lvms-vg1");
  json pod = registry_pods().front();
  EXPECT_EQ(pod["spec"].value("nodeName", ""), "master-0");
  EXPECT_EQ(pod["status"].value("phase", ""), "Pending");  // ContainerCreating

  advance(timing.registry_start);
  pod = registry_pods().front();
  EXPECT_EQ(pod["status"].value("phase", ""), "Running");
  EXPECT_TRUE(pod["status"]["containerStatuses"][0].value("ready", false));
  std::string name = pod["metadata"].value("name", "");
  EXPECT_EQ(name.rfind("image-registry-", 0), 0u);
  auto log = logs.read(k_ns, name, "registry", 0, milliseconds(0));
  EXPECT_NE(log.text.find("listening on :5000"), std::string::npos) << log.text;
  json config = obj(config_t(), "", "cluster");
  EXPECT_EQ(condition(config, "Available"), "True");
  EXPECT_EQ(condition(config, "Progressing"), "False");
  EXPECT_EQ(config["status"].value("readyReplicas", 0), 1);
  EXPECT_EQ(condition(obj(t("config.openshift.io/v1", "ClusterOperator"), "", "image-registry"), "Available"), "True");
  json route = obj(t("route.openshift.io/v1", "Route"), k_ns, "default-route");
  EXPECT_EQ(route["spec"].value("host", ""), "default-route-openshift-image-registry.apps.test.example.com");

  uint64_t rv = store.current_rv();
  advance(milliseconds(1000));
  EXPECT_EQ(store.current_rv(), rv);  // settled: no churn

  ASSERT_TRUE(modify(store, config_t(), "", "cluster", api::WritePart::main,
                     [](json& c) { c["spec"]["managementState"] = "Removed"; }));
  settle();
  EXPECT_TRUE(registry_pods().empty());
  EXPECT_TRUE(obj(t("apps/v1", "Deployment"), k_ns, "image-registry").is_null());
  EXPECT_TRUE(obj(t("route.openshift.io/v1", "Route"), k_ns, "default-route").is_null());
  EXPECT_EQ(phase("registry-claim"), "Bound");  // the user's claim stays
  EXPECT_EQ(condition(obj(config_t(), "", "cluster"), "Removed"), "True");
}

TEST_F(RegistryTest, MissingStorageClassKeepsTheClaimPendingAndIsReported) {
  create_claim("registry-claim", "no-such-class");
  auto failed = events("ProvisioningFailed");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].value("type", ""), "Warning");
  EXPECT_EQ(failed[0].value("message", ""), "storageclass.storage.k8s.io \"no-such-class\" not found");
  patch_config("registry-claim", "Managed");
  advance(milliseconds(2000));
  EXPECT_EQ(phase("registry-claim"), "Pending");
  json config = obj(config_t(), "", "cluster");
  EXPECT_EQ(condition(config, "Degraded"), "True");
  EXPECT_NE(condition(config, "Degraded", "message").find("storageclass.storage.k8s.io \"no-such-class\" not found"),
            std::string::npos);
  EXPECT_EQ(condition(obj(t("config.openshift.io/v1", "ClusterOperator"), "", "image-registry"), "Degraded"), "True");
  ASSERT_EQ(registry_pods().size(), 1u);
  EXPECT_EQ(condition(registry_pods().front(), "PodScheduled", "reason"), "Unschedulable");

  // the class appears (Immediate binding): the claim binds and the registry starts
  ASSERT_TRUE(store
                  .create(t("storage.k8s.io/v1", "StorageClass"), "",
                          {{"metadata", {{"name", "no-such-class"}}},
                           {"provisioner", "example.com/csi"},
                           {"reclaimPolicy", "Delete"},
                           {"volumeBindingMode", "Immediate"}})
                  .ok());
  settle();
  advance(timing.pv_binding);
  EXPECT_EQ(phase("registry-claim"), "Bound");
  advance(timing.registry_start);
  EXPECT_EQ(registry_pods().front()["status"].value("phase", ""), "Running");
  EXPECT_EQ(condition(obj(config_t(), "", "cluster"), "Degraded"), "False");
}

TEST_F(RegistryTest, ManagedWithoutStorageOrWithAMissingClaimIsDegraded) {
  ASSERT_TRUE(modify(store, config_t(), "", "cluster", api::WritePart::main,
                     [](json& c) { c["spec"]["managementState"] = "Managed"; }));
  settle();
  EXPECT_EQ(condition(obj(config_t(), "", "cluster"), "Degraded", "reason"), "StorageNotConfigured");
  patch_config("nope", "Managed");
  EXPECT_NE(condition(obj(config_t(), "", "cluster"), "Progressing", "message")
                .find("persistentvolumeclaims \"nope\" not found"),
            std::string::npos);
  EXPECT_TRUE(registry_pods().empty());
}

TEST_F(RegistryTest, DeletingTheClaimDeletesItsVolume) {
  create_claim("c1", "lvms-vg1");
  patch_config("c1", "Managed");
  advance(timing.pv_binding);
  std::string volume = obj(pvc_t(), k_ns, "c1")["spec"].value("volumeName", "");
  ASSERT_FALSE(volume.empty());
  ASSERT_TRUE(modify(store, config_t(), "", "cluster", api::WritePart::main,
                     [](json& c) { c["spec"]["managementState"] = "Removed"; }));
  ASSERT_TRUE(store.remove(pvc_t(), k_ns, "c1").ok());
  settle();
  EXPECT_TRUE(obj(t("v1", "PersistentVolume"), "", volume).is_null());
}

}  // namespace
}  // namespace dl::sim::controllers

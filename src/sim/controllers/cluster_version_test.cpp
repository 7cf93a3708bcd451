// OpenShift updates inside the controllers: ClusterVersionOperator + MachineOsBuilder + NodeRollout
// on a seeded cluster with a manual clock and the node Fleet (the write-up's SNO 4.20.15 ->
// 4.21.11 with the OVS-DOCA layer in place, a stock update, refused requests, a failed build).
#include "sim/controllers/cluster_version.h"

#include <gtest/gtest.h>

#include "sim/controllers/cluster_version_test_support.h"

namespace dl::sim::controllers::upgrade_test {
namespace {

TEST_F(UpgradeTest, SnoUpdateRebuildsTheLayerOnTheNewReleaseAndKeepsOvsDoca) {
  start({}, node::Backend::ovsdb_server);
  layer_master();
  std::string first = current_build(), first_image = annotation("master-0", "currentImage");
  sh("master-0", {"ovs-vsctl", "--no-wait", "set", "Open_vSwitch", ".", "other_config:doca-init=true"});
  sh("master-0", {"systemctl", "restart", "openvswitch"});
  ASSERT_EQ(sh("master-0", {"ovs-vsctl", "get", "Open_vSwitch", ".", "doca_initialized"}), "true\n");
  EXPECT_NE(sh("master-0", {"cat", "/etc/os-release"}).find("OPENSHIFT_VERSION=\"4.20\""), std::string::npos);
  std::string old_rendered = obj(pool_type(), "master")["spec"]["configuration"].value("name", "");

  request("stable-4.21", {{"version", "4.21.11"}});
  json v = cv();
  EXPECT_EQ(v["status"]["desired"].value("version", ""), "4.21.11");
  EXPECT_EQ(v["status"]["desired"].value("image", ""), "quay.io/openshift-release-dev/ocp-release:4.21.11-x86_64");
  EXPECT_EQ(v["status"]["history"][0].value("state", ""), "Partial");
  EXPECT_TRUE(v["status"]["history"][0]["completionTime"].is_null());
  EXPECT_EQ(cond(v, "Progressing"), "True");
  EXPECT_EQ(cond(v, "Progressing", "message").rfind("Working towards 4.21.11: ", 0), 0u);
  EXPECT_EQ(cond(v, "ReleaseAccepted", "reason"), "PayloadLoaded");
  EXPECT_EQ(cond(v, "Available"), "True");
  // the MCO renders the new release once the operators before it have rolled out
  ASSERT_TRUE(
      run_until([&] { return obj(pool_type(), "master")["spec"]["configuration"].value("name", "") != old_rendered; }));
  EXPECT_EQ(control_plane, "4.21.11");
  std::string rendered = obj(pool_type(), "master")["spec"]["configuration"].value("name", "");
  json mc = obj(mc_type(), rendered);
  EXPECT_EQ(mc["metadata"]["annotations"].value(label("release-image-version"), ""), "4.21.11");
  EXPECT_EQ(ocp_minor_of(store, rendered, "4.20"), "4.21");  // the build's base (and its repos) follow the update
  EXPECT_EQ(ocp_minor_of(store, old_rendered, "4.19"), "4.20");
  EXPECT_EQ(ocp_minor_of(store, "rendered-missing", "4.19"), "4.19");
  EXPECT_EQ(mc["spec"].value("osImageURL", ""),
            cluster::rendered_machine_config("master", "4.21.11", "x86_64")["spec"]["osImageURL"]);
  EXPECT_NE(mc["spec"].value("osImageURL", ""), base_image(store, old_rendered));
  EXPECT_EQ(cond(cv(), "Progressing", "message"),
            "Working towards 4.21.11: 783 of 903 done (86% complete), waiting on machine-config");

  ASSERT_TRUE(run_until([&] { return completed("4.21.11"); }));
  std::string second = current_build();
  EXPECT_NE(second, first);
  json mosb = obj(mosb_type(), second);
  EXPECT_EQ(condition_status(mosb, "Succeeded"), "True");
  EXPECT_EQ(mosb["spec"]["machineConfig"].value("name", ""), rendered);
  std::string pod =
      store
          .list(
              pod_type(), k_mco_namespace,
              [&](const json& p) { return p["metadata"].value("name", "").rfind("build-" + second + "-", 0) == 0; }, 0,
              "")
          ->items.at(0)["metadata"]["name"];
  EXPECT_NE(logs.read(k_mco_namespace, pod, "image-build", 0, milliseconds(0))
                .text.find("FROM " + mc["spec"].value("osImageURL", "") + " AS configs"),
            std::string::npos);
  std::string image = mosb["status"].value("digestedImagePushSpec", "");
  EXPECT_NE(image, first_image);
  EXPECT_EQ(annotation("master-0", "currentImage"), image);
  EXPECT_EQ(annotation("master-0", "desiredImage"), image);
  EXPECT_EQ(annotation("master-0", "currentConfig"), rendered);
  EXPECT_EQ(annotation("master-0", "state"), "Done");
  json pool = obj(pool_type(), "master");
  EXPECT_EQ(cond(pool, "Updated"), "True");
  EXPECT_EQ(pool["status"]["configuration"].value("name", ""), rendered);
  EXPECT_EQ(pool["status"].value("observedGeneration", 0), pool["metadata"].value("generation", -1));
  // the node: OVS-DOCA kept, the 4.21 RHCOS underneath (RHEL 9.6 like 4.20, facts §6), the switch's data kept
  auto host = fleet->find("master-0");
  EXPECT_TRUE(host->image().is_doca());
  EXPECT_EQ(host->boot_count(), 3);
  std::string os_release = sh("master-0", {"cat", "/etc/os-release"});
  EXPECT_NE(os_release.find("OPENSHIFT_VERSION=\"4.21\""), std::string::npos) << os_release;
  EXPECT_NE(os_release.find("VERSION=\"421.96."), std::string::npos) << os_release;
  EXPECT_NE(os_release.find("RHEL_VERSION=\"9.6\""), std::string::npos) << os_release;
  EXPECT_NE(sh("master-0", {"rpm", "-q", "cri-o"}).find("rhaos4.21"), std::string::npos);
  EXPECT_EQ(sh("master-0", {"rpm", "-q", "doca-openvswitch"}), "doca-openvswitch-3.3.0040-1.el9.x86_64\n");
  EXPECT_EQ(sh("master-0", {"rpm", "-q", "openvswitch3.5"}), "package openvswitch3.5 is not installed\n");
  EXPECT_EQ(sh("master-0", {"ovs-vsctl", "get", "Open_vSwitch", ".", "doca_initialized"}), "true\n");
  EXPECT_EQ(sh("master-0", {"ovs-vsctl", "get", "Open_vSwitch", ".", "other_config:doca-init"}), "\"true\"\n");
  EXPECT_EQ(obj(node_type(), "master-0")["status"]["nodeInfo"].value("kubeletVersion", ""), "v1.34.2");
  // ClusterVersion and the operators
  v = cv();
  EXPECT_EQ(v["status"]["history"].size(), 2u);
  EXPECT_TRUE(v["status"]["history"][0]["completionTime"].is_string());
  EXPECT_EQ(v["status"]["history"][1].value("version", ""), "4.20.15");
  EXPECT_EQ(cond(v, "Progressing"), "False");
  EXPECT_EQ(cond(v, "Progressing", "message"), "Cluster version is 4.21.11");
  EXPECT_EQ(cond(v, "Available", "message"), "Done applying 4.21.11");
  EXPECT_EQ(cond(v, "Failing"), "False");
  for (const char* co : {"machine-config", "network"})
    EXPECT_EQ(
        obj(type_of("config.openshift.io/v1", "ClusterOperator"), co)["status"]["versions"][0].value("version", ""),
        "4.21.11")
        << co;
  uint64_t rv = store.current_rv();
  clock->advance(milliseconds(1000));
  settle();
  EXPECT_EQ(store.current_rv(), rv);  // steady state is silent
}

TEST_F(UpgradeTest, StockUpdateToTheNextMinorBootsItsRhcosOnEveryPool) {
  cluster::SeedOptions seed;
  seed.openshift_version = "4.21.11";
  seed.topology = cluster::Topology::standard;
  seed.workers = 1;
  start(seed, node::Backend::memory);
  EXPECT_EQ(sh("worker-0", {"rpm", "-q", "openvswitch3.5"}), "openvswitch3.5-3.5.0-66.el9fdp.x86_64\n");
  request("stable-4.22", {{"version", "4.22.2"}});
  ASSERT_TRUE(run_until([&] { return completed("4.22.2") && cond(obj(pool_type(), "worker"), "Updated") == "True"; }));
  for (const char* n : {"master-0", "master-1", "master-2", "worker-0"}) {
    EXPECT_EQ(fleet->find(n)->image().rhel_version, "9.8") << n;
    EXPECT_EQ(fleet->find(n)->boot_count(), 2) << n;
    EXPECT_NE(sh(n, {"cat", "/etc/os-release"}).find("RHEL_VERSION=\"9.8\""), std::string::npos) << n;
    EXPECT_EQ(sh(n, {"rpm", "-q", "openvswitch3.5"}), "openvswitch3.5-3.5.1-12.el9fdp.x86_64\n") << n;
    EXPECT_EQ(annotation(n, "currentImage"), annotation(n, "desiredImage")) << n;
    EXPECT_EQ(obj(node_type(), n)["status"]["nodeInfo"].value("kernelVersion", ""), "5.14.0-611.5.1.el9_8.x86_64");
  }
  std::string rendered = obj(pool_type(), "worker")["spec"]["configuration"].value("name", "");
  EXPECT_EQ(annotation("worker-0", "currentImage"), base_image(store, rendered));
}

TEST_F(UpgradeTest, RefusedRequestsOnlyChangeConditions) {
  start({}, node::Backend::memory);
  json v = cv();
  EXPECT_EQ(cond(v, "RetrievedUpdates"), "True");
  EXPECT_EQ(v["status"]["availableUpdates"][0].value("version", ""), "4.20.20");
  EXPECT_EQ(cond(v, "ReleaseAccepted", "message"),
            "Payload loaded version=\"4.20.15\" image=\"quay.io/openshift-release-dev/ocp-release:4.20.15-x86_64\" "
            "architecture=\"amd64\"");
  std::string rendered = obj(pool_type(), "master")["spec"]["configuration"].value("name", "");
  auto unchanged = [&] {
    json now = cv();
    EXPECT_EQ(now["status"]["desired"].value("version", ""), "4.20.15");
    EXPECT_EQ(now["status"]["history"].size(), 1u);
    EXPECT_EQ(obj(pool_type(), "master")["spec"]["configuration"].value("name", ""), rendered);
    EXPECT_EQ(cond(now, "Progressing"), "False");
  };
  // 4.21 is not in the stable-4.20 channel: the real CVO calls the ClusterVersion invalid
  request("", {{"version", "4.21.11"}});
  EXPECT_EQ(cond(cv(), "Invalid"), "True");
  EXPECT_EQ(cond(cv(), "Invalid", "message"),
            "The cluster version is invalid: spec.desiredUpdate.version: Invalid value: \"4.21.11\": when image is "
            "empty the update must be a previous version or an available update");
  EXPECT_EQ(cond(cv(), "Progressing", "message"), "Stopped at 4.20.15: the cluster version is invalid");
  unchanged();
  // an image two minors ahead: no edge of the graph (more refusals: cluster_version_status_test.cpp)
  request("stable-4.21", {{"image", "quay.io/openshift-release-dev/ocp-release:4.22.0-x86_64"}});
  EXPECT_EQ(cond(cv(), "Invalid"), "");
  EXPECT_EQ(cond(cv(), "ReleaseAccepted"), "False");
  EXPECT_EQ(cond(cv(), "ReleaseAccepted", "reason"), "PreconditionChecks");
  unchanged();
  clock->advance(milliseconds(2000));
  settle();
  unchanged();
  EXPECT_EQ(cond(cv(), "Progressing", "message"), "Cluster version is 4.20.15");
  EXPECT_EQ(cv()["status"]["availableUpdates"][0].value("version", ""), "4.21.12");
}

TEST_F(UpgradeTest, FailedBuildBlocksThePoolAndKeepsTheUpdateProgressing) {
  start({}, node::Backend::memory);
  layer_master();
  std::string first_image = annotation("master-0", "currentImage");
  ASSERT_TRUE(modify(store, mosc_type(), "", "master", api::WritePart::main,
                     [](json& m) { m["metadata"]["annotations"][k_fault_annotation] = "doca-all"; }));
  request("stable-4.21", {{"version", "4.21.11"}});
  ASSERT_TRUE(run_until([&] { return cond(obj(pool_type(), "master"), "Degraded") == "True"; }));
  settle();
  json pool = obj(pool_type(), "master");
  EXPECT_EQ(cond(pool, "ImageBuildDegraded", "reason"), "BuildFailed");
  EXPECT_EQ(cond(pool, "Updated"), "False");
  EXPECT_EQ(annotation("master-0", "currentImage"), first_image);
  json v = cv();
  EXPECT_EQ(v["status"]["history"][0].value("state", ""), "Partial");
  EXPECT_EQ(cond(v, "Progressing"), "True");
  EXPECT_EQ(cond(v, "Failing"), "True");
  EXPECT_EQ(cond(v, "Failing", "message"), "Cluster operator machine-config is degraded");
  EXPECT_EQ(cond(v, "Upgradeable", "reason"), "DegradedPool");
  json mco = obj(type_of("config.openshift.io/v1", "ClusterOperator"), "machine-config");
  EXPECT_EQ(cond(mco, "Degraded"), "True");
  EXPECT_EQ(mco["status"]["versions"][0].value("version", ""), "4.20.15");
  clock->advance(milliseconds(5000));
  settle();
  EXPECT_FALSE(completed("4.21.11"));
  // fixing the build (fault removed, rebuild requested) lets the update finish
  ASSERT_TRUE(modify(store, mosc_type(), "", "master", api::WritePart::main, [](json& m) {
    m["metadata"]["annotations"].erase(k_fault_annotation);
    m["metadata"]["annotations"][label("rebuild")] = "";
  }));
  settle();
  ASSERT_TRUE(run_until([&] { return completed("4.21.11"); }));
  EXPECT_EQ(cond(cv(), "Failing"), "False");
  EXPECT_EQ(cond(cv(), "Upgradeable"), "");
  EXPECT_TRUE(fleet->find("master-0")->image().is_doca());
  EXPECT_EQ(fleet->find("master-0")->image().ocp_version, "4.21");
}

}  // namespace
}  // namespace dl::sim::controllers::upgrade_test

// DebugPods on a seeded single-node cluster, a manual clock and a Fleet: the pods `kubectl debug
// node/X` creates run their command on the node's OS and end as the kubelet reports them.
#include "sim/controllers/debug_pods.h"

#include <gtest/gtest.h>

#include "sim/cluster/seed.h"
#include "sim/controllers/manager.h"

namespace dl::sim::controllers {
namespace {

using std::chrono::milliseconds;
constexpr milliseconds k_wait{10000};

const api::ResourceType& pod_t() {
  return type_of("v1", "Pod");
}

// The legacy-profile pod of `kubectl debug node/NODE --image=ubi9 -- ARGV...` (facts 4.13).
json debug_pod(const std::string& name, const std::string& node, const std::vector<std::string>& command) {
  json c = {{"name", "debugger"},
            {"image", "registry.access.redhat.com/ubi9"},
            {"volumeMounts", {{{"name", "host-root"}, {"mountPath", "/host"}}}},
            {"terminationMessagePolicy", "File"}};
  if (!command.empty()) c["command"] = command;
  return {{"metadata", {{"name", name}}},
          {"spec",
           {{"volumes", {{{"name", "host-root"}, {"hostPath", {{"path", "/"}}}}}},
            {"containers", {c}},
            {"restartPolicy", "Never"},
            {"nodeName", node},
            {"hostNetwork", true},
            {"hostPID", true},
            {"hostIPC", true},
            {"tolerations", {{{"operator", "Exists"}}}}}}};
}

class DebugPodsTest : public ::testing::TestWithParam<node::Backend> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster::seed_cluster(store, logs, {}).ok());
    ASSERT_TRUE(fleet.add("master-0", node::stock_rhcos_image("4.20")).ok());
    manager.add(std::make_unique<DebugPods>(&fleet));
    manager.start();
    settle();
  }
  void TearDown() override { manager.stop(); }
  void settle() { ASSERT_TRUE(manager.wait_idle(k_wait)); }
  void advance(Duration d) {
    clock->advance(d);
    settle();
  }
  void create(const json& pod) {
    ASSERT_TRUE(store.create(pod_t(), "default", pod).ok());
    settle();
  }
  json pod(const std::string& name) {
    auto p = get(store, pod_t(), "default", name);
    return p ? *p : json();
  }
  std::string phase(const std::string& name) { return pod(name).value("status", json::object()).value("phase", ""); }
  api::LogStore::Chunk log(const std::string& name) {
    return logs.read("default", name, "debugger", 0, milliseconds(0));
  }
  json terminated(const std::string& name) {
    return pod(name)["status"]["containerStatuses"][0]["state"]["terminated"];
  }
  // Runs a debug pod with `command` to its end; returns its terminated state.
  json run_to_end(const std::string& name, const std::vector<std::string>& command) {
    create(debug_pod(name, "master-0", command));
    advance(timing.host_pod);
    advance(timing.host_pod);
    return terminated(name);
  }

  api::Store store{10000};
  api::LogStore logs;
  std::shared_ptr<SimClock> clock = SimClock::manual();
  Timing timing = Timing::test();
  node::Fleet fleet{GetParam()};
  ControllerManager manager{store, logs, timing, clock};
};

TEST_P(DebugPodsTest, CommandRunsOnTheNodeThenThePodSucceeds) {
  create(debug_pod("node-debugger-master-0-abcde", "master-0", {"chroot", "/host", "rpm", "-q", "openvswitch3.5"}));
  const std::string name = "node-debugger-master-0-abcde";
  EXPECT_EQ(phase(name), "");  // not before Timing::host_pod
  advance(timing.host_pod);
  json p = pod(name);
  ASSERT_EQ(phase(name), "Running");
  json node = *get(store, type_of("v1", "Node"), "", "master-0");
  std::string ip = node["status"]["addresses"][0]["address"];
  EXPECT_EQ(p["status"]["hostIP"], ip);
  EXPECT_EQ(p["status"]["podIP"], ip);  // hostNetwork
  EXPECT_FALSE(p["status"].value("startTime", "").empty());
  json running = p["status"]["containerStatuses"][0];
  EXPECT_EQ(running["name"], "debugger");
  EXPECT_EQ(running["image"], "registry.access.redhat.com/ubi9:latest");
  EXPECT_TRUE(running["ready"].get<bool>());
  EXPECT_TRUE(running["state"]["running"].contains("startedAt"));
  auto l = log(name);
  EXPECT_EQ(l.text, "openvswitch3.5-3.5.0-51.el9fdp.x86_64\n");
  EXPECT_TRUE(l.finished);

  advance(timing.host_pod);
  ASSERT_EQ(phase(name), "Succeeded");
  json t = terminated(name);
  EXPECT_EQ(t["exitCode"], 0);
  EXPECT_EQ(t["reason"], "Completed");
  EXPECT_EQ(t["startedAt"], running["state"]["running"]["startedAt"]);
  EXPECT_FALSE(t.value("finishedAt", "").empty());
  json done = pod(name);
  for (const auto& c : done["status"]["conditions"]) {
    if (c["type"] == "Ready") {
      EXPECT_EQ(c["reason"], "PodCompleted");
    }
  }
  uint64_t rv = store.current_rv();
  advance(milliseconds(1000));
  EXPECT_EQ(store.current_rv(), rv);  // a finished pod is left alone
}

TEST_P(DebugPodsTest, FailingCommandFailsThePodWithItsExitCode) {
  json t = run_to_end("rpm-missing", {"chroot", "/host", "rpm", "-q", "doca-openvswitch"});
  EXPECT_EQ(phase("rpm-missing"), "Failed");
  EXPECT_EQ(t["exitCode"], 1);
  EXPECT_EQ(t["reason"], "Error");
  EXPECT_EQ(log("rpm-missing").text, "package doca-openvswitch is not installed\n");
  EXPECT_EQ(run_to_end("unknown", {"chroot", "/host", "no-such-tool"})["exitCode"], 127);
  EXPECT_EQ(log("unknown").text, "bash: no-such-tool: command not found\n");
}

TEST_P(DebugPodsTest, ShellScriptLogHasStdoutThenStderr) {
  const std::string script =
      "echo '@@begin rpm'; rpm -q doca-openvswitch 2>&1; echo \"@@end $?\"\n"
      "echo '@@begin ovs'; ovs-vsctl get Open_vSwitch . datapath_types 2>&1; echo \"@@end $?\"\n"
      "cat /etc/nope; hostname";
  json t = run_to_end("script", {"chroot", "/host", "/bin/sh", "-c", script});
  EXPECT_EQ(t["exitCode"], 0);
  EXPECT_EQ(log("script").text,
            "@@begin rpm\npackage doca-openvswitch is not installed\n@@end 1\n@@begin ovs\n[netdev, system]\n"
            "@@end 0\nmaster-0\ncat: /etc/nope: No such file or directory\n");
  json refused = run_to_end("pipe", {"sh", "-c", "rpm -qa | grep ovs"});
  EXPECT_EQ(refused["exitCode"], 2);
  EXPECT_EQ(log("pipe").text, "sh: unsupported in the simulated node shell: |\n");
}

TEST_P(DebugPodsTest, InteractiveShellStaysRunningUntilDeleted) {
  create(debug_pod("shell", "master-0", {}));
  advance(timing.host_pod);
  ASSERT_EQ(phase("shell"), "Running");
  uint64_t rv = store.current_rv();
  advance(milliseconds(2000));
  EXPECT_EQ(phase("shell"), "Running");
  EXPECT_EQ(store.current_rv(), rv);
  ASSERT_TRUE(store.remove(pod_t(), "default", "shell").ok());
  settle();
  // the same name again is a new pod that runs its own command
  EXPECT_EQ(run_to_end("shell", {"chroot", "/host", "hostname"})["exitCode"], 0);
}

TEST_P(DebugPodsTest, PodsOnUnknownNodesOwnedOrAlreadyRunningAreLeftAlone) {
  create(debug_pod("elsewhere", "worker-9", {"true"}));
  json owned = debug_pod("owned", "master-0", {"true"});
  owned["metadata"]["ownerReferences"] = {
      {{"apiVersion", "batch/v1"}, {"kind", "Job"}, {"name", "j"}, {"uid", "1234"}, {"controller", true}}};
  create(owned);
  json started = debug_pod("started", "master-0", {"true"});
  started["status"] = {{"phase", "Running"}};
  create(started);
  uint64_t rv = store.current_rv();
  advance(milliseconds(500));
  EXPECT_EQ(store.current_rv(), rv);
  EXPECT_EQ(phase("elsewhere"), "");
  EXPECT_EQ(phase("owned"), "");
  EXPECT_EQ(phase("started"), "Running");
}

TEST_P(DebugPodsTest, PodNetworkPodGetsAClusterIpAndDeletionMidRunIsForgotten) {
  json p = debug_pod("pod-net", "master-0", {"hostname"});
  p["spec"].erase("hostNetwork");
  create(p);
  advance(timing.host_pod);
  std::string ip = pod("pod-net")["status"].value("podIP", "");
  EXPECT_EQ(ip.rfind("10.128.", 0), 0u) << ip;
  ASSERT_TRUE(store.remove(pod_t(), "default", "pod-net").ok());
  settle();
  advance(timing.host_pod);
  EXPECT_TRUE(pod("pod-net").is_null());
}

INSTANTIATE_TEST_SUITE_P(Backends, DebugPodsTest, ::testing::Values(node::Backend::ovsdb_server, node::Backend::memory),
                         [](const auto& p) { return p.param == node::Backend::memory ? "memory" : "ovsdb"; });

}  // namespace
}  // namespace dl::sim::controllers

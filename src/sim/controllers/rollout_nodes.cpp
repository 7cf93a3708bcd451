#include "sim/controllers/rollout_nodes.h"

#include "sim/controllers/layering_state.h"
#include "sim/controllers/objects.h"

namespace dl::sim::controllers::rollout {

using layering::mcn_type;
using layering::node_type;
using layering::pool_type;

namespace {

bool selects(const json& pool, const json& labels) {
  const json& ml =
      pool.value("spec", json::object()).value("nodeSelector", json::object()).value("matchLabels", json::object());
  if (ml.empty()) return false;
  for (const auto& [k, v] : ml.items())
    if (!labels.contains(k) || labels[k] != v) return false;
  return true;
}

constexpr const char* k_taint = "node.kubernetes.io/unschedulable";

}  // namespace

std::string pool_of_node(const api::Store& store, const json& node) {
  auto pools = store.list(pool_type(), "", nullptr, 0, "");
  if (!pools) return "";
  json labels = node["metadata"].value("labels", json::object());
  std::string best;
  auto rank = [](const std::string& p) { return p == "master" ? 0 : p == "worker" ? 2 : 1; };
  for (const auto& p : pools->items) {
    std::string name = p["metadata"].value("name", "");
    if (selects(p, labels) && (best.empty() || rank(name) < rank(best))) best = name;
  }
  return best;
}

std::vector<json> members(const api::Store& store, const std::string& pool) {
  auto nodes = store.list(node_type(), "", nullptr, 0, "");  // filters run under the store's lock: no nested reads
  std::vector<json> out;
  for (const auto& n : nodes ? nodes->items : std::vector<json>{})
    if (pool_of_node(store, n) == pool) out.push_back(n);
  return out;
}

std::string mco_annotation(const json& node, const char* key) {
  return node["metadata"].value("annotations", json::object()).value(layering::label(key), "");
}

bool ready(const json& node) {
  return layering::condition_status(node, "Ready") == "True";
}

bool unavailable(const json& node) {
  return node.value("spec", json::object()).value("unschedulable", false) || !ready(node) ||
         mco_annotation(node, "state") == "Working";
}

void set_ready(api::Store& store, const std::string& node, bool is_ready) {
  modify(store, node_type(), "", node, api::WritePart::status, [&](json& n) {
    json conds = n["status"].value("conditions", json::array());
    bool was = ready(n);
    set_condition(conds, "Ready", is_ready ? "True" : "Unknown", is_ready ? "KubeletReady" : "NodeStatusUnknown",
                  is_ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.");
    n["status"]["conditions"] = conds;
    if (is_ready && !was) n["status"]["nodeInfo"]["bootID"] = api::new_uid();
  });
}

void set_cordon(api::Store& store, const std::string& node, bool cordoned) {
  modify(store, node_type(), "", node, api::WritePart::main, [&](json& n) {
    json& spec = n["spec"];
    json taints = spec.value("taints", json::array());
    json kept = json::array();
    for (const auto& t : taints)
      if (t.value("key", "") != k_taint) kept.push_back(t);
    if (cordoned) {
      spec["unschedulable"] = true;
      kept.push_back({{"key", k_taint}, {"effect", "NoSchedule"}, {"timeAdded", api::now_rfc3339()}});
      for (const auto& t : taints)  // keep the original timeAdded
        if (t.value("key", "") == k_taint) kept.back() = t;
    } else {
      spec.erase("unschedulable");
    }
    if (kept.empty()) spec.erase("taints");
    else spec["taints"] = kept;
  });
}

void set_node_release(api::Store& store, const std::string& node, const cluster::Release& release) {
  modify(store, node_type(), "", node, api::WritePart::status, [&](json& n) {
    std::string arch = n["metadata"].value("labels", json::object()).value("kubernetes.io/arch", "amd64");
    json& info = n["status"]["nodeInfo"];
    info["kubeletVersion"] = release.kubernetes;
    info["osImage"] = release.node_os_image();
    info["kernelVersion"] = release.kernel(arch == "arm64" ? "aarch64" : "x86_64");
    info["containerRuntimeVersion"] = release.cri_o();
  });
}

void mcn_condition(api::Store& store, const std::string& node, const std::string& type, bool value,
                   const std::string& message) {
  modify(store, mcn_type(), "", node, api::WritePart::status, [&](json& m) {
    json conds = m["status"].value("conditions", json::array());
    set_condition(conds, type, value ? "True" : "False", type, message);
    m["status"]["conditions"] = conds;
  });
}

void mcn_reset_progress(api::Store& store, const std::string& node) {
  modify(store, mcn_type(), "", node, api::WritePart::status, [&](json& m) {
    json conds = m["status"].value("conditions", json::array());
    for (const char* type : {"UpdatePrepared", "Cordoned", "Drained", "RebootedNode", "AppliedFilesAndOS",
                             "Uncordoned", "UpdateComplete"})
      if (layering::condition_status(m, type) == "True") set_condition(conds, type, "False", type, "");
    m["status"]["conditions"] = conds;
  });
}

}  // namespace dl::sim::controllers::rollout

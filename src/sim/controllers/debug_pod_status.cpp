#include "sim/controllers/debug_pod_status.h"

#include "sim/controllers/build_log.h"

namespace dl::sim::controllers::debug_pod {
namespace {

json condition(const std::string& type, bool status, const std::string& reason, const std::string& when) {
  json c = {
      {"type", type}, {"status", status ? "True" : "False"}, {"lastProbeTime", nullptr}, {"lastTransitionTime", when}};
  if (!reason.empty()) c["reason"] = reason;
  return c;
}

// A pod IP on the cluster network (10.128.0.0/14 on OpenShift), stable per pod.
std::string cluster_pod_ip(const std::string& uid) {
  std::string h = layering::sha256_hex(uid);
  unsigned long n = std::stoul(h.substr(0, 4), nullptr, 16);
  return "10.128." + std::to_string(n % 2 == 0 ? 0 : 1) + "." + std::to_string(10 + n % 240);
}

bool has_resources(const json& pod) {
  for (const auto& c : pod["spec"].value("containers", json::array())) {
    const json& r = c.value("resources", json::object());
    if (!r.value("requests", json::object()).empty() || !r.value("limits", json::object()).empty()) return true;
  }
  return false;
}

// "host/repo" of "host/repo:tag".
std::string repository(const std::string& ref) {
  size_t colon = ref.rfind(':');
  size_t slash = ref.rfind('/');
  if (colon != std::string::npos && (slash == std::string::npos || colon > slash)) return ref.substr(0, colon);
  return ref;
}

json container_base(const json& pod, const json& container) {
  std::string name = container.value("name", "");
  std::string image = container.value("image", "");
  std::string ref = image_ref(image);
  std::string image_id =
      ref.find('@') != std::string::npos ? ref : repository(ref) + "@sha256:" + layering::sha256_hex("image/" + ref);
  std::string id = "cri-o://" + layering::sha256_hex(pod["metadata"].value("uid", "") + "/" + name);
  return {{"name", name},      {"image", ref},      {"imageID", image_id},
          {"containerID", id}, {"restartCount", 0}, {"lastState", json::object()}};
}

}  // namespace

std::string image_ref(const std::string& image) {
  size_t slash = image.rfind('/');
  std::string last = slash == std::string::npos ? image : image.substr(slash + 1);
  if (last.find(':') != std::string::npos || image.find('@') != std::string::npos) return image;
  return image + ":latest";
}

std::vector<std::string> container_argv(const json& container) {
  std::vector<std::string> argv;
  for (const char* field : {"command", "args"})
    for (const auto& a : container.value(field, json::array()))
      if (a.is_string()) argv.push_back(a.get<std::string>());
  return argv;
}

json running_status(const json& pod, const std::string& node_ip, const std::string& started) {
  const json& spec = pod["spec"];
  std::string pod_ip = spec.value("hostNetwork", false) ? node_ip : cluster_pod_ip(pod["metadata"].value("uid", ""));
  json statuses = json::array();
  for (const auto& c : spec.value("containers", json::array())) {
    json s = container_base(pod, c);
    s["ready"] = true;
    s["started"] = true;
    s["state"] = {{"running", {{"startedAt", started}}}};
    statuses.push_back(s);
  }
  return {{"phase", "Running"},
          {"conditions",
           {condition("PodReadyToStartContainers", true, "", started), condition("Initialized", true, "", started),
            condition("Ready", true, "", started), condition("ContainersReady", true, "", started),
            condition("PodScheduled", true, "", started)}},
          {"hostIP", node_ip},
          {"hostIPs", {{{"ip", node_ip}}}},
          {"podIP", pod_ip},
          {"podIPs", {{{"ip", pod_ip}}}},
          {"startTime", started},
          {"containerStatuses", statuses},
          {"qosClass", has_resources(pod) ? "Burstable" : "BestEffort"}};
}

json terminated_status(const json& pod, const json& running, const std::map<std::string, int>& exits,
                       const std::string& finished) {
  bool ok = true;
  for (const auto& [name, code] : exits) ok = ok && code == 0;
  std::string reason = ok ? "PodCompleted" : "PodFailed";
  json s = running;
  s["phase"] = ok ? "Succeeded" : "Failed";
  s["conditions"] = {condition("PodReadyToStartContainers", false, "", finished),
                     condition("Initialized", true, "PodCompleted", s.value("startTime", finished)),
                     condition("Ready", false, reason, finished), condition("ContainersReady", false, reason, finished),
                     condition("PodScheduled", true, "", s.value("startTime", finished))};
  json statuses = json::array();
  for (const auto& c : pod["spec"].value("containers", json::array())) {
    json st = container_base(pod, c);
    auto it = exits.find(st.value("name", ""));
    int code = it == exits.end() ? 0 : it->second;
    st["ready"] = false;
    st["started"] = false;
    st["state"] = {{"terminated",
                    {{"exitCode", code},
                     {"reason", code == 0 ? "Completed" : "Error"},
                     {"startedAt", s.value("startTime", finished)},
                     {"finishedAt", finished},
                     {"containerID", st["containerID"]}}}};
    statuses.push_back(st);
  }
  s["containerStatuses"] = statuses;
  return s;
}

}  // namespace dl::sim::controllers::debug_pod

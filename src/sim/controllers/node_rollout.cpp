#include "sim/controllers/node_rollout.h"

#include <map>
#include <regex>

#include "sim/cluster/release.h"
#include "sim/controllers/layering_objects.h"
#include "sim/controllers/layering_state.h"
#include "sim/controllers/rollout_nodes.h"

namespace dl::sim::controllers {

using namespace layering;
using rollout::mco_annotation;

namespace {

// The image a node runs: its currentImage annotation, or the osImageURL of its currentConfig
// (seeded nodes carry no currentImage).
std::string running_image(const api::Store& store, const json& node) {
  std::string current = mco_annotation(node, "currentImage");
  return current.empty() ? base_image(store, mco_annotation(node, "currentConfig")) : current;
}

// True when the node runs the pool's target image on the pool's rendered config.
bool on_target(const api::Store& store, const json& node, const std::string& image, const std::string& rendered) {
  return running_image(store, node) == image && mco_annotation(node, "currentConfig") == rendered;
}

}  // namespace

std::vector<const api::ResourceType*> NodeRollout::kinds() const {
  return {&pool_type(), &node_type(), &mosc_type(), &mosb_type()};
}

std::vector<std::string> NodeRollout::keys_for(Context& ctx, const api::WatchEvent& e) {
  if (e.resource == &pool_type()) return {e.object["metadata"].value("name", "")};
  if (e.resource == &mosc_type()) return {pool_of(e.object)};
  if (e.resource == &mosb_type())
    return {e.object["metadata"].value("labels", json::object()).value(label("target-machine-config-pool"), "")};
  std::string pool = rollout::pool_of_node(ctx.store(), e.object);
  return pool.empty() ? std::vector<std::string>{} : std::vector<std::string>{pool};
}

namespace {

// The other_config keys a systemd drop-in written by the Containerfile sets before ovs-vswitchd
// starts: `other_config:K=V` words on an ExecStartPre line (doca-layer's layer writes one).
std::map<std::string, std::string> start_other_config(const std::string& containerfile) {
  std::map<std::string, std::string> keys;
  std::regex kv(R"(other_config:([A-Za-z0-9_.-]+)=([^ '"\\]+))");
  size_t pos = 0;
  while ((pos = containerfile.find("ExecStartPre", pos)) != std::string::npos) {
    size_t end = containerfile.find('\n', pos);
    std::string line = containerfile.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
    for (std::sregex_iterator it(line.begin(), line.end(), kv), stop; it != stop; ++it) keys[(*it)[1]] = (*it)[2];
    pos = end == std::string::npos ? containerfile.size() : end;
  }
  return keys;
}

}  // namespace

std::pair<std::string, std::string> NodeRollout::doca_versions(const std::string& containerfile) {
  std::pair<std::string, std::string> v{"3.3.0109", "3.3.0040"};
  std::smatch m;
  if (std::regex_search(containerfile, m, std::regex(R"(doca-all-(\d+\.\d+\.\d+))"))) v.first = m[1];
  if (std::regex_search(containerfile, m, std::regex(R"(doca-openvswitch-(\d+\.\d+\.\d+))"))) v.second = m[1];
  return v;
}

size_t NodeRollout::max_unavailable(const json& value, size_t machines) {
  size_t n = 1;
  if (value.is_number_integer()) {
    n = static_cast<size_t>(std::max<int64_t>(value.get<int64_t>(), 0));
  } else if (value.is_string()) {
    std::string s = value.get<std::string>();
    if (!s.empty() && s.back() == '%')
      n = machines * static_cast<size_t>(std::max(std::atoi(s.c_str()), 0)) / 100;
    else
      n = static_cast<size_t>(std::max(std::atoi(s.c_str()), 0));
  }
  return std::max<size_t>(n, 1);
}

void NodeRollout::reconcile(Context& ctx, const std::string& key) {
  auto pool = get(ctx.store(), pool_type(), "", key);
  if (!pool) return;
  std::string rendered = (*pool)["spec"].value("configuration", json::object()).value("name", "");
  std::string stock = base_image(ctx.store(), rendered);
  Target target = target_of(ctx, key, stock);
  if (!target.image.empty()) {
    for (const auto& n : rollout::members(ctx.store(), key)) {
      if (mco_annotation(n, "state") != "Working") continue;
      std::string name = n["metadata"].value("name", "");
      if (mco_annotation(n, "desiredImage") != target.image) {  // the target moved mid-update
        m_deadlines.clear_prefix(name + "|");
        begin(ctx, name, target.image, rendered);
      }
      step(ctx, key, *get(ctx.store(), node_type(), "", name), target, rendered, stock);
    }
    auto nodes = rollout::members(ctx.store(), key);
    size_t busy = 0;
    for (const auto& n : nodes) if (rollout::unavailable(n)) ++busy;
    size_t limit = max_unavailable((*pool)["spec"].value("maxUnavailable", json(1)), nodes.size());
    for (const auto& n : nodes) {
      if (on_target(ctx.store(), n, target.image, rendered) || rollout::unavailable(n)) continue;
      if (busy >= limit) break;
      begin(ctx, n["metadata"].value("name", ""), target.image, rendered);
      ++busy;
      step(ctx, key, *get(ctx.store(), node_type(), "", n["metadata"].value("name", "")), target, rendered, stock);
    }
  }
  write_pool_status(ctx, *pool, rollout::members(ctx.store(), key), target);
}

NodeRollout::Target NodeRollout::target_of(Context& ctx, const std::string& pool, const std::string& stock) {
  Target t;
  auto mosc = mosc_for_pool(ctx.store(), pool);
  if (!mosc) {
    t.image = stock;
    return t;
  }
  std::string mosc_name = (*mosc)["metadata"].value("name", "");
  t.boot_fault = (*mosc)["metadata"].value("annotations", json::object()).value(k_boot_fault_annotation, "");
  for (const auto& c : (*mosc)["spec"].value("containerFile", json::array()))
    if (c.value("containerfileArch", "NoArch") == "NoArch") t.containerfile = c.value("content", "");
  std::string build = (*mosc)["metadata"].value("annotations", json::object()).value(label("current-machine-os-build"), "");
  auto mosb = build.empty() ? std::nullopt : get(ctx.store(), mosb_type(), "", build);
  std::string rendered =
      get(ctx.store(), pool_type(), "", pool)->at("spec").value("configuration", json::object()).value("name", "");
  if (mosb && (*mosb)["spec"].value("machineConfig", json::object()).value("name", "") != rendered)
    mosb.reset();  // built for an older rendered config (e.g. before an upgrade): a new build is due
  if (!mosb) {
    t.waiting = "Pool is waiting for a new OS image build to start (mosc: " + mosc_name + ")";
  } else if (condition_status(*mosb, "Succeeded") == "True") {
    t.image = (*mosb)["status"].value("digestedImagePushSpec", "");
  } else if (condition_status(*mosb, "Failed") == "True") {
    t.waiting = "Pool update stopped due to OS image build failure";
    t.stopped = true;
  } else {
    t.waiting = "Pool is waiting for OS image build to complete (mosb: " + build + ")";
  }
  return t;
}

void NodeRollout::begin(Context& ctx, const std::string& node, const std::string& image, const std::string& rendered) {
  modify(ctx.store(), node_type(), "", node, api::WritePart::main, [&](json& n) {
    json& a = n["metadata"]["annotations"];
    a[label("desiredConfig")] = rendered;
    a[label("desiredImage")] = image;
    a[label("state")] = "Working";
    a[label("reason")] = "";
  });
  modify(ctx.store(), mcn_type(), "", node, api::WritePart::main, [&](json& m) {
    m["spec"]["configVersion"]["desired"] = rendered;
    m["spec"]["configImage"]["desiredImage"] = image;
  });
  modify(ctx.store(), mcn_type(), "", node, api::WritePart::status, [&](json& m) {
    m["status"]["configImage"]["desiredImage"] = image;
    m["status"]["configVersion"]["desired"] = rendered;
  });
  rollout::mcn_reset_progress(ctx.store(), node);  // a new update: its own transition times
  rollout::mcn_condition(ctx.store(), node, "Updated", false, "Node " + node + " is updating to image " + image);
  rollout::mcn_condition(ctx.store(), node, "UpdatePrepared", true, "Update is prepared");
  rollout::set_cordon(ctx.store(), node, true);
  rollout::mcn_condition(ctx.store(), node, "Cordoned", true, "Cordoned node as part of the update");
}

void NodeRollout::step(Context& ctx, const std::string& pool, const json& node, const Target& target,
                       const std::string& rendered, const std::string& stock) {
  std::string name = node["metadata"].value("name", "");
  std::string id = name + "|" + target.image + "|";
  const Timing& t = ctx.timing();
  if (!m_deadlines.reached(ctx, id + "drain", t.drain, pool)) return;
  rollout::mcn_condition(ctx.store(), name, "Drained", true, "Drained node as part of the update");
  if (!m_deadlines.reached(ctx, id + "reboot", t.reboot, pool)) {
    rollout::set_ready(ctx.store(), name, false);
    return;
  }
  if (!m_booted.count(id) && !boot(ctx, name, target, stock, rendered)) return;
  m_booted.insert(id);
  rollout::set_ready(ctx.store(), name, true);
  rollout::mcn_condition(ctx.store(), name, "RebootedNode", true, "Node rebooted into the new image");
  rollout::mcn_condition(ctx.store(), name, "AppliedFilesAndOS", true, "Applied OS image " + target.image);
  if (!m_deadlines.reached(ctx, id + "settle", t.node_settle, pool)) return;
  rollout::set_cordon(ctx.store(), name, false);
  rollout::mcn_condition(ctx.store(), name, "Uncordoned", true, "Uncordoned node as part of the update");
  modify(ctx.store(), node_type(), "", name, api::WritePart::main, [&](json& n) {
    json& a = n["metadata"]["annotations"];
    a[label("currentConfig")] = rendered;
    a[label("currentImage")] = target.image;
    a[label("state")] = "Done";
    a[label("reason")] = "";
  });
  modify(ctx.store(), mcn_type(), "", name, api::WritePart::status, [&](json& m) {
    m["status"]["configImage"]["currentImage"] = target.image;
    m["status"]["configVersion"]["current"] = rendered;
  });
  rollout::mcn_condition(ctx.store(), name, "UpdateComplete", true, "Update complete");
  rollout::mcn_condition(ctx.store(), name, "Updated", true, "Node " + name + " updated to image " + target.image);
  m_deadlines.clear_prefix(id);
  m_booted.erase(id);
}

bool NodeRollout::boot(Context& ctx, const std::string& name, const Target& target, const std::string& stock,
                       const std::string& rendered) {
  std::string release = release_of(ctx.store(), rendered);
  auto r = cluster::find_release(release);
  if (r) rollout::set_node_release(ctx.store(), name, *r);
  if (!m_fleet) return true;
  auto host = m_fleet->find(name);
  if (!host) return true;
  node::OsImage base = node::stock_rhcos_image(r ? "4." + std::to_string(r->minor) : m_ocp_minor);
  node::OsImage image = base;
  if (target.image == stock) {  // the stock RHCOS of the rendered config's release
    size_t at = stock.find('@');
    image.pull_spec = stock;
    if (at != std::string::npos) image.digest = stock.substr(at + 1);
  } else {
    auto [doca, ovs] = doca_versions(target.containerfile);
    size_t at = target.image.find('@');
    image = node::ovs_doca_image(base, doca, ovs, target.image,
                                 at == std::string::npos ? "" : target.image.substr(at + 1));
    image.start_other_config = start_other_config(target.containerfile);
  }
  auto st = target.boot_fault == name && target.image != stock
                ? util::Status(util::make_error(util::ErrorKind::internal, "injected boot fault (" +
                                                                           std::string(k_boot_fault_annotation) + ")"))
                : host->boot(image);
  if (st.ok()) return true;
  modify(ctx.store(), node_type(), "", name, api::WritePart::main, [&](json& n) {
    n["metadata"]["annotations"][label("state")] = "Degraded";
    n["metadata"]["annotations"][label("reason")] = "failed to boot " + target.image + ": " + st.error().message;
  });
  return false;
}

void NodeRollout::write_pool_status(Context& ctx, const json& pool, const std::vector<json>& nodes,
                                    const Target& target) {
  std::string rendered = pool["spec"].value("configuration", json::object()).value("name", "");
  int updated = 0, ready = 0, unavailable = 0, degraded = 0;
  std::string degraded_message;
  for (const auto& n : nodes) {
    if (mco_annotation(n, "state") == "Degraded") {
      if (degraded++ == 0)
        degraded_message = "Node " + n["metadata"].value("name", "") + " is reporting: \"" + mco_annotation(n, "reason") + "\"";
    }
    bool is_updated = !target.image.empty() && on_target(ctx.store(), n, target.image, rendered) &&
                      mco_annotation(n, "state") != "Working";
    bool is_unavailable = rollout::unavailable(n);
    updated += is_updated ? 1 : 0;
    ready += is_updated && !is_unavailable ? 1 : 0;
    unavailable += is_unavailable ? 1 : 0;
  }
  int total = static_cast<int>(nodes.size());
  bool done = !target.image.empty() && updated == total;
  modify(ctx.store(), pool_type(), "", pool["metadata"].value("name", ""), api::WritePart::status, [&](json& p) {
    json& s = p["status"];
    s["machineCount"] = total;
    s["updatedMachineCount"] = updated;
    s["readyMachineCount"] = ready;
    s["unavailableMachineCount"] = unavailable;
    s["degradedMachineCount"] = degraded;
    s["observedGeneration"] = p["metadata"].value("generation", 1);  // kubectl wait compares it
    if (done)
      s["configuration"] = p["spec"].value("configuration", json::object());  // the MCO moves it once all run it
    json conds = s.value("conditions", json::array());
    set_condition(conds, "Updated", done ? "True" : "False", "",
                  done ? "All nodes are updated with MachineConfig " + rendered : "");
    bool updating = !done && !target.stopped;
    set_condition(conds, "Updating", updating ? "True" : "False", "",
                  target.image.empty() ? target.waiting
                  : done              ? ""
                                      : "Pool is waiting for nodes to apply OS image");
    // Degraded is NodeDegraded or ImageBuildDegraded (the build controller sets the latter).
    bool build_degraded = false;
    for (const auto& c : conds)
      build_degraded = build_degraded || (c.value("type", "") == "ImageBuildDegraded" && c.value("status", "") == "True");
    set_condition(conds, "NodeDegraded", degraded > 0 ? "True" : "False", degraded > 0 ? std::to_string(degraded) + " nodes are reporting degraded status on sync" : "",
                  degraded_message);
    if (degraded > 0)
      set_condition(conds, "Degraded", "True", "NodeDegraded", degraded_message);
    else if (!build_degraded)
      set_condition(conds, "Degraded", "False", "", "");
    s["conditions"] = conds;
  });
}

}  // namespace dl::sim::controllers

#include "sim/controllers/pv_binder.h"

#include "sim/controllers/objects.h"

namespace dl::sim::controllers {
namespace {

const api::ResourceType& pvc_type() {
  return type_of("v1", "PersistentVolumeClaim");
}
const api::ResourceType& pv_type() {
  return type_of("v1", "PersistentVolume");
}
const api::ResourceType& sc_type() {
  return type_of("storage.k8s.io/v1", "StorageClass");
}
const api::ResourceType& pod_type() {
  return type_of("v1", "Pod");
}
constexpr const char* k_component = "persistentvolume-controller";

bool uses_claim(const json& pod, const std::string& claim) {
  for (const auto& v : pod.value("spec", json::object()).value("volumes", json::array()))
    if (v.contains("persistentVolumeClaim") && v["persistentVolumeClaim"].value("claimName", "") == claim) return true;
  return false;
}

std::optional<json> default_class(api::Store& store) {
  auto all = store.list(sc_type(), "", nullptr, 0, "");
  if (!all) return std::nullopt;
  for (const auto& sc : all->items)
    if (sc["metadata"].value("annotations", json::object()).value("storageclass.kubernetes.io/is-default-class", "") ==
        "true")
      return sc;
  return std::nullopt;
}

}  // namespace

std::vector<const api::ResourceType*> PvBinder::kinds() const {
  return {&pvc_type(), &sc_type(), &pod_type()};
}

std::vector<std::string> PvBinder::keys_for(Context& ctx, const api::WatchEvent& e) {
  if (e.resource == &pvc_type()) return {object_key(e.object)};
  std::vector<std::string> keys;
  if (e.resource == &pod_type()) {
    std::string ns = e.object["metadata"].value("namespace", "");
    for (const auto& v : e.object.value("spec", json::object()).value("volumes", json::array()))
      if (v.contains("persistentVolumeClaim"))
        keys.push_back(ns + "/" + v["persistentVolumeClaim"].value("claimName", ""));
    return keys;
  }
  // a storage class appeared or changed: every pending claim may now bind
  auto pending = ctx.store().list(
      pvc_type(), "", [](const json& o) { return o.value("status", json::object()).value("phase", "") != "Bound"; }, 0,
      "");
  if (pending)
    for (const auto& pvc : pending->items) keys.push_back(object_key(pvc));
  return keys;
}

void PvBinder::reconcile(Context& ctx, const std::string& key) {
  auto [ns, name] = split_key(key);
  auto pvc = get(ctx.store(), pvc_type(), ns, name);
  if (!pvc) return release(ctx, ns, name);
  if (pvc->value("status", json::object()).value("phase", "") == "Bound") return;
  std::string uid = (*pvc)["metadata"].value("uid", "");
  std::optional<json> sc;
  std::string class_name = pvc->value("spec", json::object()).value("storageClassName", "");
  if (class_name.empty()) {
    sc = default_class(ctx.store());
    if (!sc)
      return report(ctx, *pvc, "Normal", "FailedBinding",
                    "no persistent volumes available for this claim and no storage class is set");
  } else {
    sc = get(ctx.store(), sc_type(), "", class_name);
    if (!sc)
      return report(ctx, *pvc, "Warning", "ProvisioningFailed",
                    "storageclass.storage.k8s.io \"" + class_name + "\" not found");
  }
  std::string claim_ref = ns + "/" + name;
  if (sc->value("volumeBindingMode", "Immediate") == "WaitForFirstConsumer") {
    auto pods = ctx.store().list(
        pod_type(), ns, [&](const json& p) { return uses_claim(p, name); }, 0, "");
    if (!pods || pods->items.empty())
      return report(ctx, *pvc, "Normal", "WaitForFirstConsumer",
                    "waiting for first consumer to be created before binding");
  }
  std::string provisioner = sc->value("provisioner", "");
  report(ctx, *pvc, "Normal", "Provisioning",
         "External provisioner is provisioning volume for claim \"" + claim_ref + "\"");
  if (!m_deadlines.reached(ctx, "bind/" + uid, ctx.timing().pv_binding, key)) return;
  m_deadlines.clear("bind/" + uid);
  bind(ctx, *pvc, *sc);
}

void PvBinder::bind(Context& ctx, const json& pvc, const json& sc) {
  const json& m = pvc["metadata"];
  std::string ns = m.value("namespace", ""), name = m.value("name", ""), uid = m.value("uid", "");
  std::string pv_name = "pvc-" + uid;
  json spec = pvc.value("spec", json::object());
  json capacity = {
      {"storage", spec.value("resources", json::object()).value("requests", json::object()).value("storage", "1Gi")}};
  json access = spec.value("accessModes", json::array({"ReadWriteOnce"}));
  std::string provisioner = sc.value("provisioner", "");
  json pv = {{"metadata",
              {{"name", pv_name},
               {"annotations", {{"pv.kubernetes.io/provisioned-by", provisioner}}},
               {"finalizers", {"kubernetes.io/pv-protection"}}}},
             {"spec",
              {{"capacity", capacity},
               {"accessModes", access},
               {"persistentVolumeReclaimPolicy", sc.value("reclaimPolicy", "Delete")},
               {"storageClassName", sc["metadata"].value("name", "")},
               {"volumeMode", spec.value("volumeMode", "Filesystem")},
               {"claimRef",
                {{"kind", "PersistentVolumeClaim"},
                 {"apiVersion", "v1"},
                 {"namespace", ns},
                 {"name", name},
                 {"uid", uid},
                 {"resourceVersion", m.value("resourceVersion", "")}}},
               {"csi", {{"driver", provisioner}, {"volumeHandle", uid}, {"fsType", "xfs"}}}}},
             {"status", {{"phase", "Bound"}}}};
  if (!ensure(ctx.store(), pv_type(), "", pv)) return;
  modify(ctx.store(), pvc_type(), ns, name, api::WritePart::main, [&](json& o) {
    o["spec"]["volumeName"] = pv_name;
    json& a = o["metadata"]["annotations"];
    a["pv.kubernetes.io/bind-completed"] = "yes";
    a["pv.kubernetes.io/bound-by-controller"] = "yes";
    a["volume.kubernetes.io/storage-provisioner"] = provisioner;
  });
  modify(ctx.store(), pvc_type(), ns, name, api::WritePart::status, [&](json& o) {
    o["status"] = {{"phase", "Bound"}, {"accessModes", access}, {"capacity", capacity}};
  });
  report(ctx, pvc, "Normal", "ProvisioningSucceeded", "Successfully provisioned volume " + pv_name);
}

void PvBinder::release(Context& ctx, const std::string& ns, const std::string& name) {
  auto pvs = ctx.store().list(
      pv_type(), "",
      [&](const json& pv) {
        const json& ref = pv.value("spec", json::object()).value("claimRef", json::object());
        return ref.value("namespace", "") == ns && ref.value("name", "") == name;
      },
      0, "");
  if (!pvs) return;
  for (const auto& pv : pvs->items) {
    std::string pv_name = pv["metadata"].value("name", "");
    if (pv.value("spec", json::object()).value("persistentVolumeReclaimPolicy", "Delete") == "Delete") {
      modify(ctx.store(), pv_type(), "", pv_name, api::WritePart::main,
             [](json& o) { o["metadata"].erase("finalizers"); });
      ctx.store().remove(pv_type(), "", pv_name);
    } else {
      modify(ctx.store(), pv_type(), "", pv_name, api::WritePart::status,
             [](json& o) { o["status"]["phase"] = "Released"; });
    }
  }
}

void PvBinder::report(Context& ctx, const json& pvc, const std::string& type, const std::string& reason,
                      const std::string& message) {
  std::string id = pvc["metadata"].value("uid", "") + "/" + reason;
  if (!m_reported.insert(id).second) return;
  record_event(ctx.store(), pvc, type, reason, message, k_component);
}

}  // namespace dl::sim::controllers

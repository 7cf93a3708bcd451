#include "workflow/reconcile.h"

namespace dl::workflow {
namespace {

kube::DryRun server_dry(DryRun d) { return d == DryRun::server ? kube::DryRun::yes : kube::DryRun::no; }

/// desired's metadata labels/annotations, as a merge-patch fragment (empty when live has them).
json metadata_patch(const json& live, const json& desired) {
  json patch = json::object();
  for (const char* map : {"labels", "annotations"}) {
    if (!desired["metadata"].contains(map)) continue;
    json want = desired["metadata"][map];
    json have = live["metadata"].value(map, json::object());
    if (!contains(have, want)) patch[map] = want;
  }
  return patch;
}

kube::Error pvc_mismatch(const json& live, const json& desired) {
  kube::Error e;
  e.kind = util::ErrorKind::conflict;
  e.code = 409;
  e.reason = "SpecMismatch";
  e.message = describe(live) + " exists with a different spec (storageClassName " +
              live["spec"].value("storageClassName", "<none>") + ", wanted " +
              desired["spec"].value("storageClassName", "<none>") +
              "); a claim's spec cannot change: delete it, or set registry.internal.claimName to another name";
  return e;
}

kube::KubeResult<Outcome> create(kube::Client& client, const kube::ResourceRef& ref, const json& desired,
                                 DryRun dry_run) {
  Outcome o{Action::created, describe(desired) + ": created", desired};
  if (dry_run == DryRun::client) return o;
  auto made = client.create(ref, desired, {server_dry(dry_run), "doca-layer"});
  if (!made) return made.error();
  o.object = *made;
  return o;
}

bool data_matches(const json& live, const json& desired) {
  for (const char* field : {"data", "type", "binaryData"}) {
    if (!desired.contains(field) && !live.contains(field)) continue;
    if (desired.value(field, json()) != live.value(field, json())) return false;
  }
  return true;
}

kube::KubeResult<Outcome> replace_data(kube::Client& client, const kube::ResourceRef& ref, json live,
                                       const json& desired, DryRun dry_run) {
  json meta = metadata_patch(live, desired);
  if (data_matches(live, desired) && meta.empty()) return Outcome{Action::unchanged, describe(live) + ": unchanged", live};
  auto attempt = [&]() -> kube::KubeResult<Outcome> {
    json next = live;
    for (const char* field : {"data", "type", "binaryData"}) {
      next.erase(field);
      if (desired.contains(field)) next[field] = desired[field];
    }
    for (auto& [map, values] : meta.items())
      for (auto& [k, v] : values.items()) next["metadata"][map][k] = v;
    Outcome o{Action::updated, describe(live) + ": updated", next};
    if (dry_run == DryRun::client) return o;
    auto put = client.update(ref, next, {server_dry(dry_run), "doca-layer"});
    if (!put) {
      if (put.error().is_conflict()) {
        auto fresh = client.get(ref);
        if (fresh) live = *fresh;
      }
      return put.error();
    }
    o.object = *put;
    return o;
  };
  return kube::retry_on_conflict(4, attempt);
}

kube::KubeResult<Outcome> merge(kube::Client& client, const kube::ResourceRef& ref, const json& live,
                                const json& desired, DryRun dry_run) {
  json body = desired;
  body.erase("apiVersion");
  body.erase("kind");
  json meta = metadata_patch(live, desired);
  body.erase("metadata");
  if (!meta.empty()) body["metadata"] = meta;
  json live_cmp = live;
  if (contains(live_cmp, body)) return Outcome{Action::unchanged, describe(live) + ": unchanged", live};
  Outcome o{Action::updated, describe(live) + ": updated", live};
  o.object.merge_patch(body);
  if (dry_run == DryRun::client) return o;
  kube::PatchOptions po;
  po.dry_run = server_dry(dry_run);
  auto patched = client.patch(ref, kube::PatchType::merge, body.dump(), po);
  if (!patched) return patched.error();
  o.object = *patched;
  return o;
}

}  // namespace

const char* action_name(Action action) {
  switch (action) {
    case Action::created: return "created";
    case Action::updated: return "updated";
    case Action::unchanged: return "unchanged";
  }
  return "?";
}

kube::KubeResult<Outcome> reconcile(kube::Client& client, const json& desired, DryRun dry_run) {
  auto ref = ref_of(desired);
  if (!ref) {
    kube::Error e;
    e.kind = ref.error().kind;
    e.message = ref.error().message;
    return e;
  }
  auto live = client.get(*ref);
  if (!live && live.error().is_not_found()) {
    kube::ResourceRef collection = *ref;
    collection.name.clear();
    auto made = create(client, collection, desired, dry_run);
    // A create resent after a lost answer (or raced by another writer) finds the object: compare.
    if (made || !made.error().is_already_exists()) return made;
    live = client.get(*ref);
  }
  if (!live) return live.error();
  std::string kind = desired.value("kind", "");
  if (kind == "ConfigMap" || kind == "Secret") return replace_data(client, *ref, *live, desired, dry_run);
  if (kind == "PersistentVolumeClaim") {
    if (!contains(*live, json{{"spec", {{"storageClassName", desired["spec"].value("storageClassName", "")}}}}))
      return pvc_mismatch(*live, desired);
    json labels_only = {{"apiVersion", desired["apiVersion"]}, {"kind", kind}, {"metadata", desired["metadata"]}};
    return merge(client, *ref, *live, labels_only, dry_run);
  }
  return merge(client, *ref, *live, desired, dry_run);
}

}  // namespace dl::workflow

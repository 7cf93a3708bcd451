#include "workflow/rollback.h"

#include "render/manifests.h"
#include "workflow/follow.h"
#include "workflow/resources.h"

namespace dl::workflow {
namespace {

kube::ResourceRef mc_ref(const std::string& name) {
  kube::ResourceRef r;
  r.group = "machineconfiguration.openshift.io";
  r.version = "v1";
  r.resource = "machineconfigs";
  r.name = name;
  return r;
}

/// Deletes `ref` when it exists (and, for purge, carries doca-layer's label). True when deleted.
util::Result<bool> remove_if(kube::Client& client, const kube::ResourceRef& ref, bool require_label, DryRun dry_run) {
  auto live = client.get(ref);
  if (!live) {
    if (live.error().is_not_found()) return false;
    return live.error().to_util();
  }
  if (require_label && label(*live, render::k_managed_by_label) != "doca-layer") return false;
  if (dry_run == DryRun::client) return true;
  kube::DeleteOptions o;
  o.dry_run = dry_run == DryRun::server ? kube::DryRun::yes : kube::DryRun::no;
  auto r = client.remove(ref, o);
  if (!r && !r.error().is_not_found()) return r.error().to_util();
  return true;
}

}  // namespace

util::Result<std::string> stock_image(kube::Client& client, const std::string& pool) {
  auto p = client.get(kube::with_name(refs::pool(), pool));
  if (!p) return p.error().to_util();
  std::string rendered = (*p)["spec"].value("configuration", json::object()).value("name", "");
  if (rendered.empty())
    return util::make_error(util::ErrorKind::not_found,
                            "MachineConfigPool " + pool + " has no rendered configuration yet (spec.configuration.name): "
                            "the MCO has not rendered it, so its stock image is unknown");
  auto mc = client.get(mc_ref(rendered));
  if (!mc) return mc.error().to_util();
  std::string image = (*mc)["spec"].value("osImageURL", "");
  if (image.empty()) return util::make_error(util::ErrorKind::internal, "MachineConfig " + rendered + " has no osImageURL");
  return image;
}

util::Result<RollbackReport> rollback(kube::Client& client, const spec::LayerSpec& spec, const RollbackOptions& options,
                                      const EventSink& events) {
  RollbackReport report;
  auto stock = stock_image(client, spec.pool);
  if (!stock) return stock.error();
  report.stock_image = *stock;
  std::string suffix = options.dry_run == DryRun::none ? "" : " (dry run)";
  emit(events, Event::Kind::step, "rollback", "removing the layer from pool " + spec.pool);
  auto gone = remove_if(client, kube::with_name(refs::mosc(), spec.pool), false, options.dry_run);
  if (!gone) return gone.error();
  if (*gone) {
    report.deleted.push_back("MachineOSConfig " + spec.pool);
    emit(events, Event::Kind::change, "rollback", "MachineOSConfig " + spec.pool + ": deleted" + suffix);
  } else {
    emit(events, Event::Kind::same, "rollback", "MachineOSConfig " + spec.pool + ": already absent");
  }
  if (options.purge) {
    for (const auto& [ref, what] : std::vector<std::pair<kube::ResourceRef, std::string>>{
             {kube::with_name(refs::secret(spec::k_mco_namespace), spec::k_push_secret), "Secret push-secret"},
             {kube::with_name(refs::secret(spec::k_mco_namespace), spec::k_pull_and_push_secret), "Secret pull-and-push-secret"},
             {kube::with_name(refs::configmap(spec::k_mco_namespace), render::k_repos_configmap), "ConfigMap etc-yum-repos-d"},
             {kube::with_name(refs::secret(spec::k_mco_namespace), render::k_gpg_secret), "Secret etc-pki-rpm-gpg"}}) {
      auto d = remove_if(client, ref, true, options.dry_run);
      if (!d) return d.error();
      if (*d) {
        report.deleted.push_back(what);
        emit(events, Event::Kind::change, "rollback", what + ": deleted" + suffix);
      }
    }
  }
  if (!options.wait || options.dry_run != DryRun::none) return report;
  emit(events, Event::Kind::step, "rollout", "pool " + spec.pool + " returning to " + *stock);
  if (auto st = follow_rollout(client, spec.pool, *stock, options.timeout, events); !st) return st.error();
  emit(events, Event::Kind::done, "rollout", "every node of pool " + spec.pool + " runs the stock image");
  return report;
}

}  // namespace dl::workflow

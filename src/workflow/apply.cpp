#include "workflow/apply.h"

#include <ctime>
#include <map>

#include "render/manifests.h"
#include "workflow/credentials.h"
#include "workflow/verify.h"

namespace dl::workflow {
namespace {

long long now_of(const ApplyOptions& o) {
  return o.now ? o.now() : static_cast<long long>(std::time(nullptr));
}

const char* step_of(const json& object) {
  std::string kind = object.value("kind", "");
  if (kind == "PersistentVolumeClaim" || kind == "Config") return "registry";
  if (kind == "MachineOSConfig") return "machineosconfig";
  return "repos";
}

void record(ApplyReport& report, const Outcome& o, const char* step, DryRun dry_run, const EventSink& events) {
  report.outcomes.push_back(o);
  if (o.action == Action::unchanged) {
    emit(events, Event::Kind::same, step, o.summary);
    return;
  }
  ++report.writes;
  std::string suffix = dry_run == DryRun::none ? "" : " (dry run)";
  emit(events, Event::Kind::change, step, o.summary + suffix, {{"action", action_name(o.action)}});
}

util::Status reconcile_step(kube::Client& client, const json& desired, const ApplyOptions& options, ApplyReport& report,
                            const EventSink& events) {
  auto o = reconcile(client, desired, options.dry_run);
  if (!o) return o.error().to_util();
  record(report, *o, step_of(desired), options.dry_run, events);
  if (std::string(step_of(desired)) == "repos" && o->action != Action::unchanged) report.repos_changed = true;
  if (desired.value("kind", "") == "MachineOSConfig") {
    report.layer_changed = o->action != Action::unchanged;
    report.image = o->object.value("status", json::object()).value("currentImagePullSpec", "");
    report.verified_image = annotation(o->object, k_verified_annotation);
  }
  return util::ok_status();
}

util::Status credentials_step(kube::Client& client, const spec::LayerSpec& spec, const ApplyOptions& options,
                              ApplyReport& report, const EventSink& events) {
  emit(events, Event::Kind::step, "credentials",
       spec.registry.internal ? "push token for ServiceAccount builder, push-secret, pull-and-push-secret"
                              : "checking the push secret " + spec.registry.external->push_secret);
  auto c = ensure_credentials(client, spec, now_of(options), options.dry_run);
  if (!c) return c.error().to_util();
  report.token_requested = c->token_requested;
  report.token_expires = c->token_expires;
  if (c->token_requested)
    emit(events, Event::Kind::change, "credentials",
         "requested a push token valid until " + format_time(*c->token_expires) +
             (options.dry_run == DryRun::none ? "" : " (dry run)"));
  for (const auto& o : c->outcomes) record(report, o, "credentials", options.dry_run, events);
  emit(events, Event::Kind::done, "credentials", "credentials ready");
  return util::ok_status();
}

// A MachineOSConfig that did not change builds nothing: with --rebuild, ask the MCO for a new
// build (returns the uid of the build it replaces); after a repos-only change, say so.
util::Result<std::string> rebuild_step(kube::Client& client, const spec::LayerSpec& spec, const ApplyOptions& options,
                                       ApplyReport& report, const EventSink& events) {
  if (report.layer_changed) return std::string();
  if (!options.rebuild) {
    if (report.repos_changed)
      emit(events, Event::Kind::warn, "machineosconfig",
           "the package repositories changed but the MachineOSConfig did not, so the MCO builds nothing: the nodes "
           "keep the image built from the previous repositories (apply --rebuild builds it again and reboots every "
           "node of pool " + spec.pool + ")");
    return std::string();
  }
  bool dry = options.dry_run != DryRun::none;
  auto stale = request_rebuild(client, spec.pool, dry);
  if (!stale) return stale.error();
  report.layer_changed = report.rebuild_requested = true;
  ++report.writes;
  emit(events, Event::Kind::change, "machineosconfig",
       "requested a rebuild of MachineOSConfig " + spec.pool + (dry ? " (dry run)" : "") +
           ": the MCO builds the image again and reboots every node of pool " + spec.pool + " onto it",
       {{"action", "rebuild"}});
  return *stale;
}

}  // namespace

util::Status wait_registry(kube::Client& client, const spec::LayerSpec& spec, std::chrono::milliseconds timeout,
                           const EventSink& events) {
  const std::string& claim = spec.registry.internal->claim_name;
  Observer obs(client);
  kube::InformerOptions by_claim;
  by_claim.field_selector = "metadata.name=" + claim;
  size_t pvc_i = obs.watch(refs::pvc(spec::k_registry_namespace), by_claim);
  kube::InformerOptions by_deploy;
  by_deploy.field_selector = "metadata.name=image-registry";
  size_t dep_i = obs.watch(refs::deployment(spec::k_registry_namespace), by_deploy);
  std::string last;
  return obs.wait(
      [&]() -> Verdict {
        auto pvc = obs.find(pvc_i, claim);
        auto dep = obs.find(dep_i, "image-registry");
        std::string phase = pvc ? pvc->value("status", json::object()).value("phase", "Pending") : "missing";
        long long available = dep ? dep->value("status", json::object()).value("availableReplicas", 0LL) : 0;
        std::string now = "claim " + claim + " " + phase + ", registry " + std::to_string(available) + " available";
        if (now != last) emit(events, Event::Kind::wait, "registry", now);
        last = now;
        return phase == "Bound" && available > 0 ? Verdict::done() : Verdict::pending();
      },
      timeout, "the image registry: claim " + claim + " Bound and Deployment image-registry available");
}

util::Result<ApplyReport> apply(kube::Client& client, const spec::LayerSpec& spec, const ApplyOptions& options,
                                const EventSink& events) {
  auto rendered = render::render(spec);
  if (!rendered) return rendered.error();
  std::map<std::string, std::vector<json>> by_step;
  for (const auto& obj : rendered->objects) {
    json desired = to_plain(obj.body);
    by_step[step_of(desired)].push_back(std::move(desired));
  }
  ApplyReport report;
  auto run = [&](const char* step) -> util::Status {
    for (const auto& desired : by_step[step])
      if (auto st = reconcile_step(client, desired, options, report, events); !st) return st;
    return util::ok_status();
  };
  if (spec.registry.internal) {
    emit(events, Event::Kind::step, "registry",
         "internal image registry on claim " + spec.registry.internal->claim_name);
    if (auto st = run("registry"); !st) return st.error();
    if (options.dry_run == DryRun::none) {
      if (auto st = wait_registry(client, spec, options.registry_timeout, events); !st) return st.error();
      emit(events, Event::Kind::done, "registry", "registry running");
    }
  }
  if (auto st = credentials_step(client, spec, options, report, events); !st) return st.error();
  emit(events, Event::Kind::step, "repos", "package repositories for the build");
  if (auto st = run("repos"); !st) return st.error();
  emit(events, Event::Kind::step, "machineosconfig", "MachineOSConfig " + spec.pool);
  if (auto st = run("machineosconfig"); !st) return st.error();
  auto stale = rebuild_step(client, spec, options, report, events);
  if (!stale) return stale.error();
  if (report.layer_changed && !report.rebuild_requested)
    emit(events, Event::Kind::warn, "machineosconfig",
         "the MachineOSConfig changed: the MCO builds a new image and reboots every node of pool " + spec.pool);
  if (!options.wait || options.dry_run != DryRun::none) return report;
  emit(events, Event::Kind::step, "build", "waiting for the image build");
  auto build = follow_build(client, spec.pool, options.timeout, events, *stale);
  if (!build) return build.error();
  report.build = *build;
  report.image = build->image;
  emit(events, Event::Kind::done, "build",
       "build " + build->name + " Succeeded" + (report.layer_changed ? " in " + human_duration(build->took) : "") +
           ": " + build->image);
  emit(events, Event::Kind::step, "rollout", "rolling out to pool " + spec.pool);
  if (auto st = follow_rollout(client, spec.pool, build->image, options.timeout, events); !st) return st.error();
  emit(events, Event::Kind::done, "rollout", "every node of pool " + spec.pool + " runs the layered image");
  return report;
}

}  // namespace dl::workflow

#include "workflow/logs.h"

#include <set>
#include <thread>

#include "workflow/follow.h"
#include "workflow/resources.h"

namespace dl::workflow {
namespace {

const char* k_mco_ns = "openshift-machine-config-operator";

util::Result<std::string> which_build(kube::Client& client, const std::string& mosc, const LogsOptions& options) {
  if (!options.build.empty()) return options.build;
  auto m = client.get(kube::with_name(refs::mosc(), mosc));
  if (!m) {
    if (m.error().is_not_found())
      return util::make_error(util::ErrorKind::not_found, "no MachineOSConfig " + mosc + ": nothing was built (run apply)");
    return m.error().to_util();
  }
  std::string b = annotation(*m, mco_key("current-machine-os-build"));
  if (b.empty()) return util::make_error(util::ErrorKind::not_found, "MachineOSConfig " + mosc + " has no build yet");
  return b;
}

bool ended(kube::Client& client, const std::string& build) {
  auto b = client.get(kube::with_name(refs::mosb(), build));
  if (!b) return true;
  std::string s = build_state(*b);
  return s == "Succeeded" || s == "Failed" || s == "Interrupted";
}

}  // namespace

util::Status build_logs(kube::Client& client, const std::string& mosc, const LogsOptions& options,
                        const std::function<void(std::string_view)>& out) {
  auto build = which_build(client, mosc, options);
  if (!build) return build.error();
  std::set<std::string> shown;
  for (;;) {
    std::string pod = build_pod_name(client, *build);
    if (!pod.empty() && !shown.count(pod)) {
      shown.insert(pod);
      kube::LogOptions lo;
      lo.container = "image-build";
      lo.follow = options.follow;
      lo.cancel = options.cancel;
      auto r = client.logs(kube::with_name(refs::pod(k_mco_ns), pod), lo, [&](std::string_view chunk) {
        out(chunk);
        return true;
      });
      if (!r && !r.error().is_not_found()) return r.error().to_util();
    }
    if (!options.follow || (options.cancel && options.cancel->load())) return util::ok_status();
    if (ended(client, *build)) {
      std::string last = build_pod_name(client, *build);
      if (last.empty() || shown.count(last)) return util::ok_status();
      continue;  // a pod we have not shown yet: show it, then stop
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the Job's next pod
  }
}

}  // namespace dl::workflow

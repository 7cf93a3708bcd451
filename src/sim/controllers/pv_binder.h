// PvBinder: the part of kube-controller-manager and a CSI provisioner that turns claims into
// volumes. A PVC stays Pending until it can be provisioned: its storage class must exist
// (otherwise a Warning ProvisioningFailed event, and it stays Pending), and with
// volumeBindingMode WaitForFirstConsumer a pod must use it (otherwise a WaitForFirstConsumer
// event). Then, after Timing::pv_binding, a PV `pvc-<claim uid>` of the class is created Bound
// and the claim becomes Bound to it. Deleting a claim deletes its PV (reclaim policy Delete) or
// releases it (Retain).
#pragma once

#include <set>

#include "sim/controllers/controller.h"

namespace dl::sim::controllers {

class PvBinder final : public Controller {
 public:
  std::string name() const override { return "pv-binder"; }
  std::vector<const api::ResourceType*> kinds() const override;
  std::vector<std::string> keys_for(Context& ctx, const api::WatchEvent& event) override;
  void reconcile(Context& ctx, const std::string& key) override;

 private:
  void bind(Context& ctx, const json& pvc, const json& sc);
  void release(Context& ctx, const std::string& ns, const std::string& name);
  /// Records an event about `pvc` once per (claim, reason).
  void report(Context& ctx, const json& pvc, const std::string& type, const std::string& reason,
              const std::string& message);

  Deadlines m_deadlines;
  std::set<std::string> m_reported;
};

}  // namespace dl::sim::controllers

#include "sim/controllers/timing.h"

#include <cmath>

namespace dl::sim::controllers {

using std::chrono::minutes;
using std::chrono::seconds;

Timing Timing::fast() {
  return Timing{};
}

Timing Timing::realistic() {
  Timing t;
  t.pv_binding = seconds(12);      // LVMS: topolvm provisions a logical volume
  t.registry_start = seconds(45);  // image pull + readiness probe (the write-up saw ~1 minute)
  t.build_prepare = seconds(40);   // machine-os-builder starts, ConfigMaps/Secrets prepared
  t.build_step = seconds(25);      // dnf/rpm-ostree steps of a DOCA Containerfile (~7 minutes total)
  t.image_push = seconds(60);
  t.drain = minutes(2);
  t.reboot = minutes(6);  // bare-metal reboot with firmware and RHCOS boot
  t.node_settle = seconds(30);
  t.host_pod = seconds(3);            // image already present: container created and started
  t.upgrade_operators = minutes(35);  // etcd, kube-apiserver, ... roll out before the MCO
  return t;
}

Timing Timing::demo() {
  Timing t;
  t.pv_binding = seconds(2);
  t.registry_start = seconds(4);
  t.build_prepare = seconds(3);
  t.build_step = seconds(2);
  t.image_push = seconds(3);
  t.drain = seconds(2);
  t.reboot = seconds(6);
  t.node_settle = seconds(2);
  t.host_pod = Duration(500);
  t.upgrade_operators = seconds(20);
  return t;
}

Timing Timing::test() {
  Timing t;
  t.pv_binding = Duration(20);
  t.registry_start = Duration(30);
  t.build_prepare = Duration(10);
  t.build_step = Duration(5);
  t.image_push = Duration(10);
  t.drain = Duration(10);
  t.reboot = Duration(20);
  t.node_settle = Duration(5);
  t.host_pod = Duration(5);
  t.upgrade_operators = Duration(30);
  return t;
}

Timing Timing::scaled(double factor) const {
  auto scale = [factor](Duration d) {
    return Duration(static_cast<Duration::rep>(std::llround(static_cast<double>(d.count()) * factor)));
  };
  Timing t = *this;
  for (Duration* d : {&t.pv_binding, &t.registry_start, &t.build_prepare, &t.build_step, &t.image_push, &t.drain,
                      &t.reboot, &t.node_settle, &t.host_pod, &t.upgrade_operators})
    *d = scale(*d);
  return t;
}

}  // namespace dl::sim::controllers

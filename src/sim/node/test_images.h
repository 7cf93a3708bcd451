// Images the sim/node tests boot: stock RHCOS 4.20 and the OVS-DOCA layer of the write-up.
#pragma once

#include <string>

#include "sim/node/os_image.h"

namespace dl::sim::node::testing {

/// Stock RHCOS of OpenShift 4.20 (openvswitch3.5).
inline OsImage stock_image() {
  return stock_rhcos_image("4.20");
}

/// The on-cluster-built OVS-DOCA layer on 4.20: DOCA 3.3.0109, doca-openvswitch 3.3.0040.
inline OsImage doca_image() {
  return ovs_doca_image(
      stock_image(), "3.3.0109", "3.3.0040",
      "image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest",
      "sha256:" + std::string(64, 'a'));
}

}  // namespace dl::sim::node::testing

// The commented starter layer.yaml that `doca-layer init` writes.
#pragma once

#include <string>

namespace dl::spec {

struct StarterOptions {
  std::string name = "ovs-doca";
  std::string pool = "master";
  std::string openshift_version;  ///< empty: left commented out
  std::string doca_version = "3.3.0";
  std::string profile = "doca-all";
  std::string arch = "x86_64";
  std::string storage_class = "lvms-vg1";
  std::string size = "100Gi";
  int replicas = 1;
  std::string push_spec;    ///< set: external registry instead of the internal one
  std::string push_secret;
};

/// Starter spec text; every value is quoted as a string where YAML would read it otherwise.
std::string starter_spec(const StarterOptions& o);

}  // namespace dl::spec

#include "spec/starter.h"

#include <nlohmann/json.hpp>

#include "util/yaml_emit.h"

namespace dl::spec {
namespace {
std::string q(const std::string& s) { return util::is_plain_safe(s) ? s : nlohmann::json(s).dump(); }
}  // namespace

std::string starter_spec(const StarterOptions& o) {
  std::string out;
  out += "# doca-layer layer spec: OVS-DOCA on the nodes of one MachineConfigPool.\n";
  out += "# Reference: docs/spec.md. Check with 'doca-layer validate -f layer.yaml'.\n";
  out += "apiVersion: doca-layer.nvidia.com/v1alpha1\nkind: LayerConfig\nmetadata:\n  name: " + q(o.name) + "\n";
  out += "spec:\n";
  out += "  # MachineConfigPool to layer (master on single-node OpenShift, worker or a custom pool elsewhere).\n";
  out += "  # The MachineOSConfig gets the same name.\n";
  out += "  pool: " + q(o.pool) + "\n";
  if (o.openshift_version.empty())
    out += "  # OpenShift version, when known; it selects the RHEL base (read from the cluster at apply time).\n"
           "  # openshiftVersion: \"4.20\"\n";
  else
    out += "  openshiftVersion: \"" + o.openshift_version + "\"\n";
  out += "  doca:\n";
  out += "    version: \"" + o.doca_version + "\"\n";
  out += "    profile: " + q(o.profile) + "        # doca-all or doca-networking (both include OVS-DOCA)\n";
  out += "    arch: " + q(o.arch) + "            # x86_64 or aarch64\n";
  out += "    # os: rhel9                # DOCA repo OS; derived from the DOCA and OpenShift versions\n";
  out += "    # baseURL: https://linux.mellanox.com/public/repo/doca   # or your mirror\n";
  out += "    gpgCheck: true\n";
  out += "  # Dependency repos; default: CentOS Stream BaseOS, AppStream, CRB and EPEL. Listing repos\n";
  out += "  # replaces the defaults (air-gapped clusters: point these at your mirrors).\n";
  out += "  # repos:\n";
  out += "  # - id: baseos\n";
  out += "  #   baseURL: https://mirror.example.com/centos-stream/9-stream/BaseOS/x86_64/os\n";
  out += "  #   gpgKeyFile: keys/RPM-GPG-KEY-centosofficial\n";
  out += "  packages:\n";
  out += "    extra: []                # more packages to install with the DOCA profile\n";
  out += "  registry:\n";
  if (o.push_spec.empty()) {
    out += "    internal:                # the cluster's image registry, enabled by apply\n";
    out += "      storageClass: " + q(o.storage_class) + "\n";
    out += "      size: " + q(o.size) + "\n";
    out += "      replicas: " + std::to_string(o.replicas) + "\n";
    if (o.replicas > 1) out += "      accessMode: ReadWriteMany\n";
    out += "    # external:              # or push to a registry of your own\n";
    out += "    #   pushSpec: quay.io/acme/ovs-doca:latest\n";
    out += "    #   pushSecret: my-push-secret   # dockerconfigjson Secret in openshift-machine-config-operator\n";
  } else {
    out += "    external:\n";
    out += "      pushSpec: " + q(o.push_spec) + "\n";
    out += "      pushSecret: " + q(o.push_secret) + "   # dockerconfigjson Secret in openshift-machine-config-operator\n";
  }
  out += "  credentials:\n";
  out += "    tokenTTL: 720h           # push token lifetime; apply renews it\n";
  out += "    renewBefore: 72h\n";
  out += "  ovs:\n";
  out += "    docaInit: true           # other_config:doca-init, set before ovs-vswitchd starts\n";
  out += "    hwOffload: true\n";
  out += "    otherConfig: {}          # more Open_vSwitch other_config keys, e.g. max-idle: \"20000\"\n";
  return out;
}

}  // namespace dl::spec

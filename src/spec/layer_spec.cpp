#include "spec/layer_spec.h"

#include "spec/platform.h"

namespace dl::spec {

std::string push_spec(const LayerSpec& spec) {
  if (spec.registry.external) return spec.registry.external->push_spec;
  std::string image = spec.registry.internal ? spec.registry.internal->image : "os-image";
  return std::string("image-registry.") + k_registry_namespace + ".svc:5000/" + k_mco_namespace + "/" + image +
         ":latest";
}

std::string doca_repo_url(const LayerSpec& spec) {
  return spec.doca.base_url + "/" + spec.doca.version + "/" + spec.doca.os + "/" + doca_repo_arch(spec.doca.arch) +
         "/";
}

}  // namespace dl::spec

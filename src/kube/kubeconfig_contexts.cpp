#include "kube/kubeconfig_contexts.h"

#include "kube/kubeconfig_entries.h"

namespace dl::kube {

util::Result<std::vector<std::string>> context_names(const LoadOptions& o) {
  auto merged = detail::read_merged(o);
  if (!merged) return merged.error();
  std::vector<std::string> names;
  for (const auto& [name, entry] : merged->contexts) names.push_back(name);
  return names;
}

}  // namespace dl::kube

#include "workflow/names.h"

#include <algorithm>

#include "kube/kubeconfig_contexts.h"
#include "workflow/resources.h"

namespace dl::workflow {

util::Result<std::vector<std::string>> list_names(NameKind kind, const ConnectOptions& options,
                                                  std::chrono::milliseconds budget) {
  auto load = kube::load_options_from_env(options.kubeconfig, options.context);
  if (kind == NameKind::contexts) return kube::context_names(load);
  auto config = kube::load_client_config(load);
  if (!config) return config.error();
  kube::CurlOptions curl;
  curl.connect_timeout = budget;
  kube::ClientOptions client_options;
  client_options.timeout = budget;
  client_options.retry.max_attempts = 1;
  kube::Client client(*config, std::make_unique<kube::CurlTransport>(*config, curl), client_options);
  auto list = client.list(kind == NameKind::pools ? refs::pool() : refs::node());
  if (!list) return list.error().to_util();
  std::vector<std::string> names;
  for (const auto& item : list->value("items", json::array())) {
    std::string name = item.is_object() ? item.value("/metadata/name"_json_pointer, std::string()) : std::string();
    if (!name.empty()) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace dl::workflow

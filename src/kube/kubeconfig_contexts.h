// The context names a kubeconfig offers (shell completion of --context), chosen and merged with
// the same rules as load_client_config: an explicit path alone, else KUBECONFIG's list, else
// ~/.kube/config.
#pragma once

#include <string>
#include <vector>

#include "kube/kubeconfig.h"
#include "util/result.h"

namespace dl::kube {

/// Every context name of the merged kubeconfig `options` selects, sorted; not_found when no
/// file exists, invalid_input/io naming the file when one is broken.
util::Result<std::vector<std::string>> context_names(const LoadOptions& options);

}  // namespace dl::kube

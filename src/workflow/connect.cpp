#include "workflow/connect.h"

namespace dl::workflow {

util::Result<Connection> connect(const ConnectOptions& options) {
  auto config = kube::load_client_config(kube::load_options_from_env(options.kubeconfig, options.context));
  if (!config) return config.error();
  Connection c;
  c.config = *config;
  if (c.config.insecure)
    c.insecure_warning = "TLS verification is off for " + c.config.server +
                         " (insecure-skip-tls-verify in " + c.config.source + ")";
  kube::CurlOptions curl;
  curl.user_agent = "doca-layer";
  curl.verbosity = options.verbosity;
  curl.log = options.log;
  kube::ClientOptions client_options;
  client_options.timeout = options.request_timeout;
  c.client = std::make_unique<kube::Client>(c.config, std::make_unique<kube::CurlTransport>(c.config, curl),
                                            client_options);
  return c;
}

}  // namespace dl::workflow

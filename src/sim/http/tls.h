// Certificates for the simulated API server: a throwaway CA, a server certificate it signs,
// and client certificates for tests of client-certificate authentication.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "util/result.h"

namespace dl::sim::http {

/// PEM texts of a CA and of a server certificate it signed (keys are unencrypted PKCS#8).
struct TlsMaterial {
  std::string ca_cert_pem;
  std::string ca_key_pem;
  std::string server_cert_pem;
  std::string server_key_pem;
};

/// Generates an EC P-256 CA and a server certificate signed by it, both valid for a year, with
/// subjectAltName IP:127.0.0.1, IP:::1, DNS:localhost plus `extra_hosts` (each an IPv4/IPv6
/// literal or a DNS name). invalid_input for an empty or malformed host; internal when OpenSSL fails.
util::Result<TlsMaterial> generate_tls(const std::vector<std::string>& extra_hosts);

/// Signs a client certificate (CN=`common_name`, O=each of `organizations`, clientAuth) with the
/// CA in `ca`; returns {cert_pem, key_pem}. invalid_input when the CA PEMs do not parse or the
/// name is empty.
util::Result<std::pair<std::string, std::string>> issue_client_cert(const TlsMaterial& ca,
                                                                    const std::string& common_name,
                                                                    const std::vector<std::string>& organizations);

}  // namespace dl::sim::http

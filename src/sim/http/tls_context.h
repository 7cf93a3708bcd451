// Internal: the server-side OpenSSL context built from TlsMaterial.
#pragma once

#include "sim/http/ossl.h"
#include "sim/http/tls.h"
#include "util/result.h"

namespace dl::sim::http {

/// An SSL_CTX serving `material`'s server certificate: TLS 1.2 or later, ALPN answers http/1.1 only
/// (never h2), no session tickets. With `request_client_cert` it asks for an optional client
/// certificate and fails the handshake when one is sent that the CA did not sign.
/// invalid_input when the PEMs do not parse or the key does not match the certificate.
util::Result<ossl::SslCtx> make_server_context(const TlsMaterial& material, bool request_client_cert);

}  // namespace dl::sim::http

#include "sim/http/tls_context.h"

namespace dl::sim::http {
namespace {

using util::ErrorKind;
using util::make_error;

constexpr unsigned char k_alpn_http11[] = {8, 'h', 't', 't', 'p', '/', '1', '.', '1'};
constexpr unsigned char k_session_context[] = "dl-sim-http";

int select_alpn(SSL* /*ssl*/, const unsigned char** out, unsigned char* out_len, const unsigned char* in,
                unsigned int in_len, void* /*arg*/) {
  unsigned char* chosen = nullptr;
  int r = SSL_select_next_proto(&chosen, out_len, k_alpn_http11, sizeof k_alpn_http11, in, in_len);
  if (r != OPENSSL_NPN_NEGOTIATED) return SSL_TLSEXT_ERR_NOACK;
  *out = chosen;
  return SSL_TLSEXT_ERR_OK;
}

util::Status use_server_identity(SSL_CTX* ctx, const TlsMaterial& material) {
  ossl::Cert cert = ossl::cert_from_pem(material.server_cert_pem);
  ossl::Pkey key = ossl::key_from_pem(material.server_key_pem);
  if (!cert || !key) return make_error(ErrorKind::invalid_input, "server certificate or key does not parse");
  if (SSL_CTX_use_certificate(ctx, cert.get()) != 1 || SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 ||
      SSL_CTX_check_private_key(ctx) != 1) {
    return make_error(ErrorKind::invalid_input, "server certificate/key: " + ossl::last_error());
  }
  return util::ok_status();
}

util::Status trust_client_ca(SSL_CTX* ctx, const TlsMaterial& material) {
  ossl::Cert ca = ossl::cert_from_pem(material.ca_cert_pem);
  if (!ca) return make_error(ErrorKind::invalid_input, "CA certificate does not parse");
  if (X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), ca.get()) != 1 || SSL_CTX_add_client_CA(ctx, ca.get()) != 1) {
    return make_error(ErrorKind::internal, "trusting client CA: " + ossl::last_error());
  }
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
  return util::ok_status();
}

}  // namespace

util::Result<ossl::SslCtx> make_server_context(const TlsMaterial& material, bool request_client_cert) {
  ossl::SslCtx ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return make_error(ErrorKind::internal, "SSL_CTX_new: " + ossl::last_error());
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
  SSL_CTX_set_num_tickets(ctx.get(), 0);
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_AUTO_RETRY);
  SSL_CTX_set_options(ctx.get(), SSL_OP_IGNORE_UNEXPECTED_EOF);  // a bare TCP close reads as EOF
  SSL_CTX_set_session_id_context(ctx.get(), k_session_context, sizeof k_session_context - 1);
  SSL_CTX_set_alpn_select_cb(ctx.get(), select_alpn, nullptr);
  if (auto st = use_server_identity(ctx.get(), material); !st) return st.error();
  if (request_client_cert) {
    if (auto st = trust_client_ca(ctx.get(), material); !st) return st.error();
  }
  return ctx;
}

}  // namespace dl::sim::http

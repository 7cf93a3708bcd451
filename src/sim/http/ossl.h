// Internal: owning pointers for OpenSSL objects and PEM conversions. Not part of the API.
#pragma once

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>
#include <string>
#include <string_view>

namespace dl::sim::http::ossl {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};

using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Pkey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Name = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using SslCtx = std::unique_ptr<SSL_CTX, Deleter<SSL_CTX_free>>;
using Ssl = std::unique_ptr<SSL, Deleter<SSL_free>>;

/// The queued OpenSSL error strings joined with "; " (clears the queue); "unknown" when empty.
std::string last_error();

/// PEM text -> object; null when the text holds no such PEM block.
Cert cert_from_pem(std::string_view pem);
Pkey key_from_pem(std::string_view pem);

/// Object -> PEM text (unencrypted PKCS#8 for keys); empty on failure.
std::string cert_to_pem(X509* cert);
std::string key_to_pem(EVP_PKEY* key);

/// RFC 4514-style "CN=<cn>,O=<o1>,O=<o2>" for a subject: CN first, then each O in order,
/// other attributes omitted; ',' '+' '\\' '"' '=' in values are backslash-escaped.
std::string subject_string(const X509_NAME* name);

}  // namespace dl::sim::http::ossl

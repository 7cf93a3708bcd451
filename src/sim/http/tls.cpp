#include "sim/http/tls.h"

#include <arpa/inet.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstdint>

#include "sim/http/ossl.h"

namespace dl::sim::http {
namespace {

using util::ErrorKind;
using util::make_error;

constexpr long k_validity_seconds = 365L * 24 * 3600;
constexpr long k_backdate_seconds = 3600;  // tolerate small clock skew between processes

/// One certificate to build: its subject and key, the issuer (null = self-signed) and the
/// extensions as (NID, OpenSSL config value) pairs.
struct CertSpec {
  X509_NAME* subject = nullptr;
  EVP_PKEY* key = nullptr;
  X509* issuer = nullptr;
  EVP_PKEY* issuer_key = nullptr;
  std::vector<std::pair<int, std::string>> extensions;
};

util::Error ssl_failure(const std::string& what) {
  return make_error(ErrorKind::internal, what + ": " + ossl::last_error());
}

ossl::Pkey new_key() {
  return ossl::Pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
}

bool add_entry(X509_NAME* name, const char* field, const std::string& value) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
  return X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, bytes, static_cast<int>(value.size()), -1, 0) == 1;
}

ossl::Name make_name(const std::string& common_name, const std::vector<std::string>& organizations) {
  ossl::Name name(X509_NAME_new());
  if (!name) return name;
  for (const auto& org : organizations) {
    if (!add_entry(name.get(), "O", org)) return nullptr;
  }
  if (!add_entry(name.get(), "CN", common_name)) return nullptr;
  return name;
}

bool set_random_serial(X509* cert) {
  uint64_t serial = 0;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(&serial), sizeof serial) != 1) return false;
  serial = (serial >> 1) | 1;  // positive and non-zero
  return ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), serial) == 1;
}

bool add_extensions(X509* cert, const CertSpec& spec) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, spec.issuer ? spec.issuer : cert, cert, nullptr, nullptr, 0);
  for (const auto& [nid, value] : spec.extensions) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext) return false;
    int added = X509_add_ext(cert, ext, -1);
    X509_EXTENSION_free(ext);
    if (added != 1) return false;
  }
  return true;
}

util::Result<ossl::Cert> build_cert(const CertSpec& spec) {
  ossl::Cert cert(X509_new());
  const X509_NAME* issuer_name = spec.issuer ? X509_get_subject_name(spec.issuer) : spec.subject;
  bool ok = cert && X509_set_version(cert.get(), X509_VERSION_3) == 1 && set_random_serial(cert.get()) &&
            X509_gmtime_adj(X509_getm_notBefore(cert.get()), -k_backdate_seconds) &&
            X509_gmtime_adj(X509_getm_notAfter(cert.get()), k_validity_seconds) &&
            X509_set_subject_name(cert.get(), spec.subject) == 1 &&
            X509_set_issuer_name(cert.get(), issuer_name) == 1 && X509_set_pubkey(cert.get(), spec.key) == 1 &&
            add_extensions(cert.get(), spec);
  if (!ok) return ssl_failure("building certificate");
  EVP_PKEY* signer = spec.issuer_key ? spec.issuer_key : spec.key;
  if (X509_sign(cert.get(), signer, EVP_sha256()) <= 0) return ssl_failure("signing certificate");
  return cert;
}

bool is_ip_literal(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

bool is_dns_name(const std::string& host) {
  return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '*';
  });
}

/// "IP:127.0.0.1,IP:::1,DNS:localhost,..." with `extra_hosts` appended once each.
util::Result<std::string> san_value(const std::vector<std::string>& extra_hosts) {
  std::vector<std::string> entries = {"IP:127.0.0.1", "IP:::1", "DNS:localhost"};
  for (const auto& host : extra_hosts) {
    std::string entry;
    if (is_ip_literal(host))
      entry = "IP:" + host;
    else if (is_dns_name(host))
      entry = "DNS:" + host;
    else
      return make_error(ErrorKind::invalid_input, "not an IP address or DNS name: '" + host + "'");
    if (std::find(entries.begin(), entries.end(), entry) == entries.end()) entries.push_back(entry);
  }
  std::string out;
  for (const auto& e : entries) out += (out.empty() ? "" : ",") + e;
  return out;
}

util::Result<ossl::Cert> make_ca(EVP_PKEY* key) {
  ossl::Name name = make_name("doca-layer-sim-ca", {});
  if (!name) return ssl_failure("CA name");
  CertSpec spec{name.get(),
                key,
                nullptr,
                nullptr,
                {{NID_basic_constraints, "critical,CA:TRUE"},
                 {NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature"},
                 {NID_subject_key_identifier, "hash"}}};
  return build_cert(spec);
}

/// A leaf certificate for `subject`, signed by the CA, with `usage` extensions added.
util::Result<ossl::Cert> make_leaf(X509_NAME* subject, EVP_PKEY* key, X509* ca, EVP_PKEY* ca_key,
                                   std::vector<std::pair<int, std::string>> usage) {
  CertSpec spec{subject,
                key,
                ca,
                ca_key,
                {{NID_basic_constraints, "critical,CA:FALSE"},
                 {NID_key_usage, "critical,digitalSignature,keyEncipherment"},
                 {NID_subject_key_identifier, "hash"},
                 {NID_authority_key_identifier, "keyid:always"}}};
  for (auto& u : usage) spec.extensions.push_back(std::move(u));
  return build_cert(spec);
}

}  // namespace

util::Result<TlsMaterial> generate_tls(const std::vector<std::string>& extra_hosts) {
  auto san = san_value(extra_hosts);
  if (!san) return san.error();
  ossl::Pkey ca_key = new_key();
  ossl::Pkey server_key = new_key();
  if (!ca_key || !server_key) return ssl_failure("generating EC P-256 key");
  auto ca = make_ca(ca_key.get());
  if (!ca) return ca.error();
  ossl::Name name = make_name("kube-apiserver", {});
  if (!name) return ssl_failure("server name");
  auto server = make_leaf(name.get(), server_key.get(), ca->get(), ca_key.get(),
                          {{NID_ext_key_usage, "serverAuth"}, {NID_subject_alt_name, *san}});
  if (!server) return server.error();
  TlsMaterial out{ossl::cert_to_pem(ca->get()), ossl::key_to_pem(ca_key.get()), ossl::cert_to_pem(server->get()),
                  ossl::key_to_pem(server_key.get())};
  if (out.ca_cert_pem.empty() || out.ca_key_pem.empty() || out.server_cert_pem.empty() || out.server_key_pem.empty()) {
    return ssl_failure("writing PEM");
  }
  return out;
}

util::Result<std::pair<std::string, std::string>> issue_client_cert(const TlsMaterial& ca,
                                                                    const std::string& common_name,
                                                                    const std::vector<std::string>& organizations) {
  if (common_name.empty()) return make_error(ErrorKind::invalid_input, "client certificate needs a common name");
  ossl::Cert ca_cert = ossl::cert_from_pem(ca.ca_cert_pem);
  ossl::Pkey ca_key = ossl::key_from_pem(ca.ca_key_pem);
  if (!ca_cert || !ca_key) return make_error(ErrorKind::invalid_input, "CA certificate or key does not parse");
  ossl::Pkey key = new_key();
  ossl::Name name = make_name(common_name, organizations);
  if (!key || !name) return ssl_failure("client key or name");
  auto cert = make_leaf(name.get(), key.get(), ca_cert.get(), ca_key.get(), {{NID_ext_key_usage, "clientAuth"}});
  if (!cert) return cert.error();
  std::string cert_pem = ossl::cert_to_pem(cert->get());
  std::string key_pem = ossl::key_to_pem(key.get());
  if (cert_pem.empty() || key_pem.empty()) return ssl_failure("writing PEM");
  return std::pair{std::move(cert_pem), std::move(key_pem)};
}

}  // namespace dl::sim::http

#include "sim/http/ossl.h"

#include <openssl/err.h>
#include <openssl/pem.h>

#include <vector>

namespace dl::sim::http::ossl {
namespace {

Bio read_bio(std::string_view pem) {
  return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

std::string drain(BIO* bio) {
  std::string out(BIO_ctrl_pending(bio), '\0');
  int n = BIO_read(bio, out.data(), static_cast<int>(out.size()));
  out.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return out;
}

std::string escape_value(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == ',' || c == '+' || c == '\\' || c == '"' || c == '=') out += '\\';
    out += c;
  }
  return out;
}

/// Each value of attribute `nid` in `name`, in order, as UTF-8.
std::vector<std::string> values_of(const X509_NAME* name, int nid) {
  std::vector<std::string> out;
  for (int i = 0; i < X509_NAME_entry_count(name); ++i) {
    const X509_NAME_ENTRY* e = X509_NAME_get_entry(name, i);
    if (OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) != nid) continue;
    unsigned char* utf8 = nullptr;
    int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(e));
    if (n < 0) continue;
    out.emplace_back(reinterpret_cast<const char*>(utf8), static_cast<size_t>(n));
    OPENSSL_free(utf8);
  }
  return out;
}

}  // namespace

std::string last_error() {
  std::string out;
  char buf[256];
  while (unsigned long code = ERR_get_error()) {
    ERR_error_string_n(code, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "unknown" : out;
}

Cert cert_from_pem(std::string_view pem) {
  Bio bio = read_bio(pem);
  return Cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

Pkey key_from_pem(std::string_view pem) {
  Bio bio = read_bio(pem);
  return Pkey(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
}

std::string cert_to_pem(X509* cert) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) return {};
  return drain(bio.get());
}

std::string key_to_pem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()));
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) return {};
  return drain(bio.get());
}

std::string subject_string(const X509_NAME* name) {
  std::string out;
  for (const auto& cn : values_of(name, NID_commonName)) {
    out += (out.empty() ? "CN=" : ",CN=") + escape_value(cn);
  }
  for (const auto& o : values_of(name, NID_organizationName)) {
    out += (out.empty() ? "O=" : ",O=") + escape_value(o);
  }
  return out;
}

}  // namespace dl::sim::http::ossl

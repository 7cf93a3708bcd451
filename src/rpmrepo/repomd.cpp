#include "rpmrepo/repomd.h"

#include <algorithm>
#include <memory>

#include "rpmrepo/solv.h"

namespace dl::rpmrepo {
namespace {

struct PoolDeleter {
  void operator()(Pool* p) const { pool_free(p); }
};

constexpr size_t k_chunk = size_t{1} << 30;

Id checksum_type_id(const std::string& type) {
  if (type == "sha" || type == "sha1") return REPOKEY_TYPE_SHA1;
  if (type == "sha224") return REPOKEY_TYPE_SHA224;
  if (type == "sha256") return REPOKEY_TYPE_SHA256;
  if (type == "sha384") return REPOKEY_TYPE_SHA384;
  if (type == "sha512") return REPOKEY_TYPE_SHA512;
  if (type == "md5") return REPOKEY_TYPE_MD5;
  return 0;
}

}  // namespace

util::Result<PrimaryRef> parse_repomd(const std::string& repomd_xml) {
  std::unique_ptr<Pool, PoolDeleter> pool(pool_create());
  Repo* repo = repo_create(pool.get(), "repomd");
  FILE* fp = solv_fmemopen(repomd_xml.data(), repomd_xml.size(), "r");
  if (fp == nullptr) return util::make_error(util::ErrorKind::internal, "cannot open repomd.xml in memory");
  int rc = repo_add_repomdxml(repo, fp, 0);
  fclose(fp);
  if (rc != 0)
    return util::make_error(util::ErrorKind::invalid_input,
                            std::string("repomd.xml is not valid: ") + pool_errstr(pool.get()));
  PrimaryRef ref;
  Dataiterator di;
  dataiterator_init(&di, pool.get(), repo, SOLVID_META, REPOSITORY_REPOMD_TYPE, "primary", SEARCH_STRING);
  dataiterator_prepend_keyname(&di, REPOSITORY_REPOMD);
  if (dataiterator_step(&di)) {
    dataiterator_setpos_parent(&di);
    const char* loc = pool_lookup_str(pool.get(), SOLVID_POS, REPOSITORY_REPOMD_LOCATION);
    Id type = 0;
    const unsigned char* sum = pool_lookup_bin_checksum(pool.get(), SOLVID_POS, REPOSITORY_REPOMD_CHECKSUM, &type);
    if (loc != nullptr) ref.href = loc;
    if (sum != nullptr && type != 0) {
      ref.checksum_type = solv_chksum_type2str(type);
      ref.checksum = pool_bin2hex(pool.get(), sum, solv_chksum_len(type));
    }
  }
  dataiterator_free(&di);
  if (ref.href.empty())
    return util::make_error(util::ErrorKind::invalid_input, "repomd.xml has no primary metadata entry");
  if (ref.checksum.empty())
    return util::make_error(util::ErrorKind::invalid_input, "repomd.xml gives no checksum for " + ref.href);
  return ref;
}

std::string checksum_hex(const std::string& type, const std::string& data) {
  Id id = checksum_type_id(type);
  if (id == 0) return {};
  Chksum* c = solv_chksum_create(id);
  for (size_t at = 0; at < data.size(); at += k_chunk)  // libsolv takes int lengths
    solv_chksum_add(c, data.data() + at, static_cast<int>(std::min(k_chunk, data.size() - at)));
  int len = 0;
  const unsigned char* bin = solv_chksum_get(c, &len);
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < len; ++i) {
    out += k_hex[bin[i] >> 4];
    out += k_hex[bin[i] & 0xf];
  }
  solv_chksum_free(c, nullptr);
  return out;
}

util::Status verify_primary(const PrimaryRef& ref, const std::string& data) {
  std::string got = checksum_hex(ref.checksum_type, data);
  if (got.empty())
    return util::make_error(util::ErrorKind::invalid_input, "unsupported checksum type " + ref.checksum_type);
  if (got != ref.checksum)
    return util::make_error(util::ErrorKind::invalid_input, ref.href + " does not match repomd.xml (" +
                                                                ref.checksum_type + " " + got + ", repomd.xml says " +
                                                                ref.checksum +
                                                                "): the mirror is damaged or was caught mid-sync");
  return util::ok_status();
}

}  // namespace dl::rpmrepo

#include "rpmrepo/pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace dl::rpmrepo {
namespace {

/// A read stream over `bytes` that decompresses by the suffix of `name` (.gz, .xz, .zst, ...).
FILE* open_compressed(const std::string& name, const std::string& bytes) {
  int fd = memfd_create("primary", MFD_CLOEXEC);
  if (fd < 0) return nullptr;
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      return nullptr;
    }
    done += static_cast<size_t>(n);
  }
  ::lseek(fd, 0, SEEK_SET);
  FILE* fp = solv_xfopen_fd(name.c_str(), fd, "r");  // owns fd from here
  if (fp == nullptr) ::close(fd);
  return fp;
}

bool read_solv(Repo* r, const std::string& path) {
  FILE* fp = std::fopen(path.c_str(), "rb");
  if (fp == nullptr) return false;
  int rc = repo_add_solv(r, fp, 0);
  std::fclose(fp);
  if (rc != 0) repo_empty(r, 1);  // a damaged cache file: parse the XML instead
  return rc == 0;
}

/// Best effort: the cache only saves time, a failure here changes no answer.
void write_solv(Repo* r, const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(path).parent_path(), ec))
    if (e.path().extension() == ".solv") fs::remove(e.path(), ec);  // older revisions
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  FILE* fp = std::fopen(tmp.c_str(), "wb");
  if (fp == nullptr) return;
  bool ok = repo_write(r, fp) == 0;
  ok = std::fclose(fp) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) fs::remove(tmp, ec);
}

const Id k_dep_keys[] = {SOLVABLE_PROVIDES,   SOLVABLE_REQUIRES, SOLVABLE_CONFLICTS,   SOLVABLE_OBSOLETES,
                         SOLVABLE_RECOMMENDS, SOLVABLE_SUGGESTS, SOLVABLE_SUPPLEMENTS, SOLVABLE_ENHANCES};

}  // namespace

SolvPool::SolvPool(const std::string& arch) : m_pool(pool_create()), m_arch(arch) {
  pool_setdisttype(m_pool, DISTTYPE_RPM);  // Debian's libsolv defaults to DEB (noarch would be foreign)
  pool_setarch(m_pool, arch.c_str());      // after the disttype
  pool_set_flag(m_pool, POOL_FLAG_IMPLICITOBSOLETEUSESCOLORS, 1);  // as libdnf's sack (dnf --debugsolver)
  pool_set_flag(m_pool, POOL_FLAG_WHATPROVIDESWITHDISABLED, 1);
}

SolvPool::~SolvPool() {
  pool_free(m_pool);
}

util::Result<int> SolvPool::add_repo(const RepoSource& source, const RepoMetadata& meta) {
  Repo* r = repo_create(m_pool, source.id.c_str());
  r->priority = -(source.priority > 0 ? source.priority : 99);  // as libdnf: lower dnf priority wins
  r->subpriority = -1000;                                       // libdnf: -cost, default cost 1000
  std::string solv_file = meta.cache_entry.empty() || meta.checksum.size() < 16
                              ? std::string()
                              : meta.cache_entry + "/primary-" + meta.checksum.substr(0, 16) + ".solv";
  if (!solv_file.empty() && read_solv(r, solv_file)) return r->nsolvables;
  std::string base = meta.primary_href.substr(meta.primary_href.rfind('/') + 1);
  FILE* fp = open_compressed(base, meta.primary);
  if (fp == nullptr) return util::make_error(util::ErrorKind::io, "cannot open " + meta.primary_href);
  int rc = repo_add_rpmmd(r, fp, nullptr, 0);
  fclose(fp);
  if (rc != 0) {
    std::string why = pool_errstr(m_pool);
    repo_free(r, 1);
    return util::make_error(util::ErrorKind::invalid_input,
                            meta.primary_href + " is not valid primary metadata: " + why);
  }
  repo_internalize(r);
  if (!solv_file.empty()) write_solv(r, solv_file);
  return r->nsolvables;
}

Id SolvPool::dep(const std::string& text) const {
  if (!text.empty() && text[0] == '(') return pool_parserpmrichdep(m_pool, text.c_str());
  return testcase_str2dep(m_pool, text.c_str());
}

void SolvPool::set_installed(const InstalledSet& set) {
  Repo* old = m_pool->installed;
  Repo* r = repo_create(m_pool, "@System");
  for (const auto& p : set.packages) {
    Id id = repo_add_solvable(r);
    Solvable* s = pool_id2solvable(m_pool, id);
    s->name = pool_str2id(m_pool, p.name.c_str(), 1);
    s->evr = pool_str2id(m_pool, p.evr.c_str(), 1);
    s->arch = pool_str2id(m_pool, p.arch.c_str(), 1);
    solvable_add_deparray(s, SOLVABLE_PROVIDES, pool_rel2id(m_pool, s->name, s->evr, REL_EQ, 1), 0);
    auto add = [&](Id key, const std::vector<std::string>& deps) {
      for (const auto& d : deps)
        if (Id id2 = dep(d); id2 != 0) solvable_add_deparray(s, key, id2, 0);
    };
    add(SOLVABLE_PROVIDES, p.provides);
    add(SOLVABLE_REQUIRES, p.requires_);
    add(SOLVABLE_CONFLICTS, p.conflicts);
    add(SOLVABLE_OBSOLETES, p.obsoletes);
  }
  repo_internalize(r);
  pool_set_installed(m_pool, r);
  if (old != nullptr) repo_free(old, 0);
}

void SolvPool::set_installed(const std::vector<Id>& ids) {
  Repo* old = m_pool->installed;
  Repo* r = repo_create(m_pool, "@System");
  for (Id p : ids) {
    Id np = repo_add_solvable(r);  // may move the solvable array: look both up afterwards
    Solvable* s = pool_id2solvable(m_pool, p);
    Solvable* d = pool_id2solvable(m_pool, np);
    d->name = s->name;
    d->evr = s->evr;
    d->arch = s->arch;
    d->vendor = s->vendor;
    for (Id key : k_dep_keys) {
      Queue q;
      queue_init(&q);
      solvable_lookup_deparray(s, key, &q, 0);
      for (int i = 0; i < q.count; ++i)
        if (q.elements[i] != SOLVABLE_PREREQMARKER) solvable_add_deparray(d, key, q.elements[i], 0);
      queue_free(&q);
    }
  }
  repo_internalize(r);
  pool_set_installed(m_pool, r);
  if (old != nullptr) repo_free(old, 0);
}

Repo* SolvPool::repo(const std::string& id) const {
  for (int i = 1; i < m_pool->nrepos; ++i) {
    Repo* r = m_pool->repos[i];
    if (r != nullptr && id == r->name && r != m_pool->installed) return r;
  }
  return nullptr;
}

std::string SolvPool::nevra(Id p) const {
  return pool_solvid2str(m_pool, p);
}

bool SolvPool::arch_ok(Id arch) const {
  if (arch == ARCH_SRC || arch == ARCH_NOSRC) return false;
  return arch == ARCH_NOARCH || (arch > 0 && arch < m_pool->lastarch && m_pool->id2arch[arch] != 0);
}

void SolvPool::prepare() {
  pool_addfileprovides(m_pool);
  pool_createwhatprovides(m_pool);
}

}  // namespace dl::rpmrepo

// Test support for rpmrepo: the fixture repositories (built once per build tree with rpmbuild
// and createrepo_c, under a lock so parallel test processes share one build), a loopback HTTP
// server (python3 -m http.server on port 0), layer specs pointing at them, and the dnf reference.
#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "rpmrepo/installed.h"
#include "spec/layer_spec.h"

namespace dl::rpmrepo::test {

/// The fixture tree (see testdata/make_fixture.py): stock/ rpms and repos/.
struct Fixture {
  std::string dir;
  std::string stock_list;  ///< the installed set the stock rpms were built from (export format)
  std::string repos() const { return dir + "/repos"; }
};

/// The RHCOS model the fixture's stock packages come from: OpenShift 4.20, x86_64.
InstalledSet fixture_installed();

/// Builds the fixture on first use (cached in the build tree, keyed by the script and stock list).
const Fixture& fixture();

/// python3 -m http.server serving `dir` on 127.0.0.1, stopped by the destructor.
class HttpServer {
 public:
  explicit HttpServer(const std::string& dir);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  /// http://127.0.0.1:PORT (no trailing slash); empty when the server did not start.
  const std::string& url() const { return m_url; }

 private:
  pid_t m_pid = -1;
  std::string m_url;
};

/// An http:// URL on a loopback port nothing listens on.
std::string unreachable_url();

/// A validated LayerSpec (OpenShift 4.20, DOCA 3.3.0, doca-networking) whose DOCA base URL is
/// `doca_base` and whose only dependency repo is `deps_url`; `extra` goes to packages.extra.
spec::LayerSpec layer(const std::string& doca_base, const std::string& deps_url,
                      const std::vector<std::string>& extra = {}, const std::string& arch = "x86_64");

/// What dnf_reference.sh printed: verdict, step, problems, missing names, installed NEVRAs.
struct DnfVerdict {
  std::string verdict;
  std::string step;
  std::vector<std::string> problems;  ///< sorted, unique
  std::vector<std::string> missing;
  std::vector<std::string> installed;
  std::string output;  ///< the whole report, for failure messages
};

/// Runs testdata/dnf_reference.sh for `spec`'s operations on the fixture's stock set.
DnfVerdict run_dnf(const spec::LayerSpec& spec, bool keep_stock_ovs);

}  // namespace dl::rpmrepo::test

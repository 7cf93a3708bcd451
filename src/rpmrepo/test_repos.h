// Spec-free test support (library dl_rpmrepo_test_repos): the fixture repositories of
// testdata/make_fixture.py built with rpmbuild and createrepo_c, once per cache folder, under a
// lock so parallel test processes share one build. Used by rpmrepo's and the simulator's tests.
#pragma once

#include <string>

namespace dl::rpmrepo::test {

/// Builds (or finds) the fixture for `stock_list` (the installed set in export_installed's
/// format) under `root`, keyed by the script and the list; returns its folder (repos/ and
/// stock/ inside). Fixtures of other keys under `root` are removed. Throws std::runtime_error.
std::string build_fixture(const std::string& stock_list, const std::string& root);

}  // namespace dl::rpmrepo::test

// libsolv and libsolvext headers for C++ (internal to rpmrepo). Many of them lack an
// `extern "C"` guard, so they are all included inside one here. Solvable has a member named
// `requires`, a keyword since C++20: it is renamed for these headers only (same layout).
#pragma once

#include <cstdio>

#define requires solv_requires_
extern "C" {
#include <solv/chksum.h>
#include <solv/evr.h>
#include <solv/pool.h>
#include <solv/pool_parserpmrichdep.h>
#include <solv/poolarch.h>
#include <solv/repo.h>
#include <solv/repo_repomdxml.h>
#include <solv/repo_rpmmd.h>
#include <solv/repo_solv.h>
#include <solv/repo_write.h>
#include <solv/selection.h>
#include <solv/solv_xfopen.h>
#include <solv/solver.h>
#include <solv/testcase.h>
#include <solv/transaction.h>
}
#undef requires

#include "rpmrepo/resolution.h"

namespace dl::rpmrepo {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::ok:
      return "ok";
    case Verdict::missing_packages:
      return "missing-packages";
    case Verdict::unresolvable:
      return "unresolvable";
    case Verdict::repo_error:
      return "repo-error";
    case Verdict::not_installed:
      return "not-installed";
  }
  return "unknown";
}

const char* change_kind_name(ChangeKind k) {
  switch (k) {
    case ChangeKind::install:
      return "install";
    case ChangeKind::upgrade:
      return "upgrade";
    case ChangeKind::downgrade:
      return "downgrade";
    case ChangeKind::reinstall:
      return "reinstall";
    case ChangeKind::erase:
      return "erase";
  }
  return "unknown";
}

}  // namespace dl::rpmrepo

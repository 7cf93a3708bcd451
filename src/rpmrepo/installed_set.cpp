#include "rpmrepo/installed_set.h"

#include "util/strings.h"

namespace dl::rpmrepo {

std::string InstalledPackage::nevra() const {
  return name + "-" + evr + "." + arch;
}

util::Result<InstalledPackage> parse_nevra(const std::string& nevra) {
  auto bad = [&] {
    return util::make_error(util::ErrorKind::invalid_input, "\"" + nevra + "\" is not name-version-release.arch");
  };
  size_t dot = nevra.rfind('.');
  if (dot == std::string::npos || dot + 1 == nevra.size()) return bad();
  std::string rest = nevra.substr(0, dot);
  size_t rel = rest.rfind('-');
  if (rel == std::string::npos || rel == 0) return bad();
  size_t ver = rest.rfind('-', rel - 1);
  if (ver == std::string::npos || ver == 0 || ver + 1 == rel) return bad();
  InstalledPackage p;
  p.name = rest.substr(0, ver);
  p.evr = rest.substr(ver + 1);
  p.arch = nevra.substr(dot + 1);
  if (p.evr.find(' ') != std::string::npos || p.name.find(' ') != std::string::npos) return bad();
  return p;
}

util::Result<InstalledSet> parse_installed(const std::string& text, const std::string& source) {
  InstalledSet set;
  set.source = source;
  int lineno = 0;
  bool skipping = false;
  for (const std::string& raw : util::split(text, '\n')) {
    ++lineno;
    std::string line = util::trim(raw);
    if (line.empty() || line[0] == '#') continue;
    auto where = [&] { return source + ":" + std::to_string(lineno) + ": "; };
    if (raw[0] == ' ' || raw[0] == '\t') {
      size_t colon = line.find(':');
      if (set.packages.empty() && !skipping)
        return util::make_error(util::ErrorKind::invalid_input, where() + "dependency line before any package");
      if (skipping) continue;
      std::string key = colon == std::string::npos ? "" : line.substr(0, colon);
      std::string value = colon == std::string::npos ? "" : util::trim(line.substr(colon + 1));
      InstalledPackage& p = set.packages.back();
      if (key == "provides")
        p.provides.push_back(value);
      else if (key == "requires")
        p.requires_.push_back(value);
      else if (key == "conflicts")
        p.conflicts.push_back(value);
      else if (key == "obsoletes")
        p.obsoletes.push_back(value);
      else
        return util::make_error(util::ErrorKind::invalid_input,
                                where() + "expected provides:, requires:, conflicts: or obsoletes:");
      continue;
    }
    skipping = line.rfind("gpg-pubkey-", 0) == 0;  // keys in the rpmdb are not packages
    if (skipping) continue;
    auto p = parse_nevra(line);
    if (!p) return util::make_error(util::ErrorKind::invalid_input, where() + p.error().message);
    set.packages.push_back(std::move(*p));
  }
  if (set.packages.empty())
    return util::make_error(util::ErrorKind::invalid_input, source + ": no packages (expected `rpm -qa` output)");
  return set;
}

std::string export_installed(const InstalledSet& set) {
  std::string out;
  for (const auto& p : set.packages) {
    out += p.nevra() + "\n";
    for (const auto& d : p.provides) out += "  provides: " + d + "\n";
    for (const auto& d : p.requires_) out += "  requires: " + d + "\n";
    for (const auto& d : p.conflicts) out += "  conflicts: " + d + "\n";
    for (const auto& d : p.obsoletes) out += "  obsoletes: " + d + "\n";
  }
  return out;
}

}  // namespace dl::rpmrepo

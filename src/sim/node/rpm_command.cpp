#include "sim/node/rpm_command.h"

#include <fnmatch.h>

#include <algorithm>

namespace dl::sim::node {
namespace {

/// The query forms rpm accepts for one installed package.
std::vector<std::string> query_forms(const std::string& nvra) {
  auto p = parse_nvra(nvra);
  if (!p) return {nvra};
  return {p->name, p->name + "-" + p->version, p->name + "-" + p->version + "-" + p->release, nvra,
          p->name + "." + p->arch};
}

bool matches(const std::string& query, const std::string& nvra, bool glob) {
  auto forms = query_forms(nvra);
  return std::any_of(forms.begin(), forms.end(), [&](const std::string& form) {
    return glob ? ::fnmatch(query.c_str(), form.c_str(), 0) == 0 : form == query;
  });
}

ExecResult query_all(const std::vector<std::string>& patterns, const std::vector<std::string>& installed) {
  ExecResult r;
  for (const auto& nvra : installed) {
    bool wanted = patterns.empty() ||
                  std::any_of(patterns.begin(), patterns.end(), [&](const auto& g) { return matches(g, nvra, true); });
    if (wanted) r.out += nvra + "\n";
  }
  return r;
}

ExecResult query(const std::vector<std::string>& names, const std::vector<std::string>& installed) {
  ExecResult r;
  if (names.empty()) {
    r.exit_code = 1;
    r.err = "rpm: no arguments given for query\n";
    return r;
  }
  int missing = 0;
  for (const auto& name : names) {
    bool found = false;
    for (const auto& nvra : installed) {
      if (!matches(name, nvra, false)) continue;
      r.out += nvra + "\n";
      found = true;
    }
    if (!found) {
      r.out += "package " + name + " is not installed\n";
      ++missing;
    }
  }
  r.exit_code = std::min(missing, 255);
  return r;
}

}  // namespace

ExecResult rpm_command(const std::vector<std::string>& args, const std::vector<std::string>& installed) {
  bool is_query = false;
  bool all = false;
  std::vector<std::string> names;
  for (const auto& a : args) {
    if (a == "-q" || a == "--query") {
      is_query = true;
    } else if (a == "-qa" || a == "-aq") {
      is_query = all = true;
    } else if (a == "-a" || a == "--all") {
      all = true;
    } else if (!a.empty() && a[0] == '-') {
      return ExecResult{1, "", "rpm: " + a + ": unknown option\n"};
    } else {
      names.push_back(a);
    }
  }
  if (!is_query) return ExecResult{1, "", "rpm: only the query mode (-q, -qa) exists on this simulated node\n"};
  return all ? query_all(names, installed) : query(names, installed);
}

}  // namespace dl::sim::node

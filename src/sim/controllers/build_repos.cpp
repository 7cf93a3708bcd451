#include "sim/controllers/build_repos.h"

#include <filesystem>
#include <sstream>

namespace dl::sim::controllers::layering {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string expand(std::string s, const std::string& arch, const std::string& releasever) {
  const std::pair<const char*, const std::string*> vars[] = {
      {"${basearch}", &arch}, {"$basearch", &arch}, {"${arch}", &arch},
      {"$arch", &arch},       {"${releasever}", &releasever}, {"$releasever", &releasever}};
  for (const auto& [name, value] : vars)
    for (size_t at = s.find(name); at != std::string::npos; at = s.find(name, at + value->size()))
      s.replace(at, std::string(name).size(), *value);
  return s;
}

bool truthy(const std::string& v) {
  return v == "1" || v == "True" || v == "true" || v == "yes";
}

void parse_file(const std::string& text, const std::string& arch, const std::string& releasever,
                std::vector<RepoFile>& out) {
  std::istringstream in(text);
  RepoFile* cur = nullptr;
  std::string last_key;
  for (std::string raw; std::getline(in, raw);) {
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      out.push_back(RepoFile{trim(line.substr(1, line.size() - 2)), "", true, false, 0});
      cur = &out.back();
      continue;
    }
    if (cur == nullptr) continue;
    size_t eq = line.find('=');
    bool continuation = (raw[0] == ' ' || raw[0] == '\t') && last_key == "baseurl";
    if (eq == std::string::npos || continuation) {  // more URLs of a multi-line baseurl
      if (continuation && cur->baseurl.empty()) cur->baseurl = expand(line, arch, releasever);
      continue;
    }
    last_key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (last_key == "baseurl") {
      std::string first = value.substr(0, value.find_first_of(" ,\t"));
      cur->baseurl = expand(first, arch, releasever);
    } else if (last_key == "enabled") {
      cur->enabled = truthy(value);
    } else if (last_key == "skip_if_unavailable") {
      cur->skip_if_unavailable = truthy(value);
    } else if (last_key == "priority") {
      cur->priority = std::atoi(value.c_str());
    }
  }
}

}  // namespace

util::Result<RepoMirror> parse_repo_mirror(const std::string& text) {
  size_t scheme = text.find("://");
  size_t eq = text.find('=', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || eq == std::string::npos || eq + 1 == text.size())
    return util::make_error(util::ErrorKind::invalid_input,
                            "--repo-mirror \"" + text + "\": expected URL=DIR (e.g. https://repo.example/=/srv/mirror)");
  std::string dir = text.substr(eq + 1);
  std::error_code ec;
  auto abs = std::filesystem::absolute(dir, ec);
  return RepoMirror{text.substr(0, eq), ec ? dir : abs.lexically_normal().string()};
}

std::vector<RepoFile> parse_repo_files(const std::map<std::string, std::string>& files, const std::string& arch,
                                       const std::string& releasever) {
  std::vector<RepoFile> out;
  for (const auto& [name, text] : files)
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".repo") == 0) parse_file(text, arch, releasever, out);
  return out;
}

std::optional<std::string> mirrored_url(const std::string& url, const std::vector<RepoMirror>& mirrors) {
  const RepoMirror* best = nullptr;
  for (const auto& m : mirrors)
    if (url.rfind(m.url_prefix, 0) == 0 && (best == nullptr || m.url_prefix.size() > best->url_prefix.size()))
      best = &m;
  if (best == nullptr) return std::nullopt;
  std::string rest = url.substr(best->url_prefix.size());
  std::string dir = best->dir;
  while (!rest.empty() && rest.front() == '/') rest.erase(0, 1);
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  return "file://" + dir + (rest.empty() ? "" : "/" + rest);
}

}  // namespace dl::sim::controllers::layering

#include "kube/kubeconfig_entries.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dl::kube::detail {
namespace {

util::Error file_error(const std::string& file, const std::string& what) {
  return util::make_error(util::ErrorKind::invalid_input, "kubeconfig " + file + ": " + what);
}

/// Merges the list at `key` ("clusters" with bodies under "cluster", ...) into `into`.
util::Status merge_list(const std::string& file, const YAML::Node& root, const std::string& key,
                        const std::string& body_key, std::map<std::string, Entry>& into) {
  YAML::Node list = root[key];
  if (!list || list.IsNull()) {
    return util::ok_status();
  }
  if (!list.IsSequence()) {
    return file_error(file, key + " must be a list of {name, " + body_key + "} entries");
  }
  for (size_t i = 0; i < list.size(); ++i) {
    std::string where = key + "[" + std::to_string(i) + "]";
    const YAML::Node item = list[i];
    if (!item.IsMap() || !item["name"] || !item["name"].IsScalar() || item["name"].Scalar().empty()) {
      return file_error(file, where + ": name is not set");
    }
    std::string name = item["name"].Scalar();
    where += " \"" + name + "\"";
    YAML::Node body = item[body_key];
    if (body && !body.IsNull() && !body.IsMap()) {
      return file_error(file, where + ": " + body_key + " must be a map");
    }
    into.emplace(name, Entry{body, file, where});  // emplace keeps the first definition
  }
  return util::ok_status();
}

util::Result<YAML::Node> parse_yaml(const std::string& file, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::Exception& e) {
    return file_error(file, "not valid YAML at line " + std::to_string(e.mark.line + 1) + ", column " +
                                std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace

util::Status merge_file(const std::string& file, const std::string& text, Merged& into) {
  auto root = parse_yaml(file, text);
  if (!root) {
    return root.error();
  }
  into.files.push_back(file);
  if (root->IsNull()) {
    return util::ok_status();  // an empty file is an empty config
  }
  if (!root->IsMap()) {
    return file_error(file, "not a kubeconfig (the document is not a map)");
  }
  util::Status st = merge_list(file, *root, "clusters", "cluster", into.clusters);
  if (st) {
    st = merge_list(file, *root, "users", "user", into.users);
  }
  if (st) {
    st = merge_list(file, *root, "contexts", "context", into.contexts);
  }
  if (!st) {
    return st;
  }
  YAML::Node current = (*root)["current-context"];
  if (current && !current.IsNull()) {
    if (!current.IsScalar()) {
      return file_error(file, "current-context must be a string");
    }
    if (into.current_context.empty() && !current.Scalar().empty()) {
      into.current_context = current.Scalar();
      into.current_context_file = file;
    }
  }
  return util::ok_status();
}

util::Error field_error(const Entry& e, const std::string& what) {
  return util::make_error(util::ErrorKind::invalid_input, "kubeconfig " + e.file + ": " + e.where + ": " + what);
}

util::Result<std::string> string_field(const Entry& e, const char* key) {
  if (!e.body || !e.body.IsMap()) {
    return std::string();
  }
  YAML::Node n = e.body[key];
  if (!n || n.IsNull()) {
    return std::string();
  }
  if (!n.IsScalar()) {
    return field_error(e, std::string(key) + " must be a string");
  }
  return n.Scalar();
}

util::Result<bool> bool_field(const Entry& e, const char* key) {
  if (!e.body || !e.body.IsMap() || !e.body[key] || e.body[key].IsNull()) {
    return false;
  }
  try {
    return e.body[key].as<bool>();
  } catch (const YAML::Exception&) {
    return field_error(e, std::string(key) + " must be true or false");
  }
}

std::string resolve_path(const std::string& file, const std::string& path) {
  std::filesystem::path p(path);
  if (p.is_absolute()) {
    return path;
  }
  return (std::filesystem::path(file).parent_path() / p).lexically_normal().string();
}

util::Result<std::string> read_text(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return util::make_error(util::ErrorKind::io, errno != 0 ? std::strerror(errno) : "cannot open");
  }
  if (std::filesystem::is_directory(path)) {
    return util::make_error(util::ErrorKind::io, "Is a directory");
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace dl::kube::detail

// Internal to kubeconfig.cpp: the named entries of one or more kubeconfig files, merged with
// client-go's rules (the first file to define a name or current-context wins, as a whole), and
// typed access to their fields with errors that name the file, the entry and the field.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "kube/kubeconfig.h"
#include "util/result.h"

namespace dl::kube::detail {

/// One named cluster, user or context, remembering where it came from.
struct Entry {
  YAML::Node body;    ///< the `cluster:`/`user:`/`context:` map (may be null)
  std::string file;   ///< the kubeconfig that defined it
  std::string where;  ///< `users[0] "admin"`, for messages
};

struct Merged {
  std::map<std::string, Entry> clusters;
  std::map<std::string, Entry> users;
  std::map<std::string, Entry> contexts;
  std::string current_context;
  std::string current_context_file;
  std::vector<std::string> files;  ///< every file read, in order
};

/// Parses one kubeconfig `text` read from `file` and merges it into `into`.
util::Status merge_file(const std::string& file, const std::string& text, Merged& into);

/// "kubeconfig FILE: WHERE: " + `what`, as an invalid_input error.
util::Error field_error(const Entry& e, const std::string& what);

/// The string at `key` of `e` ("" when absent); invalid_input when it is not a scalar.
util::Result<std::string> string_field(const Entry& e, const char* key);

/// The boolean at `key` of `e` (false when absent); invalid_input when not a boolean.
util::Result<bool> bool_field(const Entry& e, const char* key);

/// The user's `exec` block (nullopt when absent), checked as client-go does: command and a
/// supported apiVersion required, args a list of strings, env a list of {name, value}.
util::Result<std::optional<ExecConfig>> exec_field(const Entry& e);

/// `path` made absolute against the directory of `file` (client-go's ResolveLocalPaths).
std::string resolve_path(const std::string& file, const std::string& path);

/// The whole file, or the system's reason (strerror) as an io error.
util::Result<std::string> read_text(const std::string& path);

/// Every kubeconfig `o` names (the explicit path, which must exist, else KUBECONFIG's list with
/// missing files skipped, else ~/.kube/config), read and merged; not_found when none was read.
util::Result<Merged> read_merged(const LoadOptions& o);

}  // namespace dl::kube::detail

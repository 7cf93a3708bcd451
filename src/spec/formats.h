// Syntax checks for the value formats a spec uses, each as Kubernetes/OpenShift define them.
#pragma once

#include <optional>
#include <string>

namespace dl::spec {

/// RFC 1123 subdomain as Kubernetes validates object names (lower case, <= 253).
bool is_dns1123_subdomain(const std::string& s);
/// RFC 1123 label (<= 63).
bool is_dns1123_label(const std::string& s);

/// Kubernetes resource quantity, positive, for storage sizes ("100Gi", "500G"); bytes or nullopt.
std::optional<double> parse_storage_quantity(const std::string& s);

/// Go duration ("720h", "1h30m", "45m"); seconds or nullopt.
std::optional<long long> parse_duration(const std::string& s);
std::string format_duration(long long seconds);

/// MachineOSConfig renderedImagePushSpec: one of the two CEL patterns of the v1 CRD.
bool matches_push_spec_cel(const std::string& s);
/// The repository part must be lower case (distribution/reference.ParseNamed, which MCO runs).
bool push_spec_repository_is_lower(const std::string& s);
/// Number of path segments between host and image name ("h/a/b:t" -> 1).
int push_spec_path_depth(const std::string& s);

/// http(s)://host[...] or file:///path; `allow_file` for file://.
bool is_url(const std::string& s, bool allow_file);

/// RPM package name (what may follow `dnf install` safely): no URLs, no shell syntax.
bool is_package_name(const std::string& s);

}  // namespace dl::spec

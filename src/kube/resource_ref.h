// ResourceRef: which resource (or collection) a request is about, and the REST path that
// names it: /api/v1/... for the core group, /apis/GROUP/VERSION/... otherwise.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace dl::kube {

struct ResourceRef {
  std::string group;        ///< empty: the core group
  std::string version = "v1";
  std::string resource;     ///< plural, lower case: "configmaps"
  std::string ns;           ///< empty: cluster-scoped, or every namespace for a list
  std::string name;         ///< empty: the collection
  std::string subresource;  ///< "status", "log", ...; needs `name`
};

/// The path of `ref`, each segment percent-encoded: /apis/G/V[/namespaces/NS]/RESOURCE[/NAME[/SUB]].
std::string resource_path(const ResourceRef& ref);

/// `ref` with `name` set (the collection ref of a create, turned into the object's ref).
ResourceRef with_name(ResourceRef ref, std::string name);

/// RFC 3986 percent-encoding of everything but unreserved characters.
std::string url_encode(const std::string& s);

/// "?k=v&k2=v2" from the pairs with a non-empty value ("" when none).
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace dl::kube

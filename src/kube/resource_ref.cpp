#include "kube/resource_ref.h"

namespace dl::kube {

std::string url_encode(const std::string& s) {
  static const char* k_hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    }
  }
  return out;
}

std::string resource_path(const ResourceRef& ref) {
  std::string p = ref.group.empty() ? "/api/" + url_encode(ref.version)
                                    : "/apis/" + url_encode(ref.group) + "/" + url_encode(ref.version);
  if (!ref.ns.empty()) {
    p += "/namespaces/" + url_encode(ref.ns);
  }
  p += "/" + url_encode(ref.resource);
  if (!ref.name.empty()) {
    p += "/" + url_encode(ref.name);
    if (!ref.subresource.empty()) {
      p += "/" + url_encode(ref.subresource);
    }
  }
  return p;
}

ResourceRef with_name(ResourceRef ref, std::string name) {
  ref.name = std::move(name);
  return ref;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string q;
  for (const auto& [k, v] : params) {
    if (v.empty()) {
      continue;
    }
    q += q.empty() ? "?" : "&";
    q += url_encode(k) + "=" + url_encode(v);
  }
  return q;
}

}  // namespace dl::kube

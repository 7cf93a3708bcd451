#include "sim/api/managed_fields.h"

namespace dl::sim::api {
namespace {

void collect(const nlohmann::json& v, FieldPath& prefix, FieldSet& out) {
  if (v.is_object()) {  // an empty map owns nothing inside it
    for (const auto& [k, child] : v.items()) {
      prefix.push_back(k);
      collect(child, prefix, out);
      prefix.pop_back();
    }
  } else if (!prefix.empty()) {
    out.insert(prefix);
  }
}

}  // namespace

FieldSet leaf_paths(const nlohmann::json& object, bool skip_status) {
  FieldSet out;
  FieldPath prefix;
  for (const auto& [k, v] : object.items()) {
    if (k == "apiVersion" || k == "kind" || (skip_status && k == "status")) continue;
    if (k == "metadata") {
      for (const auto& [mk, mv] : v.items()) {
        if (mk == "name" || mk == "namespace" || mk == "resourceVersion" || mk == "managedFields" || mk == "uid" ||
            mk == "creationTimestamp" || mk == "generation")
          continue;
        prefix = {"metadata", mk};
        collect(mv, prefix, out);
      }
      continue;
    }
    prefix = {k};
    collect(v, prefix, out);
  }
  return out;
}

nlohmann::json to_fields_v1(const FieldSet& set) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& p : set) {
    nlohmann::json* cur = &out;
    for (const auto& k : p) cur = &(*cur)["f:" + k];
    if (cur->is_null()) *cur = nlohmann::json::object();
  }
  return out;
}

namespace {
void walk_fields(const nlohmann::json& f, FieldPath& prefix, FieldSet& out) {
  bool has_child = false;
  for (const auto& [k, v] : f.items()) {
    if (k.rfind("f:", 0) != 0) continue;
    has_child = true;
    prefix.push_back(k.substr(2));
    walk_fields(v, prefix, out);
    prefix.pop_back();
  }
  if (!has_child && !prefix.empty()) out.insert(prefix);
}
}  // namespace

FieldSet from_fields_v1(const nlohmann::json& fields) {
  FieldSet out;
  FieldPath prefix;
  if (fields.is_object()) walk_fields(fields, prefix, out);
  return out;
}

std::string path_text(const FieldPath& p) {
  std::string out;
  for (const auto& k : p) out += "." + k;
  return out;
}

const nlohmann::json* value_at(const nlohmann::json& o, const FieldPath& p) {
  const nlohmann::json* cur = &o;
  for (const auto& k : p) {
    if (!cur->is_object() || !cur->contains(k)) return nullptr;
    cur = &(*cur)[k];
  }
  return cur;
}

void erase_at(nlohmann::json& o, const FieldPath& p) {
  if (p.empty()) return;
  std::vector<nlohmann::json*> chain = {&o};
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    if (!chain.back()->is_object() || !chain.back()->contains(p[i])) return;
    chain.push_back(&(*chain.back())[p[i]]);
  }
  if (!chain.back()->is_object()) return;
  chain.back()->erase(p.back());
  for (size_t i = chain.size() - 1; i > 0; --i) {
    if (!chain[i]->empty()) break;
    chain[i - 1]->erase(p[i - 1]);
  }
}

}  // namespace dl::sim::api

#include "sim/api/table.h"

namespace dl::sim::api {

bool wants_table(const std::string& accept) { return accept.find("as=Table") != std::string::npos; }

IncludeObject parse_include_object(const std::string& value) {
  if (value == "None") return IncludeObject::none;
  if (value == "Object") return IncludeObject::object;
  return IncludeObject::metadata;
}

namespace {

json column_definitions(const ResourceType& r) {
  json cols = json::array();
  if (r.kind != "Event")
    cols.push_back({{"name", "Name"}, {"type", "string"}, {"format", "name"}, {"description", "Name of the object"}, {"priority", 0}});
  for (const auto& c : r.columns)
    cols.push_back({{"name", c.name}, {"type", c.type}, {"format", ""}, {"description", c.name}, {"priority", c.priority}});
  if (r.age_column) cols.push_back({{"name", "Age"}, {"type", "date"}, {"format", ""}, {"description", "Age"}, {"priority", 0}});
  return cols;
}

json row_object(const json& o, IncludeObject include) {
  if (include == IncludeObject::object) return o;
  json meta = o.value("metadata", json::object());
  meta.erase("managedFields");
  return {{"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", meta}};
}

}  // namespace

json to_table(const ResourceType& r, const std::vector<json>& objects, IncludeObject include, const std::string& rv,
              bool with_column_definitions) {
  json rows = json::array();
  for (const auto& o : objects) {
    json cells = json::array();
    if (r.kind != "Event") cells.push_back(o["metadata"].value("name", ""));
    for (const auto& c : r.columns) cells.push_back(c.cell(o));
    if (r.age_column) cells.push_back(human_age(o["metadata"].value("creationTimestamp", "")));
    json row = {{"cells", cells}};
    if (include != IncludeObject::none) row["object"] = row_object(o, include);
    rows.push_back(row);
  }
  json t = {{"kind", "Table"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", {{"resourceVersion", rv}}}, {"rows", rows}};
  t["columnDefinitions"] = with_column_definitions ? column_definitions(r) : json(nullptr);
  return t;
}

}  // namespace dl::sim::api

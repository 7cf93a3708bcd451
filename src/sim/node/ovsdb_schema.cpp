#include "sim/node/ovsdb_schema.h"

#include <mutex>

#include "util/files.h"
#include "util/strings.h"

namespace dl::sim::node {
namespace {

using nlohmann::json;
using util::ErrorKind;
using util::make_error;

util::Result<json> load_stock() {
  auto text = util::read_file(k_stock_schema_path);
  if (!text.ok()) return make_error(ErrorKind::not_found, text.error().message + " (install openvswitch-switch)");
  json schema = json::parse(*text, nullptr, false);
  if (schema.is_discarded() || !schema.contains("tables")) {
    return make_error(ErrorKind::invalid_input, std::string(k_stock_schema_path) + ": not an OVSDB schema");
  }
  return schema;
}

std::string bump_minor(const std::string& version) {
  auto parts = util::split(version, '.');
  if (parts.size() != 3) return version;
  return parts[0] + "." + std::to_string(std::stoi(parts[1]) + 1) + ".0";
}

}  // namespace

util::Result<json> stock_schema() {
  static std::once_flag once;
  static util::Result<json>* cached = nullptr;
  std::call_once(once, [] { cached = new util::Result<json>(load_stock()); });  // process lifetime
  return *cached;
}

json doca_schema(const json& stock) {
  json schema = stock;
  schema.erase("cksum");
  schema["version"] = bump_minor(stock.value("version", "8.3.1"));
  json& columns = schema["tables"]["Open_vSwitch"]["columns"];
  columns["doca_initialized"] = json{{"type", "boolean"}};
  columns["doca_version"] = json{{"type", json{{"key", json{{"type", "string"}}}, {"min", 0}, {"max", 1}}}};
  return schema;
}

util::Result<Schema> schema_for(const OsImage& image) {
  static std::once_flag once;
  static Schema stock;
  static Schema doca;
  std::call_once(once, [] {
    auto loaded = stock_schema();
    if (!loaded.ok()) return;
    stock = std::make_shared<const json>(*loaded);
    doca = std::make_shared<const json>(doca_schema(*loaded));
  });
  if (!stock) return stock_schema().error();
  return image.is_doca() ? doca : stock;
}

bool has_column(const json& schema, const std::string& column) {
  auto table = schema.find("tables");
  if (table == schema.end() || !table->contains("Open_vSwitch")) return false;
  return (*table)["Open_vSwitch"].value("columns", json::object()).contains(column);
}

}  // namespace dl::sim::node

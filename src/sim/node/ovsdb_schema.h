// The OVSDB schemas a simulated node can run: the stock Open vSwitch schema shipped by Debian's
// openvswitch-switch (vswitch.ovsschema, 8.3.1 on Debian 12) and the OVS-DOCA variant, which adds
// the two status columns NVIDIA's fork adds to the Open_vSwitch table:
// `doca_initialized` (boolean) and `doca_version` (optional string).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/node/os_image.h"
#include "util/result.h"

namespace dl::sim::node {

/// Where the stock schema is read from.
inline constexpr const char* k_stock_schema_path = "/usr/share/openvswitch/vswitch.ovsschema";

/// The stock schema, read once from k_stock_schema_path; `not_found`/`invalid_input` when the
/// file is missing or not JSON (install openvswitch-switch).
util::Result<nlohmann::json> stock_schema();

/// `stock` plus doca_initialized and doca_version on Open_vSwitch. Its version bumps the minor and
/// resets the patch level (8.3.1 -> 8.4.0), as the proposed upstream DOCA schema (8.9.0 on 8.8.0)
/// did; the checksum is dropped because the content changed.
nlohmann::json doca_schema(const nlohmann::json& stock);

/// A schema shared by every node that runs it (built once per process, never modified).
using Schema = std::shared_ptr<const nlohmann::json>;

/// The schema a node booted into `image` uses: doca_schema() for OVS-DOCA images, stock otherwise.
util::Result<Schema> schema_for(const OsImage& image);

/// True when `schema`'s Open_vSwitch table has a column `column`.
bool has_column(const nlohmann::json& schema, const std::string& column);

}  // namespace dl::sim::node

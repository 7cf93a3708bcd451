// The Containerfile the MachineOSConfig carries: appended by the MCO after its own `configs`
// stage, so it starts `FROM configs AS final` and must stay within the API's 4096 characters.
#pragma once

#include <string>

#include "spec/layer_spec.h"
#include "util/result.h"

namespace dl::render {

/// MachineOSConfig spec.containerFile[].content maxLength (v1 CRD).
inline constexpr size_t k_containerfile_limit = 4096;

/// Path of the systemd drop-in that applies the OVS settings before ovs-vswitchd starts.
inline constexpr const char* k_ovs_dropin = "/usr/lib/systemd/system/ovs-vswitchd.service.d/10-doca-layer.conf";

/// The Containerfile text (no length check).
std::string containerfile(const spec::LayerSpec& spec);

/// The Containerfile, or an invalid_input error when it exceeds the API limit.
util::Result<std::string> checked_containerfile(const spec::LayerSpec& spec);

/// Length as the API counts it (Unicode code points of UTF-8 text).
size_t api_length(const std::string& text);

/// The ovs-vsctl arguments that persist the spec's OVS settings (other_config:k=v ...).
std::string ovs_settings_args(const spec::OvsSpec& ovs);

}  // namespace dl::render

// Helpers controllers use to read and write Store objects the way real controllers do:
// read-modify-write with retry on conflict, conditions with stable transition times, Events.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "sim/api/store.h"

namespace dl::sim::controllers {

using api::json;

/// The served type for apiVersion/kind; the kind must be in the resource table.
const api::ResourceType& type_of(const char* api_version, const char* kind);
/// The object, or nullopt when it does not exist.
std::optional<json> get(api::Store& store, const api::ResourceType& r, const std::string& ns, const std::string& name);
/// Creates `object` unless one with its name exists; returns the stored object either way.
std::optional<json> ensure(api::Store& store, const api::ResourceType& r, const std::string& ns, json object);
/// Deletes the object if it exists; true when something was deleted.
bool remove_if_exists(api::Store& store, const api::ResourceType& r, const std::string& ns, const std::string& name);

/// Read-modify-write of `part` with retries on 409; `mutate` edits a copy of the object.
/// Nothing is written when the copy comes out unchanged. Returns the stored object (nullopt if
/// it does not exist or the write kept failing).
std::optional<json> modify(api::Store& store, const api::ResourceType& r, const std::string& ns,
                           const std::string& name, api::WritePart part,
                           const std::function<void(json& object)>& mutate);

/// Sets condition `type` in `conditions` (an array), keeping lastTransitionTime when the status
/// does not change.
void set_condition(json& conditions, const std::string& type, const std::string& status, const std::string& reason,
                   const std::string& message);

/// Records (or counts again) a core/v1 Event about `involved` from `component`, as
/// `kubectl describe` and `kubectl get events` show them. `type`: Normal or Warning.
void record_event(api::Store& store, const json& involved, const std::string& type, const std::string& reason,
                  const std::string& message, const std::string& component);

/// An ownerReferences entry pointing at `owner` (controller: true).
json owner_ref(const json& owner);
/// True when `object` has an ownerReference with `uid`.
bool owned_by(const json& object, const std::string& uid);

}  // namespace dl::sim::controllers

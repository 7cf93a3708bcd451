// Store: the simulated cluster's object database. One cluster-wide resourceVersion counter,
// object lifecycle as the real API server applies it (uid, creationTimestamp, generation bumped
// on spec changes only, status kept apart when a type has the status subresource, optimistic
// concurrency, finalizers and deletionTimestamp, owner-reference garbage collection, namespace
// deletion), and a bounded event history that watches read from. Thread-safe: one mutex.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim/api/api_result.h"
#include "sim/api/resources.h"

namespace dl::sim::api {

/// Which part of an object a write may change.
enum class WritePart { main, status };
enum class DryRun { no, yes };

struct WatchEvent {
  std::string type;  ///< ADDED, MODIFIED, DELETED, ERROR (BOOKMARK is made by the caller)
  json object;
  uint64_t rv = 0;
  const ResourceType* resource = nullptr;
};

using Filter = std::function<bool(const json& object)>;

struct ListResult {
  std::vector<json> items;
  uint64_t rv = 0;
  std::string continue_token;
  size_t remaining = 0;
};

class Store;

/// A watch's cursor into the event history. Not thread-safe; owned by one reader.
class Watcher {
 public:
  /// Next event, waiting up to `timeout`; nullopt on timeout or after close(). An ERROR event
  /// (410 Expired Status) is returned when the history no longer holds the cursor's position.
  std::optional<WatchEvent> next(std::chrono::milliseconds timeout);
  /// The resourceVersion of the last event delivered (or the starting one).
  uint64_t last_rv() const { return m_last_rv; }

 private:
  friend class Store;
  Store* m_store = nullptr;
  const ResourceType* m_resource = nullptr;  ///< nullptr = every resource (controllers)
  std::string m_ns;
  Filter m_filter;
  uint64_t m_last_rv = 0;
  std::deque<WatchEvent> m_pending;  ///< synthetic ADDED events not yet delivered
};

class Store {
 public:
  /// `history_limit`: events kept for watches; older resourceVersions get 410 Expired.
  explicit Store(size_t history_limit = 10000);

  ApiResult<json> create(const ResourceType& r, const std::string& ns, json object, DryRun dry = DryRun::no);
  ApiResult<json> get(const ResourceType& r, const std::string& ns, const std::string& name) const;
  /// `ns` empty lists across namespaces. `limit` 0 = no limit.
  ApiResult<ListResult> list(const ResourceType& r, const std::string& ns, const Filter& filter, size_t limit,
                             const std::string& continue_token) const;
  /// Replaces the object (PUT semantics). A non-empty metadata.resourceVersion must match the stored one.
  ApiResult<json> update(const ResourceType& r, const std::string& ns, const std::string& name, json object,
                         WritePart part, DryRun dry = DryRun::no);
  /// Deletes, or marks for deletion when finalizers remain. `orphan` keeps dependents.
  ApiResult<json> remove(const ResourceType& r, const std::string& ns, const std::string& name, bool orphan = false,
                         DryRun dry = DryRun::no);

  /// A watch over `r` in `ns` (empty: all namespaces) after `from_rv`; from_rv 0 first replays
  /// the current matching objects as ADDED. `r` nullptr watches every resource.
  std::unique_ptr<Watcher> watch(const ResourceType* r, const std::string& ns, Filter filter, uint64_t from_rv);

  uint64_t current_rv() const;
  /// Drops the whole event history (fault injection: watches from older RVs get 410).
  void compact();
  /// Wakes every waiting watcher (used at shutdown).
  void wake_all();
  /// Writes (create/update/delete) so far, for tests and benchmarks.
  uint64_t write_count() const;

 private:
  friend class Watcher;
  struct Entry {
    json object;
    const ResourceType* resource;
  };
  using Objects = std::map<std::string, Entry>;  // key: resource id + "/" + ns + "/" + name

  static std::string key(const ResourceType& r, const std::string& ns, const std::string& name);
  void record(const std::string& type, const json& object, const ResourceType* r);  // locked
  ApiResult<json> remove_locked(const ResourceType& r, const std::string& ns, const std::string& name, bool orphan);
  void collect_garbage_locked(const std::string& owner_uid);
  void delete_namespace_contents_locked(const std::string& ns);
  json stamp(json object, const ResourceType& r, const std::string& ns);  // locked

  mutable std::mutex m_mu;
  std::condition_variable m_cv;
  Objects m_objects;
  std::deque<WatchEvent> m_history;
  size_t m_history_limit;
  uint64_t m_rv = 1000;
  uint64_t m_oldest_rv = 1000;  ///< watches from before this get 410
  uint64_t m_writes = 0;
  uint64_t m_wake_generation = 0;
};

/// RFC 3339 UTC timestamp of now, second precision.
std::string now_rfc3339();
/// A random RFC 4122 version-4 UUID.
std::string new_uid();

}  // namespace dl::sim::api

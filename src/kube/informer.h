// Informer: a cache of one collection kept current by list + watch, as client-go's reflector
// does: list, then watch from the list's resourceVersion; resume from the last event or
// bookmark when a watch ends or the connection drops; list again on 410 Expired; reconnect
// with jittered exponential backoff on errors. Commands wait on it ("until the pool is
// Updated") instead of polling. Runs one thread; every public method is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kube/client.h"
#include "kube/watch.h"

namespace dl::kube {

struct InformerOptions {
  std::string label_selector;
  std::string field_selector;
  std::chrono::milliseconds backoff_base{200};
  std::chrono::milliseconds backoff_max{10000};
  std::chrono::seconds watch_timeout{290};  ///< each watch request's timeoutSeconds
};

struct InformerStats {
  int lists = 0;    ///< full lists (the first one and every relist)
  int watches = 0;  ///< watch requests started
  int expired = 0;  ///< 410s that forced a relist
  int errors = 0;   ///< failed lists/watches (followed by a backoff)
  int events = 0;   ///< events applied to the cache
};

class Informer {
 public:
  /// ADDED / MODIFIED / DELETED with the object, after the cache has changed.
  using Handler = std::function<void(const std::string& type, const json& object)>;

  Informer(Client& client, ResourceRef collection, InformerOptions options = {});
  ~Informer();
  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  /// Registers a handler; call before start().
  void on_event(Handler handler);
  void start();
  /// Stops the thread (cancels the open watch); idempotent.
  void stop();

  /// Snapshot of the cached objects, ordered by namespace/name.
  std::vector<json> items() const;
  std::optional<json> get(const std::string& ns, const std::string& name) const;
  /// Waits until `ready(items())` holds, re-checking after every change. `ready` runs under the
  /// informer's lock: it must not call the informer's other methods. On timeout an error
  /// "timed out after N s waiting for <what>" (with the last list/watch error, if any).
  util::Status wait_until(const std::function<bool(const std::vector<json>&)>& ready, std::chrono::milliseconds timeout,
                          const std::string& what);
  /// Waits for the first complete list.
  util::Status wait_synced(std::chrono::milliseconds timeout);
  InformerStats stats() const;
  /// The last list or watch error ("" if none yet).
  std::string last_error() const;
  const ResourceRef& ref() const { return m_ref; }

 private:
  void run();
  /// Lists and replaces the cache (emitting the differences); the list's RV, or nullopt on error.
  std::optional<std::string> relist();
  void apply(const std::string& type, const json& object);
  void fail(const std::string& message, int& failures);
  std::vector<json> items_locked() const;

  Client& m_client;
  ResourceRef m_ref;
  InformerOptions m_options;
  std::vector<Handler> m_handlers;
  mutable std::mutex m_mu;
  std::condition_variable m_changed;
  std::map<std::string, json> m_cache;  ///< "ns/name" -> object
  bool m_synced = false;
  uint64_t m_version = 0;  ///< bumped on every cache change
  std::string m_last_error;
  InformerStats m_stats;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace dl::kube

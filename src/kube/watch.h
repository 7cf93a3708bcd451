// Watching a collection: the event stream of one watch request (newline-delimited JSON
// events), and watch_once(), which runs one request to its end. Informer (informer.h) builds
// list + watch + resume + relist on top.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kube/client.h"

namespace dl::kube {

struct WatchEvent {
  std::string type;  ///< ADDED, MODIFIED, DELETED, BOOKMARK or ERROR
  json object;       ///< the object; for ERROR a Status
};

/// Splits a watch response body into events as bytes arrive. Lines that are not events (a
/// Status sent as a plain error body) are kept in `other()`.
class WatchDecoder {
 public:
  /// Feeds `chunk`; calls `on_event` per complete event until it returns false. Returns false
  /// when `on_event` asked to stop.
  bool feed(std::string_view chunk, const std::function<bool(WatchEvent)>& on_event);
  /// Text that was not a watch event (an error body), with any unterminated last line.
  std::string rest() const { return m_other + m_partial; }
  /// Events whose JSON could not be parsed.
  int malformed() const { return m_malformed; }

 private:
  std::string m_partial;
  std::string m_other;
  int m_malformed = 0;
};

struct WatchOptions {
  std::string label_selector;
  std::string field_selector;
  std::string resource_version;       ///< start after this version; empty: current state as ADDED first
  bool bookmarks = true;
  std::chrono::seconds server_timeout{290};  ///< timeoutSeconds: the server ends the watch after this
  const std::atomic<bool>* cancel = nullptr;
};

/// How a watch request ended.
enum class WatchEnd { closed, expired, stopped, cancelled };

struct WatchOutcome {
  WatchEnd end = WatchEnd::closed;
  std::string last_resource_version;  ///< of the last event or bookmark seen (resume point)
  int events = 0;
};

/// Runs one watch request on `ref`'s collection, handing each event (bookmarks included) to
/// `on_event` until it returns false (stopped), the server closes (closed), a 410 arrives as
/// HTTP status or ERROR event (expired: list again), or `cancel` is set. Other non-2xx answers
/// and in-stream ERRORs are returned as Errors; nothing is retried here.
KubeResult<WatchOutcome> watch_once(Client& client, const ResourceRef& ref, const WatchOptions& options,
                                    const std::function<bool(const WatchEvent&)>& on_event);

}  // namespace dl::kube

// Observer: informers over the collections a wait depends on, and one wait loop that re-checks
// a condition after every change in any of them (and at least once a second, so elapsed time
// and ETAs move). Used by apply's waits (registry ready, build ended, pool rolled out) and by
// status -w. Watches resume and relist on 410 inside kube::Informer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kube/informer.h"
#include "util/result.h"

namespace dl::workflow {

using json = nlohmann::json;

/// What a wait's check found.
struct Verdict {
  enum class State { pending, done, failed } state = State::pending;
  std::string message;  ///< failed: why (shown to the user)
  static Verdict pending() { return {}; }
  static Verdict done() { return {State::done, ""}; }
  static Verdict failed(std::string why) { return {State::failed, std::move(why)}; }
};

class Observer {
 public:
  explicit Observer(kube::Client& client) : m_client(client) {}
  ~Observer();
  Observer(const Observer&) = delete;
  Observer& operator=(const Observer&) = delete;

  /// Adds an informer over `collection`; returns its index for items(). Call before wait().
  size_t watch(kube::ResourceRef collection, kube::InformerOptions options = {});
  /// The cached objects of informer `index`.
  std::vector<json> items(size_t index) const;
  /// Counts the changes seen in all informers (it grows with every event and relist difference).
  uint64_t version();
  /// The one object of informer `index` named `name` (any namespace), if cached.
  std::optional<json> find(size_t index, const std::string& name) const;

  /// Starts the informers (first call only) and waits for their first lists, then runs `check`
  /// now, after every change, and at least every `tick`, until it is done (ok), failed (an
  /// internal error carrying the check's message) or `timeout` (first lists included) passes:
  /// "timed out after N s waiting for <what>", plus the collection whose first list has not
  /// answered and its last API error when that is what held the wait up.
  util::Status wait(const std::function<Verdict()>& check, std::chrono::milliseconds timeout, const std::string& what,
                    std::chrono::milliseconds tick = std::chrono::milliseconds(1000));

 private:
  kube::Client& m_client;
  std::vector<std::unique_ptr<kube::Informer>> m_informers;
  std::mutex m_mu;
  std::condition_variable m_changed;
  uint64_t m_version = 0;
  bool m_started = false;
};

/// "Xs", "XmYYs", "XhYYm" for durations shown to people.
std::string human_duration(std::chrono::seconds d);

}  // namespace dl::workflow

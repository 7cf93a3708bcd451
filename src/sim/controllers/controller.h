// The controller contract of the simulated cluster.
//
// A Controller plays one real component (the image registry operator, the PV binder, the MCO's
// layering controller, ...). The ControllerManager feeds it Store events and runs it:
//
// - Threading: every callback of every controller (keys_for, reconcile, `after` tasks) runs on
//   the manager's single worker thread, one at a time. Controllers may keep per-object state in
//   plain members without locks. Callbacks must not block or sleep: to wait for a duration, ask
//   to be called again (Context::requeue_after) or use Deadlines.
// - Events: keys_for() maps each Store event of a watched kind (kinds()) to the keys to
//   reconcile: usually the object's own "ns/name", for a dependent its owner's key (a Pod event
//   -> its MachineOSBuild, a Node event -> its pool). A key queued twice before it runs runs once.
// - Level-based: reconcile(key) reads the current state from the Store and writes the
//   difference. It must be idempotent and write nothing when nothing is to change (steady state
//   is silent: no new resourceVersions). It must not trust the event that triggered it.
// - Relists: at start, and after a watch ERROR (410 Expired: the history was compacted), the
//   manager relists: every current object arrives again as ADDED, and every object the manager
//   had seen that is gone arrives as DELETED (its last known state). Controllers cannot tell a
//   relist from live events and need not.
// - Writes go straight to the Store (no HTTP, no admission); conflicts (409) are expected
//   because users write too: re-read and retry (see objects.h), or requeue.
// - Pod logs go to the LogStore (Context::logs), which `kubectl logs [-f]` reads.
// - Time: Context::now() and durations from Context::timing(); a manual SimClock makes tests
//   deterministic (advance it, then ControllerManager::wait_idle()).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/api/logs.h"
#include "sim/api/store.h"
#include "sim/controllers/clock.h"
#include "sim/controllers/timing.h"

namespace dl::sim::controllers {

using api::json;
class ControllerManager;

/// What a controller may use while it runs. Valid only during the callback it is passed to.
class Context {
 public:
  Context(ControllerManager& manager, size_t controller) : m_manager(manager), m_controller(controller) {}
  api::Store& store();
  api::LogStore& logs();
  const Timing& timing() const;
  /// Simulated time now.
  Duration now() const;
  /// Reconciles `key` of this controller again once `d` has passed.
  void requeue_after(Duration d, const std::string& key);
  /// Runs `task` on the worker thread once `d` has passed (with a Context of this controller).
  void after(Duration d, std::function<void(Context&)> task);

 private:
  ControllerManager& m_manager;
  size_t m_controller;
};

class Controller {
 public:
  virtual ~Controller() = default;
  /// A short name for logs ("image-registry", "pv-binder").
  virtual std::string name() const = 0;
  /// The kinds whose events this controller receives; empty = every kind.
  virtual std::vector<const api::ResourceType*> kinds() const = 0;
  /// The keys to reconcile for one event (possibly none).
  virtual std::vector<std::string> keys_for(Context& ctx, const api::WatchEvent& event) = 0;
  /// Brings the world in line for `key`. Idempotent; see the contract above.
  virtual void reconcile(Context& ctx, const std::string& key) = 0;
};

/// Named waits for level-based controllers: "has duration D passed since this step began?".
/// Not thread-safe (lives in a controller, used on the worker thread).
class Deadlines {
 public:
  /// True once `d` has passed since the first call for `id`; that first call also schedules a
  /// reconcile of `key` for when it passes.
  bool reached(Context& ctx, const std::string& id, Duration d, const std::string& key);
  /// Forgets `id` (the next reached() starts a new wait).
  void clear(const std::string& id);
  /// Forgets every id starting with `prefix`.
  void clear_prefix(const std::string& prefix);

 private:
  std::map<std::string, Duration> m_due;
};

/// "ns/name" (or "name" for cluster-scoped objects) of an event's object.
std::string object_key(const api::json& object);
/// Splits object_key() output: {namespace, name}.
std::pair<std::string, std::string> split_key(const std::string& key);

}  // namespace dl::sim::controllers

// ControllerManager: runs Controllers against a Store (see controller.h for the contract).
// Two threads: a watch thread (Store::watch over every resource, relisting after 410) that turns
// events into queued keys, and a worker thread that runs reconciles and timed tasks one at a time.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "sim/controllers/controller.h"

namespace dl::sim::controllers {

class ControllerManager {
 public:
  /// `clock` nullptr: a real clock.
  ControllerManager(api::Store& store, api::LogStore& logs, Timing timing, std::shared_ptr<SimClock> clock = nullptr);
  ~ControllerManager();
  ControllerManager(const ControllerManager&) = delete;
  ControllerManager& operator=(const ControllerManager&) = delete;

  /// Registers a controller; only before start().
  void add(std::unique_ptr<Controller> controller);
  /// Starts the threads: an initial list (every object as ADDED), then live events. Once.
  void start();
  /// Stops and joins both threads; pending work is dropped. Idempotent.
  void stop();
  /// Blocks until every Store event so far is dispatched, no key is queued or running and no
  /// timed task is due (future ones may remain), or `timeout` passes. For tests.
  bool wait_idle(std::chrono::milliseconds timeout);

  const Timing& timing() const { return m_timing; }
  SimClock& clock() { return *m_clock; }
  api::Store& store() { return m_store; }
  api::LogStore& logs() { return m_logs; }
  /// Tests only: true parks the watch thread before its next read (returns once it is parked),
  /// so a test can change and compact the Store "behind its back"; false lets it go on.
  void pause_watch_for_testing(bool paused);
  /// Relists so far (1 after start; +1 per watch ERROR).
  uint64_t relists() const;
  /// Reconciles run so far.
  uint64_t reconciles() const;

 private:
  friend class Context;
  /// One unit of work for the worker thread.
  struct Item {
    enum class Kind { event, reconcile, task } kind = Kind::reconcile;
    size_t controller = 0;
    std::string key;                     ///< reconcile
    std::function<void(Context&)> task;  ///< task
    api::WatchEvent event;               ///< event (keys_for of every interested controller)
  };
  void watch_loop();
  void work_loop();
  void run(Item& item);
  void dispatch(const api::WatchEvent& event);  // watch thread
  void finish_relist();                         // watch thread
  void push_locked(Item item);
  void schedule(Duration delay, Item item);
  bool wants(size_t controller, const api::ResourceType* r) const;
  bool watched(const api::ResourceType* r) const;
  bool stopping() const;
  bool idle_locked() const;

  api::Store& m_store;
  api::LogStore& m_logs;
  Timing m_timing;
  std::shared_ptr<SimClock> m_clock;
  std::vector<std::unique_ptr<Controller>> m_controllers;
  std::vector<std::vector<const api::ResourceType*>> m_kinds;  ///< per controller; empty = all

  mutable std::mutex m_mu;
  std::condition_variable m_cv;
  bool m_started = false;
  bool m_stopping = false;
  std::deque<Item> m_ready;
  std::set<std::pair<size_t, std::string>> m_queued;  ///< reconcile keys in m_ready
  std::multimap<Duration, Item> m_timers;
  bool m_busy = false;
  uint64_t m_dispatched_rv = 0;
  bool m_relisting = true;
  bool m_pause_watch = false;
  bool m_watch_parked = false;
  uint64_t m_relists = 0;
  uint64_t m_reconciles = 0;

  // watch-thread state (no lock): last known state of watched objects, and the relist in progress
  std::map<std::string, api::WatchEvent> m_cache;  ///< key: resource id + "/" + object_key
  std::set<std::string> m_relist_seen;
  uint64_t m_relist_rv = 0;

  std::thread m_watch_thread;
  std::thread m_work_thread;
};

}  // namespace dl::sim::controllers

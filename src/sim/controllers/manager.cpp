#include "sim/controllers/manager.h"

#include <algorithm>
#include <iostream>

namespace dl::sim::controllers {
namespace {

constexpr std::chrono::milliseconds k_watch_poll{100};

std::string cache_key(const api::WatchEvent& e) {
  return e.resource->group + "/" + e.resource->plural + "/" + object_key(e.object);
}

}  // namespace

ControllerManager::ControllerManager(api::Store& store, api::LogStore& logs, Timing timing,
                                     std::shared_ptr<SimClock> clock)
    : m_store(store), m_logs(logs), m_timing(timing), m_clock(clock ? std::move(clock) : SimClock::real()) {}

ControllerManager::~ControllerManager() {
  stop();
}

void ControllerManager::add(std::unique_ptr<Controller> controller) {
  std::lock_guard<std::mutex> lock(m_mu);
  if (m_started) return;  // the contract: controllers are added before start()
  m_kinds.push_back(controller->kinds());
  m_controllers.push_back(std::move(controller));
}

void ControllerManager::start() {
  {
    std::lock_guard<std::mutex> lock(m_mu);
    if (m_started) return;
    m_started = true;
  }
  m_clock->set_listener([this] {
    std::lock_guard<std::mutex> lock(m_mu);
    m_cv.notify_all();
  });
  m_work_thread = std::thread([this] { work_loop(); });
  m_watch_thread = std::thread([this] { watch_loop(); });
}

void ControllerManager::stop() {
  {
    std::lock_guard<std::mutex> lock(m_mu);
    if (m_stopping) return;
    m_stopping = true;
    m_cv.notify_all();
  }
  m_store.wake_all();
  if (m_watch_thread.joinable()) m_watch_thread.join();
  if (m_work_thread.joinable()) m_work_thread.join();
  m_clock->set_listener({});
}

bool ControllerManager::stopping() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_stopping;
}

uint64_t ControllerManager::relists() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_relists;
}

uint64_t ControllerManager::reconciles() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_reconciles;
}

bool ControllerManager::wants(size_t controller, const api::ResourceType* r) const {
  const auto& kinds = m_kinds[controller];
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), r) != kinds.end();
}

bool ControllerManager::watched(const api::ResourceType* r) const {
  for (size_t i = 0; i < m_kinds.size(); ++i)
    if (wants(i, r)) return true;
  return false;
}

// --- watch thread

void ControllerManager::watch_loop() {
  std::unique_ptr<api::Watcher> w;
  auto relist = [&] {
    w = m_store.watch(nullptr, "", {}, 0);  // replays every object as ADDED at one resourceVersion
    m_relist_rv = w->last_rv();
    m_relist_seen.clear();
    std::lock_guard<std::mutex> lock(m_mu);
    m_relisting = true;
    ++m_relists;
  };
  relist();
  while (!stopping()) {
    {
      std::unique_lock<std::mutex> lock(m_mu);
      m_watch_parked = m_pause_watch;
      m_cv.notify_all();
      m_cv.wait(lock, [this] { return !m_pause_watch || m_stopping; });
      m_watch_parked = false;
    }
    std::optional<api::WatchEvent> e = w->next(k_watch_poll);
    bool relisting = false;
    {
      std::lock_guard<std::mutex> lock(m_mu);
      relisting = m_relisting;
    }
    if (!e) {
      if (relisting) finish_relist();
      std::lock_guard<std::mutex> lock(m_mu);
      m_dispatched_rv = std::max(m_dispatched_rv, w->last_rv());
      m_cv.notify_all();
      continue;
    }
    if (e->type == "ERROR") {  // 410 Expired: our position fell out of the history
      relist();
      continue;
    }
    if (relisting && e->rv > m_relist_rv) finish_relist();
    dispatch(*e);
    std::lock_guard<std::mutex> lock(m_mu);
    m_dispatched_rv = std::max(m_dispatched_rv, e->rv);
    m_cv.notify_all();
  }
}

void ControllerManager::dispatch(const api::WatchEvent& e) {
  if (!e.resource || !watched(e.resource)) return;
  std::string k = cache_key(e);
  bool in_relist = false;
  {
    std::lock_guard<std::mutex> lock(m_mu);
    in_relist = m_relisting;
  }
  if (in_relist && e.rv <= m_relist_rv) m_relist_seen.insert(k);
  if (e.type == "DELETED")
    m_cache.erase(k);
  else
    m_cache[k] = e;
  Item item;
  item.kind = Item::Kind::event;
  item.event = e;
  std::lock_guard<std::mutex> lock(m_mu);
  push_locked(std::move(item));
}

void ControllerManager::finish_relist() {
  std::vector<api::WatchEvent> gone;
  for (auto it = m_cache.begin(); it != m_cache.end();) {
    if (m_relist_seen.count(it->first)) {
      ++it;
      continue;
    }
    api::WatchEvent d = it->second;
    d.type = "DELETED";
    gone.push_back(std::move(d));
    it = m_cache.erase(it);
  }
  {
    std::lock_guard<std::mutex> lock(m_mu);
    m_relisting = false;
  }
  for (const auto& d : gone) {
    Item item;
    item.kind = Item::Kind::event;
    item.event = d;
    std::lock_guard<std::mutex> lock(m_mu);
    push_locked(std::move(item));
  }
  m_relist_seen.clear();
}

// --- worker thread

void ControllerManager::push_locked(Item item) {
  if (item.kind == Item::Kind::reconcile && !m_queued.insert({item.controller, item.key}).second) return;
  m_ready.push_back(std::move(item));
  m_cv.notify_all();
}

void ControllerManager::schedule(Duration delay, Item item) {
  Duration due = m_clock->now() + delay;
  std::lock_guard<std::mutex> lock(m_mu);
  m_timers.emplace(due, std::move(item));
  m_cv.notify_all();
}

void ControllerManager::work_loop() {
  std::unique_lock<std::mutex> lock(m_mu);
  while (!m_stopping) {
    Duration now = m_clock->now();
    while (!m_timers.empty() && m_timers.begin()->first <= now) {
      push_locked(std::move(m_timers.begin()->second));
      m_timers.erase(m_timers.begin());
    }
    if (m_ready.empty()) {
      if (m_timers.empty() || m_clock->is_manual())
        m_cv.wait(lock);
      else
        m_cv.wait_until(lock, m_clock->deadline(m_timers.begin()->first));
      continue;
    }
    Item item = std::move(m_ready.front());
    m_ready.pop_front();
    if (item.kind == Item::Kind::reconcile) {
      m_queued.erase({item.controller, item.key});
      ++m_reconciles;
    }
    m_busy = true;
    lock.unlock();
    run(item);
    lock.lock();
    m_busy = false;
    m_cv.notify_all();
  }
}

void ControllerManager::run(Item& item) {
  size_t c = item.controller;
  try {
    if (item.kind == Item::Kind::event) {
      std::vector<std::pair<size_t, std::string>> keys;
      for (size_t i = 0; i < m_controllers.size(); ++i) {
        if (!wants(i, item.event.resource)) continue;
        Context ctx(*this, c = i);
        for (auto& k : m_controllers[i]->keys_for(ctx, item.event)) keys.emplace_back(i, std::move(k));
      }
      std::lock_guard<std::mutex> lock(m_mu);
      for (auto& [i, k] : keys) {
        Item r;
        r.controller = i;
        r.key = std::move(k);
        push_locked(std::move(r));
      }
    } else if (item.kind == Item::Kind::reconcile) {
      Context ctx(*this, c);
      m_controllers[c]->reconcile(ctx, item.key);
    } else {
      Context ctx(*this, c);
      item.task(ctx);
    }
  } catch (const std::exception& ex) {  // a controller bug must not take the API server down
    std::cerr << "sim: controller " << m_controllers[c]->name() << ": " << ex.what() << std::endl;
  }
}

void ControllerManager::pause_watch_for_testing(bool paused) {
  std::unique_lock<std::mutex> lock(m_mu);
  m_pause_watch = paused;
  m_cv.notify_all();
  if (paused) m_cv.wait(lock, [this] { return m_watch_parked || m_stopping; });
}

bool ControllerManager::idle_locked() const {
  if (!m_ready.empty() || m_busy || m_relisting || m_dispatched_rv < m_store.current_rv()) return false;
  return m_timers.empty() || m_timers.begin()->first > m_clock->now();
}

bool ControllerManager::wait_idle(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(m_mu);
  while (!idle_locked()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // Store writes by others do not notify us: poll in short slices.
    m_cv.wait_for(lock, std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace dl::sim::controllers

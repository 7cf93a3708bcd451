#include "kube/informer.h"

#include <random>
#include <set>

namespace dl::kube {
namespace {

std::string key_of(const json& o) {
  const json& m = o.value("metadata", json::object());
  return m.value("namespace", "") + "/" + m.value("name", "");
}

}  // namespace

Informer::Informer(Client& client, ResourceRef collection, InformerOptions options)
    : m_client(client), m_ref(std::move(collection)), m_options(std::move(options)) {
  m_ref.name.clear();
}

Informer::~Informer() {
  stop();
}

void Informer::on_event(Handler handler) {
  m_handlers.push_back(std::move(handler));
}

void Informer::start() {
  m_thread = std::thread([this] { run(); });
}

void Informer::stop() {
  m_stop = true;
  m_changed.notify_all();
  if (m_thread.joinable()) {
    m_thread.join();
  }
}

void Informer::apply(const std::string& type, const json& object) {
  {
    std::lock_guard<std::mutex> lock(m_mu);
    if (type == "DELETED") {
      m_cache.erase(key_of(object));
    } else {
      m_cache[key_of(object)] = object;
    }
    ++m_version;
    ++m_stats.events;
  }
  m_changed.notify_all();
  for (const auto& h : m_handlers) {
    h(type, object);
  }
}

std::optional<std::string> Informer::relist() {
  ListOptions lo{m_options.label_selector, m_options.field_selector, 500};
  auto list = m_client.list(m_ref, lo);
  {
    std::lock_guard<std::mutex> lock(m_mu);
    ++m_stats.lists;
  }
  if (!list) {
    std::lock_guard<std::mutex> lock(m_mu);
    m_last_error = list.error().message;
    return std::nullopt;
  }
  std::map<std::string, json> fresh;
  for (auto& item : (*list)["items"]) {
    std::string key = key_of(item);  // before the move: the assignment's right side goes first
    fresh[key] = std::move(item);
  }
  std::vector<std::pair<std::string, json>> changes;
  {
    std::lock_guard<std::mutex> lock(m_mu);
    for (const auto& [k, old] : m_cache) {
      if (fresh.find(k) == fresh.end()) {
        changes.emplace_back("DELETED", old);
      }
    }
    for (const auto& [k, obj] : fresh) {
      auto it = m_cache.find(k);
      if (it == m_cache.end()) {
        changes.emplace_back("ADDED", obj);
      } else if (it->second != obj) {
        changes.emplace_back("MODIFIED", obj);
      }
    }
    m_cache = std::move(fresh);
    m_synced = true;
    ++m_version;
  }
  m_changed.notify_all();
  for (const auto& [type, obj] : changes) {
    for (const auto& h : m_handlers) {
      h(type, obj);
    }
  }
  return (*list)["metadata"].value("resourceVersion", "");
}

void Informer::fail(const std::string& message, int& failures) {
  {
    std::lock_guard<std::mutex> lock(m_mu);
    m_last_error = message;
    ++m_stats.errors;
  }
  ++failures;
  auto delay = m_options.backoff_base * (1LL << std::min(failures - 1, 10));
  delay = std::min<std::chrono::milliseconds>(delay, m_options.backoff_max);
  static thread_local std::mt19937 rng(std::random_device{}());
  std::uniform_real_distribution<double> jitter(0.5, 1.5);
  auto wait = std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(delay.count()) * jitter(rng)));
  std::unique_lock<std::mutex> lock(m_mu);
  m_changed.wait_for(lock, wait, [this] { return m_stop.load(); });
}

void Informer::run() {
  std::string rv;
  bool need_list = true;
  int failures = 0;
  while (!m_stop) {
    if (need_list) {
      auto listed = relist();
      if (!listed) {
        fail(m_last_error, failures);
        continue;
      }
      rv = *listed;
      need_list = false;
    }
    WatchOptions wo{m_options.label_selector, m_options.field_selector, rv, true, m_options.watch_timeout, &m_stop};
    {
      std::lock_guard<std::mutex> lock(m_mu);
      ++m_stats.watches;
    }
    auto outcome = watch_once(m_client, m_ref, wo, [this](const WatchEvent& e) {
      if (e.type != "BOOKMARK") {
        apply(e.type, e.object);
      }
      return !m_stop.load();
    });
    if (!outcome) {
      fail(outcome.error().message, failures);  // resume from rv after the backoff
      continue;
    }
    failures = 0;
    rv = outcome->last_resource_version;
    if (outcome->end == WatchEnd::expired) {
      std::lock_guard<std::mutex> lock(m_mu);
      ++m_stats.expired;
      need_list = true;
    }
  }
}

std::vector<json> Informer::items_locked() const {
  std::vector<json> out;
  for (const auto& [k, v] : m_cache) {
    out.push_back(v);
  }
  return out;
}

std::vector<json> Informer::items() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return items_locked();
}

std::optional<json> Informer::get(const std::string& ns, const std::string& name) const {
  std::lock_guard<std::mutex> lock(m_mu);
  auto it = m_cache.find(ns + "/" + name);
  return it == m_cache.end() ? std::nullopt : std::optional<json>(it->second);
}

util::Status Informer::wait_until(const std::function<bool(const std::vector<json>&)>& ready,
                                  std::chrono::milliseconds timeout, const std::string& what) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  std::unique_lock<std::mutex> lock(m_mu);
  for (;;) {
    if (m_synced && ready(items_locked())) {
      return util::ok_status();
    }
    if (m_stop || m_changed.wait_until(lock, deadline) == std::cv_status::timeout) {
      if (m_synced && ready(items_locked())) {
        return util::ok_status();
      }
      std::string secs = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
      return util::make_error(util::ErrorKind::timeout,
                              "timed out after " + secs + " s waiting for " + what +
                                  (m_last_error.empty() ? "" : " (last API error: " + m_last_error + ")"));
    }
  }
}

util::Status Informer::wait_synced(std::chrono::milliseconds timeout) {
  return wait_until([](const std::vector<json>&) { return true; }, timeout,
                    "the first list of " + resource_path(m_ref));
}

std::string Informer::last_error() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_last_error;
}

InformerStats Informer::stats() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_stats;
}

}  // namespace dl::kube

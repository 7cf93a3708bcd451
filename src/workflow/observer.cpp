#include "workflow/observer.h"

#include <thread>

namespace dl::workflow {

Observer::~Observer() {
  // Each informer notices a stop within 50 ms (kube::CurlTransport); stop them together anyway.
  std::vector<std::thread> stopping;
  for (auto& i : m_informers) stopping.emplace_back([&i] { i->stop(); });
  for (auto& t : stopping) t.join();
}

size_t Observer::watch(kube::ResourceRef collection, kube::InformerOptions options) {
  m_informers.push_back(std::make_unique<kube::Informer>(m_client, std::move(collection), std::move(options)));
  m_informers.back()->on_event([this](const std::string&, const json&) {
    {
      std::lock_guard<std::mutex> lock(m_mu);
      ++m_version;
    }
    m_changed.notify_all();
  });
  return m_informers.size() - 1;
}

uint64_t Observer::version() {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_version;
}

std::vector<json> Observer::items(size_t index) const {
  return m_informers.at(index)->items();
}

std::optional<json> Observer::find(size_t index, const std::string& name) const {
  for (auto& o : items(index))
    if (o["metadata"].value("name", "") == name) return o;
  return std::nullopt;
}

util::Status Observer::wait(const std::function<Verdict()>& check, std::chrono::milliseconds timeout,
                            const std::string& what, std::chrono::milliseconds tick) {
  auto start = std::chrono::steady_clock::now();
  auto deadline = start + timeout;
  auto timed_out = [&](const std::string& why) {
    auto secs = std::chrono::ceil<std::chrono::seconds>(timeout);  // what the user allowed, not a truncated clock
    return util::make_error(util::ErrorKind::timeout,
                            "timed out after " + human_duration(secs) + " waiting for " + what + why);
  };
  if (!m_started) {
    m_started = true;
    for (auto& i : m_informers) i->start();
  }
  for (auto& i : m_informers) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (i->wait_synced(std::max(left, std::chrono::milliseconds(1)))) continue;
    std::string err = i->last_error();
    return timed_out(" (no answer yet to the first list of " + kube::resource_path(i->ref()) +
                     (err.empty() ? "" : "; last API error: " + err) + ")");
  }
  for (;;) {
    uint64_t seen;
    {
      std::lock_guard<std::mutex> lock(m_mu);
      seen = m_version;
    }
    Verdict v = check();
    if (v.state == Verdict::State::done) return util::ok_status();
    if (v.state == Verdict::State::failed) return util::make_error(util::ErrorKind::internal, v.message);
    auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return timed_out("");
    std::unique_lock<std::mutex> lock(m_mu);
    m_changed.wait_until(lock, std::min(deadline, now + tick), [&] { return m_version != seen; });
  }
}

std::string human_duration(std::chrono::seconds d) {
  long long s = d.count();
  if (s < 0) s = 0;
  char buf[32];
  if (s < 60)
    std::snprintf(buf, sizeof buf, "%llds", s);
  else if (s < 3600)
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
  return buf;
}

}  // namespace dl::workflow

#include "sim/api/logs.h"

namespace dl::sim::api {

namespace {
std::string log_key(const std::string& ns, const std::string& pod, const std::string& c) { return ns + "/" + pod + "/" + c; }
}  // namespace

void LogStore::append(const std::string& ns, const std::string& pod, const std::string& container, const std::string& text) {
  std::lock_guard<std::mutex> lock(m_mu);
  Log& log = m_logs[log_key(ns, pod, container)];
  log.appends.emplace_back(log.text.size(), std::chrono::system_clock::now());
  log.text += text;
  m_cv.notify_all();
}

size_t LogStore::offset_since(const std::string& ns, const std::string& pod, const std::string& container,
                              std::chrono::system_clock::time_point since) {
  std::lock_guard<std::mutex> lock(m_mu);
  const Log& log = m_logs[log_key(ns, pod, container)];
  for (const auto& [offset, when] : log.appends)
    if (when >= since) return offset;
  return log.text.size();
}

void LogStore::finish(const std::string& ns, const std::string& pod, const std::string& container) {
  std::lock_guard<std::mutex> lock(m_mu);
  m_logs[log_key(ns, pod, container)].finished = true;
  m_cv.notify_all();
}

LogStore::Chunk LogStore::read(const std::string& ns, const std::string& pod, const std::string& container,
                               size_t offset, std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(m_mu);
  Log& log = m_logs[log_key(ns, pod, container)];
  m_cv.wait_for(lock, timeout, [&] { return log.text.size() > offset || log.finished; });
  Chunk c;
  if (log.text.size() > offset) c.text = log.text.substr(offset);
  c.finished = log.finished;
  return c;
}

}  // namespace dl::sim::api

#include "sim/api/faults.h"

#include <iostream>

#include "util/strings.h"

namespace dl::sim::api {

void Faults::add(const FaultRule& rule) {
  std::lock_guard<std::mutex> lock(m_mu);
  m_rules.push_back(rule);
}

void Faults::clear() {
  std::lock_guard<std::mutex> lock(m_mu);
  m_rules.clear();
}

FaultDecision Faults::match(const std::string& method, const std::string& path) {
  std::lock_guard<std::mutex> lock(m_mu);
  for (auto it = m_rules.begin(); it != m_rules.end(); ++it) {
    if (it->method != "*" && it->method != method) continue;
    if (path.compare(0, it->path_prefix.size(), it->path_prefix) != 0) continue;
    FaultDecision d{it->status, it->retry_after, it->latency_ms, it->drop_after_events};
    std::string kind = it->status ? std::to_string(it->status) : it->drop_after_events >= 0 ? "drop" : "latency";
    ++m_injected;
    ++m_by_kind[kind];
    std::cerr << "sim: fault " << kind << " on " << method << " " << path << "\n";
    if (it->count > 0 && --it->count == 0) m_rules.erase(it);
    return d;
  }
  return {};
}

nlohmann::json Faults::report() const {
  std::lock_guard<std::mutex> lock(m_mu);
  nlohmann::json pending = nlohmann::json::array();
  for (const auto& r : m_rules)
    pending.push_back({{"method", r.method}, {"pathPrefix", r.path_prefix}, {"status", r.status}, {"count", r.count},
                       {"retryAfter", r.retry_after}, {"latencyMs", r.latency_ms}, {"dropAfterEvents", r.drop_after_events}});
  return {{"injected", m_injected}, {"byKind", m_by_kind}, {"pending", pending}};
}

uint64_t Faults::injected() const {
  std::lock_guard<std::mutex> lock(m_mu);
  return m_injected;
}

util::Result<FaultRule> Faults::parse(const std::string& text) {
  FaultRule r;
  auto bad = [&](const std::string& why) {
    return util::make_error(util::ErrorKind::invalid_input, "bad fault \"" + text + "\": " + why);
  };
  if (!text.empty() && text[0] == '{') {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return bad("not a JSON object");
    r.method = j.value("method", r.method);
    r.path_prefix = j.value("pathPrefix", r.path_prefix);
    r.status = j.value("status", 0);
    r.count = j.value("count", 1);
    r.retry_after = j.value("retryAfter", 1);
    r.latency_ms = j.value("latencyMs", 0);
    r.drop_after_events = j.value("dropAfterEvents", -1);
  } else {
    auto parts = util::split(text, ':');
    if (parts.size() < 3 || parts.size() > 5) return bad("want METHOD:PATH_PREFIX:STATUS[:COUNT[:RETRY_AFTER]]");
    try {
      r.method = parts[0];
      r.path_prefix = parts[1];
      r.status = std::stoi(parts[2]);
      if (parts.size() > 3) r.count = std::stoi(parts[3]);
      if (parts.size() > 4) r.retry_after = std::stoi(parts[4]);
    } catch (const std::exception&) {
      return bad("STATUS, COUNT and RETRY_AFTER are numbers");
    }
  }
  if (r.status && (r.status < 400 || r.status > 599)) return bad("status must be 4xx or 5xx");
  if (r.path_prefix.empty() || r.path_prefix[0] != '/') return bad("the path prefix starts with /");
  return r;
}

}  // namespace dl::sim::api

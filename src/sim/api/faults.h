// Faults on demand: the next N requests matching a method and path prefix get an error status
// (429 with Retry-After, 409, 500, 503), added latency, or a dropped watch. Every injected fault
// is counted and logged. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "util/result.h"

namespace dl::sim::api {

struct FaultRule {
  std::string method = "*";  ///< GET, POST, PUT, PATCH, DELETE, WATCH, or * for any
  std::string path_prefix = "/";
  int status = 0;            ///< 0: no status fault (latency or drop only)
  int count = 1;             ///< how many matching requests it applies to; -1 = forever
  int retry_after = 1;       ///< seconds, for 429 and 503
  int latency_ms = 0;
  int drop_after_events = -1;  ///< for watches: close the stream after this many events (0 = at once)
};

struct FaultDecision {
  int status = 0;
  int retry_after = 0;
  int latency_ms = 0;
  int drop_after_events = -1;
  bool any() const { return status || latency_ms || drop_after_events >= 0; }
};

class Faults {
 public:
  void add(const FaultRule& rule);
  void clear();
  /// Consumes the first rule matching `method` (WATCH for watch requests) and `path`.
  FaultDecision match(const std::string& method, const std::string& path);
  /// {"injected": N, "byKind": {"429": n, "drop": n, "latency": n, ...}, "pending": [...rules]}.
  nlohmann::json report() const;
  uint64_t injected() const;

  /// "METHOD:PATH_PREFIX:STATUS[:COUNT[:RETRY_AFTER]]", or a JSON object with the FaultRule fields.
  static util::Result<FaultRule> parse(const std::string& text);

 private:
  mutable std::mutex m_mu;
  std::vector<FaultRule> m_rules;
  uint64_t m_injected = 0;
  std::map<std::string, uint64_t> m_by_kind;
};

}  // namespace dl::sim::api

// When and how long the client waits before sending a request again.
//
// Retried: 429 and 503 for every method (the server says it did not act on the request), and a
// failure to connect or to finish the TLS handshake (nothing was sent); 500, 502 and 504 and
// other connection failures only for idempotent requests: GET, PUT, DELETE, server-side apply
// and merge patch (applying either twice gives the same object). POST and JSON patch (an "add"
// to a list is not idempotent) are not retried after those. TLS verification and configuration
// failures are never retried. A failure to connect where nothing has ever listened (no answer,
// no connection yet) is tried twice only (a wrong address is reported at once); a server that
// answered before and stops is an outage or failover, ridden out with the whole policy. The
// wait is the server's Retry-After when it sent one if that is longer than the exponential
// backoff; attempts and total waiting are both bounded.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <thread>

#include "kube/errors.h"

namespace dl::kube {

struct RetryPolicy {
  int max_attempts = 8;                           ///< tries in all, the first included
  std::chrono::milliseconds initial_backoff{200};  ///< doubled after each retry ...
  std::chrono::milliseconds max_backoff{5000};     ///< ... up to this (Retry-After may ask for more)
  /// All the waiting of one request. 8 attempts ride out an API server restart or a burst of
  /// 5xx of about 15 s (the fault soak's chaos), yet a dead server is reported within 30 s.
  std::chrono::milliseconds max_total_backoff{30000};
  /// How to wait; tests substitute one that records instead of sleeping. Empty: sleep_for.
  std::function<void(std::chrono::milliseconds)> sleep;
};

enum class Idempotent { yes, no };

/// True when a request that failed with `error` may be sent again (see the file comment).
bool is_retryable(const Error& error, Idempotent idempotent);

/// The wait before retry number `retry` (1 for the first retry): initial_backoff * 2^(retry-1)
/// capped at max_backoff, or the server's Retry-After when that is longer (never sooner than the
/// server asked).
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, std::optional<int> retry_after_seconds);

/// Waits `delay` with the policy's sleep function.
void wait_for(const RetryPolicy& policy, std::chrono::milliseconds delay);

/// Runs `fn` (a read-modify-write returning KubeResult) again while it fails with a 409
/// Conflict (not AlreadyExists), at most `attempts` times in all, 10 ms apart. Returns the
/// last result.
template <typename Fn>
auto retry_on_conflict(int attempts, Fn&& fn) -> decltype(fn()) {
  auto result = fn();
  for (int i = 1; i < attempts && !result && result.error().is_conflict(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    result = fn();
  }
  return result;
}

}  // namespace dl::kube

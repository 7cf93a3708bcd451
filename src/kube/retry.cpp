#include "kube/retry.h"

#include <algorithm>
#include <cstdint>

namespace dl::kube {

bool is_retryable(const Error& error, Idempotent idempotent) {
  if (error.code == 429 || error.code == 503) {
    return true;
  }
  bool idem = idempotent == Idempotent::yes;
  if (error.code == 500 || error.code == 502 || error.code == 504) {
    return idem;
  }
  if (error.code == 0) {
    if (error.kind == util::ErrorKind::unreachable) return true;  // nothing was sent
    return idem && (error.kind == util::ErrorKind::io || error.kind == util::ErrorKind::timeout);
  }
  return false;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, std::optional<int> retry_after_seconds) {
  int shift = std::clamp(retry - 1, 0, 20);
  std::chrono::milliseconds exponential =
      std::min<std::chrono::milliseconds>(policy.initial_backoff * (int64_t{1} << shift), policy.max_backoff);
  if (retry_after_seconds && *retry_after_seconds > 0) {
    return std::max<std::chrono::milliseconds>(exponential, std::chrono::seconds(*retry_after_seconds));
  }
  return exponential;
}

void wait_for(const RetryPolicy& policy, std::chrono::milliseconds delay) {
  if (policy.sleep) {
    policy.sleep(delay);
  } else {
    std::this_thread::sleep_for(delay);
  }
}

}  // namespace dl::kube

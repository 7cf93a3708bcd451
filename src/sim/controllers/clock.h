// SimClock: the time controllers schedule against. A real clock follows std::chrono::steady_clock
// from its creation; a manual clock stands still until a test advances it, so scheduling can be
// tested without sleeping.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace dl::sim::controllers {

/// Simulated durations and instants (time since the clock's start).
using Duration = std::chrono::milliseconds;

class SimClock {
 public:
  /// A clock that follows real (steady) time.
  static std::shared_ptr<SimClock> real();
  /// A clock that only moves on advance().
  static std::shared_ptr<SimClock> manual();

  /// Time since the clock started.
  Duration now() const;
  bool is_manual() const { return m_manual; }
  /// The steady_clock instant at which simulated instant `t` arrives (real clocks only).
  std::chrono::steady_clock::time_point deadline(Duration t) const { return m_start + t; }
  /// Moves a manual clock forward by `d` and calls the listener; ignored by real clocks.
  void advance(Duration d);
  /// One listener, called (without the clock's lock held) after each advance(); empty clears it.
  void set_listener(std::function<void()> listener);

 private:
  explicit SimClock(bool manual) : m_manual(manual), m_start(std::chrono::steady_clock::now()) {}
  const bool m_manual;
  const std::chrono::steady_clock::time_point m_start;
  mutable std::mutex m_mu;
  Duration m_manual_now{0};
  std::function<void()> m_listener;
};

}  // namespace dl::sim::controllers

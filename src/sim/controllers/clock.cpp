#include "sim/controllers/clock.h"

namespace dl::sim::controllers {

std::shared_ptr<SimClock> SimClock::real() {
  return std::shared_ptr<SimClock>(new SimClock(false));
}

std::shared_ptr<SimClock> SimClock::manual() {
  return std::shared_ptr<SimClock>(new SimClock(true));
}

Duration SimClock::now() const {
  if (!m_manual) return std::chrono::duration_cast<Duration>(std::chrono::steady_clock::now() - m_start);
  std::lock_guard<std::mutex> lock(m_mu);
  return m_manual_now;
}

void SimClock::advance(Duration d) {
  if (!m_manual) return;
  std::function<void()> listener;
  {
    std::lock_guard<std::mutex> lock(m_mu);
    m_manual_now += d;
    listener = m_listener;
  }
  if (listener) listener();
}

void SimClock::set_listener(std::function<void()> listener) {
  std::lock_guard<std::mutex> lock(m_mu);
  m_listener = std::move(listener);
}

}  // namespace dl::sim::controllers

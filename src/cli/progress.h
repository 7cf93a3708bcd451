// Printing workflow events: a TTY gets one live status line for waits (spinner, elapsed, ETA)
// and a line per change; a pipe gets timestamped lines (a wait's line only when its text
// changes); -o json one JSON object a line. NO_COLOR (any value) turns colour off.
#pragma once

#include <chrono>
#include <ostream>
#include <string>

#include "workflow/events.h"

namespace dl::cli {

class ProgressPrinter {
 public:
  enum class Mode { tty, plain, json };
  ProgressPrinter(std::ostream& out, Mode mode, bool color);
  /// The mode for `fd` and -o `output`: json when asked, tty when `fd` is a terminal.
  static ProgressPrinter for_stream(std::ostream& out, int fd, const std::string& output);
  void operator()(const workflow::Event& e);
  /// Ends a live line, if one is showing.
  void finish();
  workflow::EventSink sink() {
    return [this](const workflow::Event& e) { (*this)(e); };
  }

 private:
  std::string timestamp() const;
  std::string paint(const char* code, const std::string& text) const;
  std::ostream& m_out;
  Mode m_mode;
  bool m_color;
  bool m_live = false;
  std::string m_last_wait;
  int m_spin = 0;
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

}  // namespace dl::cli

#include "cli/progress.h"

#include <unistd.h>

#include <cstdlib>
#include <ctime>

#include "workflow/observer.h"

namespace dl::cli {

using workflow::Event;

ProgressPrinter::ProgressPrinter(std::ostream& out, Mode mode, bool color) : m_out(out), m_mode(mode), m_color(color) {}

ProgressPrinter ProgressPrinter::for_stream(std::ostream& out, int fd, const std::string& output) {
  bool tty = isatty(fd) == 1;
  bool color = tty && std::getenv("NO_COLOR") == nullptr;
  Mode m = output == "json" ? Mode::json : tty ? Mode::tty : Mode::plain;
  return ProgressPrinter(out, m, color);
}

std::string ProgressPrinter::timestamp() const {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
  return buf;
}

std::string ProgressPrinter::paint(const char* code, const std::string& text) const {
  return m_color ? std::string("\033[") + code + "m" + text + "\033[0m" : text;
}

void ProgressPrinter::finish() {
  if (m_live) m_out << "\n" << std::flush;
  m_live = false;
}

namespace {
const char* mark(Event::Kind k) {
  switch (k) {
    case Event::Kind::step: return "==>";
    case Event::Kind::change: return " + ";
    case Event::Kind::same: return " = ";
    case Event::Kind::warn: return " ! ";
    case Event::Kind::done: return " ok";
    case Event::Kind::fail: return " x ";
    default: return "   ";
  }
}
const char* colour(Event::Kind k) {
  switch (k) {
    case Event::Kind::step: return "1";
    case Event::Kind::change: return "32";
    case Event::Kind::warn: return "33";
    case Event::Kind::done: return "32";
    case Event::Kind::fail: return "31";
    default: return "2";
  }
}
}  // namespace

void ProgressPrinter::operator()(const Event& e) {
  if (m_mode == Mode::json) {
    m_out << workflow::json{{"time", timestamp()}, {"kind", workflow::kind_name(e.kind)}, {"step", e.step},
                            {"message", e.message}, {"data", e.data}}
                 .dump()
          << "\n"
          << std::flush;
    return;
  }
  if (e.kind == Event::Kind::wait) {
    if (m_mode == Mode::plain) {
      if (e.message == m_last_wait) return;
      m_last_wait = e.message;
      m_out << timestamp() << "  ...  " << e.step << ": " << e.message << "\n" << std::flush;
      return;
    }
    static const char* spin[] = {"|", "/", "-", "\\"};
    auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - m_start);
    std::string line = std::string(spin[m_spin++ % 4]) + " " + e.step + ": " + e.message + "  [" +
                       workflow::human_duration(elapsed);
    if (e.data.contains("etaSeconds"))
      line += ", ETA " + workflow::human_duration(std::chrono::seconds(e.data["etaSeconds"].get<long long>()));
    line += "]";
    m_out << "\r\033[K" << paint("2", line) << std::flush;
    m_live = true;
    return;
  }
  if (m_live) m_out << "\r\033[K";
  m_live = false;
  std::string prefix = m_mode == Mode::plain ? timestamp() + " " : "";
  m_out << prefix << paint(colour(e.kind), mark(e.kind)) << " " << (e.kind == Event::Kind::step ? paint("1", e.step) + ": " : "")
        << e.message << "\n"
        << std::flush;
}

}  // namespace dl::cli

#include "cli/timeline_view.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace dl::cli {
namespace {

using workflow::Timeline;
using workflow::TimelineRow;

constexpr int k_total_w = 7;  // "12h05m"
constexpr int k_mark_w = 8;   // "degraded"
constexpr int k_min_bar = 10;

const char* color_of(char c) {
  switch (c) {
    case ':': return "\033[33m";
    case '=': return "\033[34m";
    case '#': return "\033[35m";
    case '+': return "\033[32m";
    default: return "";
  }
}

std::string pad(std::string s, size_t width, bool right = false) {
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

struct Axis {
  long long start = 0, span = 1;
  int width = k_min_bar;
  int col(long long t) const {
    long long c = ((t - start) * width * 2 + span) / (2 * span);  // rounded to the nearest column
    return static_cast<int>(std::clamp<long long>(c, 0, width));
  }
};

std::string bar(const TimelineRow& r, const Axis& a, long long now, bool color) {
  std::string cells(static_cast<size_t>(a.width), ' ');
  for (const auto& p : r.phases) {
    int from = a.col(p.start), to = a.col(p.end ? *p.end : std::max(now, p.start));
    for (int i = from; i < to; ++i) cells[static_cast<size_t>(i)] = timeline_phase_char(p.name);
  }
  if (!color) return cells;
  std::string out;
  for (size_t i = 0; i < cells.size();) {
    size_t j = i;
    while (j < cells.size() && cells[j] == cells[i]) ++j;
    const char* c = color_of(cells[i]);
    out += *c ? c + cells.substr(i, j - i) + "\033[0m" : cells.substr(i, j - i);
    i = j;
  }
  return out;
}

std::string axis_lines(const Axis& a, size_t indent) {
  long long step = axis_step(a.span, a.width, 10);
  std::string ticks(static_cast<size_t>(a.width) + 1, '-');
  std::string labels(static_cast<size_t>(a.width) + 12, ' ');
  size_t free_from = 0;
  for (long long s = 0; s <= a.span; s += step) {
    auto c = static_cast<size_t>(a.col(a.start + s));
    ticks[c] = '+';
    std::string text = format_span(s);
    if (c < free_from || c + text.size() > labels.size()) continue;
    labels.replace(c, text.size(), text);
    free_from = c + text.size() + 1;
  }
  while (!labels.empty() && labels.back() == ' ') labels.pop_back();
  return std::string(indent, ' ') + ticks + "\n" + std::string(indent, ' ') + labels + "\n";
}

}  // namespace

char timeline_phase_char(const std::string& phase) {
  if (phase == "cordon") return ':';
  if (phase == "drain") return '=';
  if (phase == "reboot") return '#';
  if (phase == "ready") return '+';
  return '?';
}

std::string format_span(long long s) {
  if (s < 60) return std::to_string(s) + "s";
  auto two = [](long long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  if (s < 3600) return std::to_string(s / 60) + "m" + (s % 60 ? two(s % 60) + "s" : "");
  if (s < 86400) return std::to_string(s / 3600) + "h" + (s % 3600 / 60 ? two(s % 3600 / 60) + "m" : "");
  return std::to_string(s / 86400) + "d" + (s % 86400 / 3600 ? std::to_string(s % 86400 / 3600) + "h" : "");
}

long long axis_step(long long span, double length, double min_gap) {
  static const long long steps[] = {1,    2,    5,    10,    15,    30,    60,    120,   300,
                                    600,  900,  1800, 3600,  7200,  21600, 43200, 86400, 172800,
                                    432000, 864000};
  for (long long s : steps)
    if (static_cast<double>(s) * length / static_cast<double>(std::max(span, 1LL)) >= min_gap) return s;
  return std::max(span, 1LL);
}

int terminal_columns(const char* columns) {
  if (!columns || !*columns) return 80;
  char* end = nullptr;
  long v = std::strtol(columns, &end, 10);
  return *end == '\0' && v >= 20 && v <= 10000 ? static_cast<int>(v) : 80;
}

std::string render_timeline(const Timeline& t, const TimelineViewOptions& o) {
  size_t name_w = 4;
  for (const auto& r : t.rows) name_w = std::max(name_w, r.node.size());
  // "name *|bar|  total  mark"
  int fixed = static_cast<int>(name_w) + 3 + 1 + 2 + k_total_w + 2 + k_mark_w;
  Axis a{t.start, std::max(t.end - t.start, 1LL), std::max(o.width - fixed, k_min_bar)};
  std::string out = "pool " + t.pool + ": " + std::to_string(t.rows.size()) + " node(s)";
  if (t.slowest.empty()) {
    out += ", no update recorded\n";
  } else {
    out += ", slowest " + t.slowest + " (*)\nfrom " + workflow::format_time(t.start) + " over " +
           format_span(t.end - t.start) + "\n";
  }
  out += pad("NODE", name_w + 3 + static_cast<size_t>(a.width) + 1) + "  " + pad("TOTAL", k_total_w, true) + "\n";
  for (const auto& r : t.rows) {
    std::string total = r.start ? format_span(r.seconds) : "-";
    std::string mark = r.state == "done" ? (r.slowest ? "slowest" : "") : r.state;
    std::string star = r.slowest ? (o.color ? "\033[1;31m*\033[0m" : "*") : " ";
    std::string line = pad(r.node, name_w) + " " + star + "|" + bar(r, a, t.now, o.color) + "|  " +
                       pad(total, k_total_w, true) + (mark.empty() ? "" : "  " + mark);
    out += line + "\n";
  }
  out += axis_lines(a, name_w + 3);
  out += "legend:";
  for (const auto& p : workflow::timeline_phases()) {
    std::string sample(1, timeline_phase_char(p));
    if (o.color) sample = color_of(sample[0]) + sample + "\033[0m";
    out += " " + sample + " " + p + " ";
  }
  out += " * slowest\n";
  return out;
}

}  // namespace dl::cli

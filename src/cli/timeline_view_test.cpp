// The terminal timeline: row order, bars proportional to the phase durations, the slowest mark,
// axis, legend, width and colours.
#include "cli/timeline_view.h"

#include <gtest/gtest.h>

#include <sstream>

namespace dl::cli {
namespace {

using workflow::Timeline;
using workflow::TimelinePhase;
using workflow::TimelineRow;

TimelineRow row(const std::string& name, long long s, std::vector<long long> cuts, bool done = true) {
  TimelineRow r;
  r.node = name;
  r.start = s;
  const auto& names = workflow::timeline_phases();
  long long at = s;
  for (size_t i = 0; i < cuts.size(); ++i) {
    std::optional<long long> end = at + cuts[i];
    if (!done && i + 1 == cuts.size()) end.reset();
    r.phases.push_back(TimelinePhase{names[i], at, end});
    at += cuts[i];
  }
  r.state = done ? "done" : "running";
  if (done) r.end = at;
  r.seconds = at - s;
  return r;
}

// worker-b (done, 110 s, slowest), worker-a (done, 60 s), worker-c (running), worker-d (waiting).
Timeline fixture() {
  Timeline t;
  t.pool = "worker";
  t.start = 1000;
  t.now = t.end = 1200;
  t.rows.push_back(row("worker-b", 1000, {0, 40, 60, 10}));
  t.rows.push_back(row("worker-a", 1110, {0, 20, 30, 10}));
  t.rows.push_back(row("worker-c", 1170, {0, 10, 20}, false));
  TimelineRow d;
  d.node = "worker-d";
  d.state = "waiting";
  t.rows.push_back(d);
  t.rows[0].slowest = true;
  t.slowest = "worker-b";
  return t;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The bar of `node`'s line: between its first and last '|'.
std::string bar_of(const std::vector<std::string>& lines, const std::string& node) {
  for (const auto& l : lines)
    if (l.rfind(node + " ", 0) == 0) return l.substr(l.find('|') + 1, l.rfind('|') - l.find('|') - 1);
  ADD_FAILURE() << "no row for " << node;
  return "";
}

TEST(TimelineView, RowsInOrderWithProportionalBars) {
  Timeline t = fixture();
  auto lines = lines_of(render_timeline(t, {80, false}));
  std::vector<size_t> at;
  for (const char* n : {"worker-b", "worker-a", "worker-c", "worker-d"})
    at.push_back(static_cast<size_t>(std::find_if(lines.begin(), lines.end(), [&](const std::string& l) {
                                       return l.rfind(std::string(n) + " ", 0) == 0;
                                     }) - lines.begin()));
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  EXPECT_LT(at.back(), lines.size());
  std::string b = bar_of(lines, "worker-b");
  double per_second = static_cast<double>(b.size()) / 200.0;
  for (const auto& r : t.rows) {
    std::string bar = bar_of(lines, r.node);
    ASSERT_EQ(bar.size(), b.size()) << "one shared axis";
    for (const auto& p : r.phases) {
      long long seconds = (p.end ? *p.end : t.now) - p.start;
      auto cells = std::count(bar.begin(), bar.end(), timeline_phase_char(p.name));
      EXPECT_NEAR(static_cast<double>(cells), static_cast<double>(seconds) * per_second, 1.0)
          << r.node << " " << p.name;
    }
  }
  // worker-a starts where worker-b ended: its first drawn cell is right of worker-b's last one
  std::string a = bar_of(lines, "worker-a");
  EXPECT_GE(a.find_first_not_of(' '), b.find_last_not_of(' '));
  EXPECT_EQ(bar_of(lines, "worker-d").find_first_not_of(' '), std::string::npos);
}

TEST(TimelineView, TotalsSlowestAxisAndLegend) {
  std::string text = render_timeline(fixture(), {80, false});
  auto lines = lines_of(text);
  for (const auto& l : lines) EXPECT_LE(l.size(), 80u) << l;
  EXPECT_NE(text.find("slowest worker-b"), std::string::npos) << text;
  std::string b;
  for (const auto& l : lines)
    if (l.rfind("worker-b", 0) == 0) b = l;
  EXPECT_NE(b.find("*|"), std::string::npos) << b;
  EXPECT_NE(b.find("1m50s  slowest"), std::string::npos) << b;
  EXPECT_NE(text.find("running"), std::string::npos);
  EXPECT_NE(text.find("waiting"), std::string::npos);
  EXPECT_NE(text.find("legend: : cordon  = drain  # reboot  + ready"), std::string::npos) << text;
  EXPECT_NE(text.find(" 0s "), std::string::npos) << text;
  EXPECT_NE(text.find("3m"), std::string::npos) << text;  // an axis label near the end (span 3m20s)
  EXPECT_EQ(text.find('\033'), std::string::npos);
}

TEST(TimelineView, WidthAndColour) {
  auto wide = lines_of(render_timeline(fixture(), {140, false}));
  auto narrow = lines_of(render_timeline(fixture(), {80, false}));
  EXPECT_EQ(bar_of(wide, "worker-b").size(), bar_of(narrow, "worker-b").size() + 60);
  std::string colored = render_timeline(fixture(), {80, true});
  EXPECT_NE(colored.find("\033[34m="), std::string::npos);
  EXPECT_EQ(terminal_columns("132"), 132);
  EXPECT_EQ(terminal_columns(nullptr), 80);
  EXPECT_EQ(terminal_columns("wide"), 80);
  EXPECT_EQ(terminal_columns("5"), 80);
}

TEST(TimelineView, Spans) {
  EXPECT_EQ(format_span(45), "45s");
  EXPECT_EQ(format_span(131), "2m11s");
  EXPECT_EQ(format_span(120), "2m");
  EXPECT_EQ(format_span(3725), "1h02m");
  EXPECT_EQ(axis_step(200, 50, 10), 60);
  EXPECT_EQ(axis_step(10, 50, 10), 2);
}

TEST(TimelineView, NothingRecorded) {
  Timeline t;
  t.pool = "worker";
  t.now = t.start = t.end = 5;
  TimelineRow d;
  d.node = "w";
  d.state = "waiting";
  t.rows.push_back(d);
  std::string text = render_timeline(t, {80, false});
  EXPECT_NE(text.find("no update recorded"), std::string::npos) << text;
}

}  // namespace
}  // namespace dl::cli

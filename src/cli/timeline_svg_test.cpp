// The SVG timeline: size from the row count, one rect per phase per row with widths
// proportional to the durations, escaped names, deterministic output.
#include "cli/timeline_svg.h"

#include <gtest/gtest.h>

#include <regex>

namespace dl::cli {
namespace {

using workflow::Timeline;
using workflow::TimelinePhase;
using workflow::TimelineRow;

Timeline fixture(const std::string& odd_name) {
  Timeline t;
  t.pool = "worker";
  t.start = 0;
  t.now = t.end = 300;
  auto add = [&](const std::string& name, long long s, std::vector<long long> cuts) {
    TimelineRow r;
    r.node = name;
    r.state = "done";
    r.start = s;
    long long at = s;
    for (size_t i = 0; i < cuts.size(); ++i) {
      r.phases.push_back(TimelinePhase{workflow::timeline_phases()[i], at, at + cuts[i]});
      at += cuts[i];
    }
    r.end = at;
    r.seconds = at - s;
    t.rows.push_back(r);
  };
  add("worker-a", 0, {5, 40, 80, 15});
  add(odd_name, 140, {10, 30, 100, 20});
  t.rows[1].slowest = true;
  t.slowest = odd_name;
  TimelineRow w;
  w.node = "worker-z";
  w.state = "waiting";
  t.rows.push_back(w);
  return t;
}

std::string attr(const std::string& tag, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\""))) return "";
  return m[1];
}

// Each <g class="row" ...> ... </g> block.
std::vector<std::string> row_blocks(const std::string& svg) {
  std::vector<std::string> out;
  for (size_t at = svg.find("<g class=\"row\""); at != std::string::npos; at = svg.find("<g class=\"row\"", at + 1))
    out.push_back(svg.substr(at, svg.find("</g>", at) - at));
  return out;
}

std::vector<std::string> rects(const std::string& block) {
  std::vector<std::string> out;
  std::regex re("<rect class=\"phase [^>]*>");
  for (std::sregex_iterator it(block.begin(), block.end(), re), end; it != end; ++it) out.push_back(it->str());
  return out;
}

TEST(TimelineSvg, SizeRowsAndProportionalRects) {
  Timeline t = fixture("worker-b");
  std::string svg = timeline_svg(t);
  TimelineSvgLayout l;
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"960\" height=\"" +
                     std::to_string(l.height(3)) + "\""),
            std::string::npos);
  EXPECT_EQ(l.height(3) + l.row_h, l.height(4));
  auto blocks = row_blocks(svg);
  ASSERT_EQ(blocks.size(), 3u);
  EXPECT_NE(blocks[0].find("data-node=\"worker-a\""), std::string::npos);
  EXPECT_EQ(rects(blocks[0]).size(), 4u);
  EXPECT_EQ(rects(blocks[1]).size(), 4u);
  EXPECT_EQ(rects(blocks[2]).size(), 0u);  // waiting
  double widths = 0, seconds = 0;  // one scale for every rect: the mean pixels per second
  for (size_t b = 0; b < 2; ++b)
    for (const auto& r : rects(blocks[b])) {
      widths += std::stod(attr(r, "width"));
      seconds += std::stod(attr(r, "data-seconds"));
    }
  double px_per_s = widths / seconds;
  EXPECT_GT(px_per_s, 1.0);
  for (size_t b = 0; b < 2; ++b)
    for (const auto& r : rects(blocks[b])) {
      EXPECT_NEAR(std::stod(attr(r, "width")), std::stod(attr(r, "data-seconds")) * px_per_s, 0.03) << r;
      EXPECT_FALSE(attr(r, "data-phase").empty());
    }
  // the second row starts where the first ended
  double end_a = std::stod(attr(rects(blocks[0])[3], "x")) + std::stod(attr(rects(blocks[0])[3], "width"));
  EXPECT_NEAR(std::stod(attr(rects(blocks[1])[0], "x")), end_a, 0.02);
  EXPECT_NE(blocks[1].find("<title>worker-b reboot: 1m40s</title>"), std::string::npos) << blocks[1];
  EXPECT_NE(blocks[1].find("slowest"), std::string::npos);
  EXPECT_NE(svg.find("<g class=\"axis\">"), std::string::npos);
  EXPECT_NE(svg.find("<g class=\"legend\">"), std::string::npos);
  for (const char* p : {"cordon", "drain", "reboot", "ready"})
    EXPECT_NE(svg.find(std::string("class=\"legend-") + p + "\""), std::string::npos) << p;
  EXPECT_EQ(svg, timeline_svg(t));  // deterministic
}

TEST(TimelineSvg, EscapesNames) {
  std::string svg = timeline_svg(fixture("<w&\"x'>"));
  EXPECT_EQ(svg.find("<w&"), std::string::npos);
  EXPECT_NE(svg.find("data-node=\"&lt;w&amp;&quot;x&apos;&gt;\""), std::string::npos);
  EXPECT_EQ(xml_escape("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&apos;");
}

}  // namespace
}  // namespace dl::cli

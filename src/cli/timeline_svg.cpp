#include "cli/timeline_svg.h"

#include <algorithm>
#include <cstdio>

#include "cli/timeline_view.h"

namespace dl::cli {
namespace {

using workflow::Timeline;
using workflow::TimelineRow;

const char* fill_of(const std::string& phase) {
  if (phase == "cordon") return "#e0a526";
  if (phase == "drain") return "#3f6fb5";
  if (phase == "reboot") return "#9c4fa8";
  if (phase == "ready") return "#3a9a4a";
  return "#888888";
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

struct Frame {
  double x0 = 0, width = 1;
  long long start = 0, span = 1;
  double x(long long t) const {
    return x0 + width * static_cast<double>(std::clamp(t - start, 0LL, span)) / static_cast<double>(span);
  }
};

std::string row_svg(const TimelineRow& r, const Frame& f, long long now, double y, const TimelineSvgLayout& l) {
  std::string node = xml_escape(r.node);
  std::string out = "<g class=\"row\" data-node=\"" + node + "\" data-state=\"" + r.state + "\"" +
                    (r.slowest ? " data-slowest=\"true\"" : "") + ">\n";
  out += "<text class=\"name\" x=\"8\" y=\"" + num(y + 18) + "\"" + (r.slowest ? " font-weight=\"bold\"" : "") +
         ">" + node + "</text>\n";
  for (const auto& p : r.phases) {
    long long end = p.end ? *p.end : std::max(now, p.start);
    double x = f.x(p.start);
    out += "<rect class=\"phase " + p.name + "\" data-phase=\"" + p.name + "\" data-node=\"" + node + "\" data-seconds=\"" +
           std::to_string(end - p.start) + "\"" + (p.end ? "" : " data-running=\"true\" fill-opacity=\"0.6\"") +
           " x=\"" + num(x) + "\" y=\"" + num(y + 5) + "\" width=\"" + num(f.x(end) - x) + "\" height=\"" +
           std::to_string(l.row_h - 10) + "\" fill=\"" + fill_of(p.name) + "\"><title>" + node + " " + p.name + ": " +
           format_span(end - p.start) + (p.end ? "" : " (running)") + "</title></rect>\n";
  }
  std::string total = r.start ? format_span(r.seconds) : "waiting";
  if (r.state == "running" || r.state == "degraded") total += " " + r.state;
  out += "<text class=\"total\" x=\"" + num(f.x0 + f.width + 10) + "\" y=\"" + num(y + 18) + "\">" + total +
         (r.slowest ? " <tspan fill=\"#c0392b\" font-weight=\"bold\">slowest</tspan>" : "") + "</text>\n";
  return out + "</g>\n";
}

std::string axis_svg(const Frame& f, double y) {
  std::string out = "<g class=\"axis\">\n<line x1=\"" + num(f.x0) + "\" y1=\"" + num(y) + "\" x2=\"" +
                    num(f.x0 + f.width) + "\" y2=\"" + num(y) + "\" stroke=\"#333333\"/>\n";
  long long step = axis_step(f.span, f.width, 70);
  for (long long s = 0; s <= f.span; s += step) {
    double x = f.x(f.start + s);
    out += "<line x1=\"" + num(x) + "\" y1=\"" + num(y) + "\" x2=\"" + num(x) + "\" y2=\"" + num(y + 5) +
           "\" stroke=\"#333333\"/><text x=\"" + num(x) + "\" y=\"" + num(y + 18) +
           "\" text-anchor=\"middle\">" + format_span(s) + "</text>\n";
  }
  return out + "</g>\n";
}

std::string legend_svg(double x, double y) {
  std::string out = "<g class=\"legend\">\n";
  for (const auto& p : workflow::timeline_phases()) {
    out += "<rect class=\"legend-" + p + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"14\" height=\"14\" fill=\"" +
           fill_of(p) + "\"/><text x=\"" + num(x + 20) + "\" y=\"" + num(y + 12) + "\">" + p + "</text>\n";
    x += 100;
  }
  return out + "<text x=\"" + num(x) + "\" y=\"" + num(y + 12) +
         "\">lighter: still running (drawn up to now)</text>\n</g>\n";
}

}  // namespace

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string timeline_svg(const Timeline& t, const TimelineSvgLayout& l) {
  size_t name_len = 4;
  for (const auto& r : t.rows) name_len = std::max(name_len, r.node.size());
  double label_w = std::clamp(static_cast<double>(name_len) * 7.5 + 24, 120.0, 320.0);
  Frame f{label_w, static_cast<double>(l.width) - label_w - l.total_w, t.start, std::max(t.end - t.start, 1LL)};
  int h = l.height(t.rows.size());
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" +
                    std::to_string(l.width) + "\" height=\"" + std::to_string(h) + "\" viewBox=\"0 0 " +
                    std::to_string(l.width) + " " + std::to_string(h) +
                    "\" font-family=\"sans-serif\" font-size=\"13\">\n";
  out += "<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + std::to_string(l.width) + "\" height=\"" +
         std::to_string(h) + "\" fill=\"#ffffff\"/>\n";
  std::string title = "Rollout of pool " + t.pool + ": " + std::to_string(t.rows.size()) + " node(s)";
  if (!t.slowest.empty()) title += ", slowest " + t.slowest;
  out += "<text class=\"title\" x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\">" + xml_escape(title) + "</text>\n";
  out += "<text class=\"subtitle\" x=\"8\" y=\"40\">" +
         (t.slowest.empty() ? std::string("no update recorded")
                            : "from " + workflow::format_time(t.start) + " over " + format_span(t.end - t.start)) +
         "</text>\n";
  for (size_t i = 0; i < t.rows.size(); ++i)
    out += row_svg(t.rows[i], f, t.now, l.top + l.row_h * static_cast<double>(i), l);
  double below = l.top + l.row_h * static_cast<double>(t.rows.size());
  out += axis_svg(f, below + 6);
  out += legend_svg(8, below + 44);
  return out + "</svg>\n";
}

}  // namespace dl::cli

// doca-layer status: registry, credentials, layer, builds, pool and nodes; -w to watch;
// --timeline: the pool's rollout per node (terminal picture, -o json|yaml, or -o svg FILE).
#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <iostream>

#include "cli/cluster_flags.h"
#include "cli/command.h"
#include "cli/reports.h"
#include "cli/timeline_svg.h"
#include "cli/timeline_view.h"
#include "util/files.h"
#include "util/yaml_emit.h"
#include "workflow/status.h"
#include "workflow/timeline.h"

namespace dl::cli {
namespace {

struct Options {
  ClusterFlags cluster;
  bool watch = false;
  std::string interval = "2s";
  bool timeline = false;
  std::vector<std::string> output{"text"};  ///< -o FORMAT, or -o svg FILE with --timeline
  std::string svg_file;
};

// -o's values into cluster.output (and svg_file); false (and a message) when they do not fit.
bool resolve_output(Options& o) {
  const auto& v = o.output;
  bool svg = !v.empty() && v[0] == "svg";
  if (v.empty() || v.size() > 2 || (svg != (v.size() == 2)) ||
      (!svg && v[0] != "text" && v[0] != "table" && v[0] != "json" && v[0] != "yaml")) {
    std::cerr << "doca-layer status: -o takes text, table, json, yaml, or (with --timeline) svg FILE\n";
    return false;
  }
  if (svg && !o.timeline) {
    std::cerr << "doca-layer status: -o svg FILE needs --timeline\n";
    return false;
  }
  if (o.timeline && o.watch) {
    std::cerr << "doca-layer status: --timeline does not combine with -w\n";
    return false;
  }
  o.cluster.output = v[0];
  if (svg) o.svg_file = v[1];
  return true;
}

// The terminal's width: COLUMNS, else the terminal's own, else 80.
int stdout_columns(bool tty) {
  if (const char* c = std::getenv("COLUMNS")) return terminal_columns(c);
  winsize ws{};
  if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
  return 80;
}

int show_timeline(const Options& o, const workflow::Timeline& t) {
  if (!o.svg_file.empty()) {
    std::string svg = timeline_svg(t);
    if (auto st = util::write_file_atomic(o.svg_file, svg, util::FileMode::public_0644); !st) {
      std::cerr << "doca-layer status: " << st.error().message << "\n";
      return k_exit_failure;
    }
    std::cout << "timeline: wrote " << o.svg_file << " (" << TimelineSvgLayout{}.width << "x"
              << TimelineSvgLayout{}.height(t.rows.size()) << ", " << t.rows.size() << " node(s))\n";
  } else if (o.cluster.output == "json") {
    std::cout << workflow::to_json(t).dump(2) << "\n";
  } else if (o.cluster.output == "yaml") {
    std::cout << util::to_yaml(util::ojson::parse(workflow::to_json(t).dump()));
  } else {
    bool tty = isatty(STDOUT_FILENO) == 1;
    TimelineViewOptions v;
    v.width = stdout_columns(tty);
    v.color = tty && std::getenv("NO_COLOR") == nullptr;
    std::cout << render_timeline(t, v);
  }
  std::cout << std::flush;
  return k_exit_ok;
}

int show(const Options& o, const workflow::StatusReport& s) {
  if (o.cluster.output == "json")
    std::cout << workflow::to_json(s).dump(o.watch ? -1 : 2) << "\n";
  else if (o.cluster.output == "yaml")
    std::cout << util::to_yaml(util::ojson::parse(workflow::to_json(s).dump()));
  else
    print_status(std::cout, s);
  std::cout << std::flush;
  return k_exit_ok;
}

int run_status(Options o) {
  if (!resolve_output(o)) return k_exit_usage;
  auto spec = load_spec(o.cluster);
  if (!spec) return k_exit_usage;
  auto every = parse_duration(o.interval);
  if (!every) {
    std::cerr << "doca-layer status: --interval \"" << o.interval << "\" is not a duration\n";
    return k_exit_usage;
  }
  auto conn = connect_or_report(o.cluster);
  if (!conn) return k_exit_failure;
  auto now = [] { return static_cast<long long>(std::time(nullptr)); };
  if (o.timeline) {
    auto t = workflow::gather_timeline(*conn->client, spec->pool, now());
    if (!t) {
      std::cerr << "doca-layer status: " << t.error().message << "\n";
      return k_exit_failure;
    }
    return show_timeline(o, *t);
  }
  if (o.watch) {
    auto st = workflow::watch_status(*conn->client, *spec, *every, now, [&](const workflow::StatusReport& s) {
      if (o.cluster.output == "text") std::cout << "\n--- " << workflow::format_time(now()) << "\n";
      show(o, s);
      return true;
    });
    std::cerr << "doca-layer status: " << (st ? "watch ended" : st.error().message) << "\n";
    return k_exit_failure;
  }
  auto s = workflow::gather_status(*conn->client, *spec, now());
  if (!s) {
    std::cerr << "doca-layer status: " << s.error().message << "\n";
    return k_exit_failure;
  }
  return show(o, *s);
}

}  // namespace

Command status_command() {
  return {"status", "Show registry, credentials, layer, builds, pool and nodes",
          [](CLI::App& sub) -> std::function<int()> {
            auto o = std::make_shared<Options>();
            add_cluster_flags(sub, o->cluster, {});
            sub.add_option("-o,--output", o->output,
                           "Output format: text, table, json or yaml; with --timeline also `svg FILE` (writes an SVG)")
                ->expected(1, 2)
                ->type_name("FORMAT:{text,table,json,yaml,svg}")  // the choices shell completion offers
                ->default_str("text");
            sub.add_flag("--timeline", o->timeline,
                         "The pool's rollout per node as phases on a time axis (cordon, drain, reboot, ready)");
            sub.add_flag("-w,--watch", o->watch, "Print again whenever the layer, its builds, the pool or its nodes change, until interrupted");
            sub.add_option("--interval", o->interval, "With -w: at most one print per interval")->capture_default_str();
            return [o] { return run_status(*o); };
          }};
}

}  // namespace dl::cli

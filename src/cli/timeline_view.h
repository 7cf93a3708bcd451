// The rollout timeline drawn for a terminal (`status --timeline`): one row per node with a bar
// on a shared time axis, one character per phase, the total, the slowest node marked, an axis
// with time labels and a legend. Pure: returns the text; cmd_status prints it.
#pragma once

#include <string>

#include "workflow/timeline.h"

namespace dl::cli {

/// How the terminal picture is drawn.
struct TimelineViewOptions {
  int width = 80;      ///< terminal columns (the bar gets what the name and total leave, at least 10)
  bool color = false;  ///< ANSI colours per phase (only when stdout is a terminal)
};

/// The character a phase is drawn with (cordon ':', drain '=', reboot '#', ready '+'); '?' otherwise.
char timeline_phase_char(const std::string& phase);

/// The terminal picture of `timeline`, lines ending in '\n', none wider than `options.width`
/// (unless a node name alone is wider).
std::string render_timeline(const workflow::Timeline& timeline, const TimelineViewOptions& options);

/// Terminal width: `columns` (the COLUMNS variable, may be null) when it is a number >= 20, else 80.
int terminal_columns(const char* columns);

/// "45s", "2m11s", "1h05m": a duration for labels.
std::string format_span(long long seconds);

/// A readable tick step in seconds (1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 6, 12 h, 1 d
/// ...) so that ticks over `span` seconds drawn on `length` units are at least `min_gap` units apart.
long long axis_step(long long span, double length, double min_gap);

}  // namespace dl::cli

// The rollout timeline as a standalone SVG 1.1 document (`status --timeline --output svg FILE`):
// the terminal picture's rows, phases, axis and legend as shapes. Deterministic; node names are
// escaped.
#pragma once

#include <string>

#include "workflow/timeline.h"

namespace dl::cli {

/// Pixel geometry of the document (width is fixed, height grows with the rows).
struct TimelineSvgLayout {
  int width = 960;
  int top = 56;       ///< title lines above the first row
  int row_h = 28;     ///< one node row
  int bottom = 76;    ///< axis and legend below the last row
  int total_w = 130;  ///< right column: total and the slowest mark
  /// Document height for `rows` rows.
  int height(size_t rows) const { return top + row_h * static_cast<int>(rows) + bottom; }
};

/// The SVG document: one <g class="row" data-node=..> per node row with one
/// <rect class="phase" data-phase=.. data-node=..> (and a <title> with the duration) per phase.
std::string timeline_svg(const workflow::Timeline& timeline, const TimelineSvgLayout& layout = {});

/// Text with &, <, >, " and ' escaped for XML content and attributes.
std::string xml_escape(const std::string& text);

}  // namespace dl::cli

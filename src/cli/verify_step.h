// The verify that ends apply and rollback: runs workflow::verify with the command's progress
// printer and prints the report as the command's -o asks (text table, or one JSON line).
#pragma once

#include <optional>
#include <string>

#include "cli/progress.h"
#include "workflow/verify.h"

namespace dl::cli {

/// Verifies `spec`'s pool with `options`, printing progress through `printer` and then the report
/// to stdout (`output` "json": {"kind":"verify","report":...} on one line; otherwise the table).
/// nullopt when verify could not run (the error is printed as a failed step).
std::optional<workflow::VerifyReport> verify_step(kube::Client& client, const spec::LayerSpec& spec,
                                                  const workflow::VerifyOptions& options, ProgressPrinter& printer,
                                                  const std::string& output);

}  // namespace dl::cli

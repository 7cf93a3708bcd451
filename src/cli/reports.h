// Tables for people: preflight checks, status, verify. The same data goes out as JSON with -o json.
#pragma once

#include <ostream>

#include "workflow/preflight.h"
#include "workflow/status.h"
#include "workflow/verify.h"

namespace dl::cli {

void print_preflight(std::ostream& out, const workflow::PreflightReport& report);
void print_status(std::ostream& out, const workflow::StatusReport& report);
void print_verify(std::ostream& out, const workflow::VerifyReport& report);

/// "90s", "30m", "2h", "1h30m" -> milliseconds; nullopt when malformed.
std::optional<std::chrono::milliseconds> parse_duration(const std::string& text);

}  // namespace dl::cli

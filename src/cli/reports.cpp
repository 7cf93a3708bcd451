#include "cli/reports.h"

#include <iomanip>

#include "workflow/observer.h"

namespace dl::cli {
namespace {

std::string upper(const char* s) {
  std::string o(s);
  for (auto& c : o) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return o;
}

std::string short_image(const std::string& image) {
  size_t at = image.find("@sha256:");
  if (at != std::string::npos) return image.substr(0, at) + "@" + image.substr(at + 8, 12);
  return image.empty() ? "-" : image;
}

}  // namespace

void print_preflight(std::ostream& out, const workflow::PreflightReport& report) {
  for (const auto& c : report.checks) {
    out << std::left << std::setw(6) << upper(workflow::verdict_name(c.verdict)) << std::setw(18) << c.id << c.detail << "\n";
    if (!c.fix.empty() && (c.verdict == workflow::CheckVerdict::fail || c.verdict == workflow::CheckVerdict::warn))
      out << std::setw(24) << "" << "fix: " << c.fix << "\n";
  }
  out << (report.ok() ? "preflight passed\n" : "preflight failed: nothing was changed on the cluster\n");
}

void print_status(std::ostream& out, const workflow::StatusReport& s) {
  out << "Cluster:      OpenShift " << (s.cluster_version.empty() ? "?" : s.cluster_version) << "\n";
  if (!s.registry_state.empty() || !s.claim_phase.empty())
    out << "Registry:     " << (s.registry_state.empty() ? "?" : s.registry_state) << ", claim "
        << (s.claim_phase.empty() ? "missing" : s.claim_phase) << ", " << s.registry_available << " available\n";
  out << "Credentials:  push-secret " << (s.push_secret ? "present" : "missing") << ", pull-and-push-secret "
      << (s.pull_and_push_secret ? "present" : "missing");
  if (s.token_expires)
    out << ", token expires in " << workflow::human_duration(std::chrono::seconds(s.token_seconds_left))
        << (s.token_renew_due ? " (renewal due: run apply)" : "");
  out << "\n";
  out << "Layer:        " << (s.mosc ? "MachineOSConfig " + s.pool : std::string("no MachineOSConfig"));
  if (s.mosc) out << ", image " << short_image(s.image);
  out << "\n";
  for (size_t i = 0; i < s.builds.size() && i < 3; ++i) {
    const auto& b = s.builds[i];
    out << "  build " << b.name << "  " << (b.state.empty() ? "Pending" : b.state);
    if (b.seconds >= 0) out << "  " << workflow::human_duration(std::chrono::seconds(b.seconds));
    out << (b.name == s.current_build ? "  (current)" : "") << "\n";
  }
  out << "Pool:         " << s.pool << "  " << (s.pool_condition.empty() ? "?" : s.pool_condition) << "  " << s.updated
      << "/" << s.machines << " updated, " << s.ready << " ready, " << s.degraded << " degraded\n";
  out << std::left << std::setw(24) << "NODE" << std::setw(10) << "STATE" << std::setw(7) << "READY" << std::setw(8)
      << "LAYER" << "CURRENT IMAGE\n";
  for (const auto& n : s.nodes)
    out << std::setw(24) << n.name << std::setw(10) << (n.state.empty() ? "-" : n.state) << std::setw(7)
        << (n.ready ? "yes" : "no") << std::setw(8) << (n.on_layer ? "yes" : "no") << short_image(n.current_image) << "\n";
}

void print_verify(std::ostream& out, const workflow::VerifyReport& r) {
  for (const auto& n : r.nodes) {
    out << n.node << ": " << upper(std::string(ovs::to_string(n.verdict)).c_str()) << (n.fixed ? " (repaired)" : "") << "\n";
    if (!n.error.empty()) out << "  error: " << n.error << "\n";
    for (const auto& c : n.checks) {
      out << "  " << std::left << std::setw(6) << upper(std::string(ovs::to_string(c.verdict)).c_str()) << std::setw(46)
          << c.title << c.observed << "\n";
      if (c.verdict != ovs::Verdict::pass && !c.fix.empty()) out << std::setw(54) << "" << "fix: " << c.fix << "\n";
    }
  }
  out << "verify: " << ovs::to_string(r.verdict) << " (" << r.nodes.size() << " node(s))\n";
}

std::optional<std::chrono::milliseconds> parse_duration(const std::string& text) {
  if (text.empty()) return std::nullopt;
  long long total = 0, num = 0;
  bool digits = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      num = num * 10 + (c - '0');
      digits = true;
      continue;
    }
    if (!digits) return std::nullopt;
    long long unit = c == 'h' ? 3600000 : c == 'm' ? 60000 : c == 's' ? 1000 : 0;
    if (unit == 0) return std::nullopt;
    total += num * unit;
    num = 0;
    digits = false;
  }
  if (digits) return std::nullopt;
  return std::chrono::milliseconds(total);
}

}  // namespace dl::cli

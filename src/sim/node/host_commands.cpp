#include "sim/node/host_commands.h"

#include <set>

#include "sim/node/node_shell.h"
#include "sim/node/rpm_command.h"
#include "util/strings.h"

namespace dl::sim::node {
namespace {

const std::set<std::string> k_ovs_units = {"openvswitch", "ovs-vswitchd", "ovsdb-server"};

std::string base_name(const std::string& path) {
  return path.substr(path.rfind('/') + 1);
}

std::string unit_name(std::string unit) {
  const std::string suffix = ".service";
  if (unit.size() > suffix.size() && unit.compare(unit.size() - suffix.size(), suffix.size(), suffix) == 0) {
    unit.resize(unit.size() - suffix.size());
  }
  return unit;
}

ExecResult systemctl(const std::vector<std::string>& args, const HostParts& parts) {
  if (args.empty()) return ExecResult{1, "", "systemctl (simulated): a verb is needed\n"};
  const std::string& verb = args[0];
  ExecResult r;
  for (size_t i = 1; i < args.size(); ++i) {
    std::string unit = unit_name(args[i]);
    bool known = k_ovs_units.count(unit) > 0;
    if (verb == "is-active") {
      r.out += known ? "active\n" : "inactive\n";
      if (!known) r.exit_code = 3;
    } else if (verb == "restart" || verb == "start" || verb == "try-restart") {
      if (!known)
        return ExecResult{5, "", "Failed to " + verb + " " + unit + ".service: Unit " + unit + ".service not found.\n"};
      auto s = parts.restart_switch();
      if (!s.ok()) return ExecResult{1, "", "Job for " + unit + ".service failed: " + s.error().message + "\n"};
    } else if (verb == "status") {
      if (!known) return ExecResult{4, "", "Unit " + unit + ".service could not be found.\n"};
      r.out += "* " + unit + ".service\n     Loaded: loaded (/usr/lib/systemd/system/" + unit +
               ".service; enabled; preset: disabled)\n     Active: active (running)\n";
    } else {
      return ExecResult{1, "", "systemctl (simulated): verb " + verb + " is not available on this node\n"};
    }
  }
  return r;
}

ExecResult vswitchd(const std::vector<std::string>& args, const OsImage& image) {
  if (args.empty() || (args[0] != "--version" && args[0] != "-V")) {
    return ExecResult{1, "", "ovs-vswitchd: the switch already runs as a service; only --version is available\n"};
  }
  std::string out = "ovs-vswitchd (Open vSwitch) " + image.ovs_version + "\n";
  if (!image.dpdk_version.empty()) out += image.dpdk_version + "\n";
  if (image.is_doca()) out += "DOCA " + image.doca_version + "\n";
  return ExecResult{0, out, ""};
}

ExecResult cat(const std::vector<std::string>& args, const OsImage& image) {
  ExecResult r;
  for (const auto& file : args) {
    if (file == "/etc/os-release" || file == "/usr/lib/os-release") {
      r.out += os_release(image);
    } else {
      r.err += "cat: " + file + ": No such file or directory\n";
      r.exit_code = 1;
    }
  }
  return r;
}

}  // namespace

std::string os_release(const OsImage& image) {
  std::string ocp = util::replace_all(image.ocp_version, ".", "");
  std::string rhel = util::replace_all(image.rhel_version, ".", "");
  std::string version = ocp + "." + rhel + ".202506100000-0";
  std::string el = image.rhel_version.substr(0, image.rhel_version.find('.'));
  return "NAME=\"Red Hat Enterprise Linux CoreOS\"\nID=\"rhcos\"\nID_LIKE=\"rhel fedora\"\nVERSION=\"" + version +
         "\"\nVERSION_ID=\"" + image.ocp_version +
         "\"\nVARIANT=\"CoreOS\"\nVARIANT_ID=coreos\nPLATFORM_ID=\"platform:el" + el +
         "\"\nPRETTY_NAME=\"Red Hat Enterprise Linux CoreOS " + version + "\"\nRHEL_VERSION=\"" + image.rhel_version +
         "\"\nOPENSHIFT_VERSION=\"" + image.ocp_version + "\"\nOSTREE_VERSION=\"" + version + "\"\n";
}

ExecResult run_host_command(std::vector<std::string> argv, const HostParts& parts) {
  if (argv.size() >= 2 && argv[0] == "chroot" && argv[1] == "/host") argv.erase(argv.begin(), argv.begin() + 2);
  if (argv.empty()) return ExecResult{};
  if (is_shell(argv[0]))
    return run_shell(argv, [&parts](const std::vector<std::string>& a) { return run_host_command(a, parts); });
  std::string program = base_name(argv[0]);
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  if (program == "ovs-vsctl") return parts.vsctl(args);
  if (program == "rpm") return rpm_command(args, parts.image.packages);
  if (program == "systemctl") return systemctl(args, parts);
  if (program == "ovs-vswitchd") return vswitchd(args, parts.image);
  if (program == "cat") return cat(args, parts.image);
  if (program == "hostname") return ExecResult{0, parts.node_name + "\n", ""};
  if (program == "true") return ExecResult{};
  return ExecResult{127, "", "bash: " + argv[0] + ": command not found\n"};
}

}  // namespace dl::sim::node

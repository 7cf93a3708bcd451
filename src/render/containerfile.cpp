#include "render/containerfile.h"

#include "util/strings.h"

namespace dl::render {
namespace {

std::string line(const std::string& cmd) { return "    " + cmd + "; \\\n"; }

std::string ovs_dropin_step(const spec::OvsSpec& ovs) {
  std::string args = ovs_settings_args(ovs);
  if (args.empty()) return {};
  std::string dir = k_ovs_dropin;
  dir.resize(dir.rfind('/'));
  // ExecStartPre runs on every start of ovs-vswitchd (boot and restart) after ovsdb-server is
  // up, so doca-init is in the database before the switch initialises. '-' keeps the node's
  // networking up if the database is not ready; `verify` reports a missing setting.
  return line("mkdir -p " + dir) +
         line("printf '%s\\n' '[Service]' 'ExecStartPre=-/usr/bin/ovs-vsctl --no-wait set Open_vSwitch . " + args +
              "' > " + k_ovs_dropin);
}

}  // namespace

std::string ovs_settings_args(const spec::OvsSpec& ovs) {
  std::vector<std::string> args;
  auto add = [&](const std::string& k, const std::string& v) {
    std::string arg = "other_config:" + k + "=" + v;
    args.push_back(v.find(' ') == std::string::npos ? arg : "\"" + arg + "\"");
  };
  if (ovs.doca_init) add("doca-init", "true");
  if (ovs.hw_offload) add("hw-offload", "true");
  for (const auto& [k, v] : ovs.other_config) add(k, v);
  return util::join(args, " ");
}

std::string containerfile(const spec::LayerSpec& spec) {
  std::vector<std::string> install = spec.packages.dependencies;
  install.push_back(spec.doca.profile);
  install.insert(install.end(), spec.packages.extra.begin(), spec.packages.extra.end());

  std::string out = "FROM configs AS final\n";
  out += "# doca-layer " + spec.name + ": DOCA " + spec.doca.version + " " + spec.doca.profile + " (" + spec.doca.os +
         "/" + spec.doca.arch + ") for pool " + spec.pool + "\n";
  out += "RUN set -eux; \\\n";
  out += line("mkdir -p /var/opt");
  // Whatever stock Open vSwitch the base ships (openvswitch3.x and its subpackages) goes;
  // doca-openvswitch replaces it. --nodeps: its dependents stay, as rpm-ostree override remove does.
  out += line("stock=$(rpm -qa --qf '%{NAME}\\n' | grep -E '^openvswitch[0-9]' || true)");
  out += line("if [ -n \"$stock\" ]; then rpm -e --nodeps $stock; fi");
  if (!spec.doca.replace.empty())
    out += line("dnf -y --repo=doca distro-sync " + util::join(spec.doca.replace, " "));
  out += line("dnf -y --setopt=install_weak_deps=False install " + util::join(install, " "));
  out += line("rpm -q doca-openvswitch");
  out += ovs_dropin_step(spec.ovs);
  out += line("dnf clean all");
  out += line("rm -rf /etc/yum.repos.d/* /var/cache/dnf /var/lib/dnf/repos /var/log/dnf* /var/log/hawkey.log");
  out += "    bootc container lint\n";
  return out;
}

size_t api_length(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

util::Result<std::string> checked_containerfile(const spec::LayerSpec& spec) {
  std::string text = containerfile(spec);
  size_t len = api_length(text);
  if (len > k_containerfile_limit) {
    return util::make_error(util::ErrorKind::invalid_input,
                            "the generated Containerfile is " + std::to_string(len) + " characters, " +
                                std::to_string(len - k_containerfile_limit) +
                                " over the MachineOSConfig limit of 4096 (hint: shorten spec.packages.extra or "
                                "spec.packages.dependencies, or install a meta-package that pulls them in)");
  }
  return text;
}

}  // namespace dl::render

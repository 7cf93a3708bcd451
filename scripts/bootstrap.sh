#!/usr/bin/env bash
# Installs what doca-layer needs to build and test on Debian 12, with apt-get, only when missing.
# Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config          # toolchain
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libssl-dev libcurl4-openssl-dev  # libraries
  libgtest-dev                              # unit tests
  protobuf-compiler libprotobuf-dev         # sim: k8s protobuf request bodies (src/sim/api/k8s.proto)
  openvswitch-switch                        # sim/node: ovsdb-server, ovsdb-tool, ovs-vsctl, vswitch.ovsschema
  libsolv-dev libsolvext-dev                # rpmrepo: the solver dnf uses
  rpm createrepo-c dnf                      # rpmrepo tests: real repositories and dnf as the reference
  python3 python3-yaml python3-kubernetes curl openssl  # end-to-end tests (Debian's /usr/bin/python3)
  zsh groff-base                            # e2e ecosystem: zsh completion loads, man pages render
  chromium                                  # e2e timeline: the status --timeline SVG rendered headless
  dpkg-dev man-db                           # packages (cpack DEB: dpkg-shlibdeps) and their install test
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v kubectl > /dev/null || missing+=(kubectl)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=
if [ "$(id -u)" != 0 ]; then
  command -v sudo > /dev/null || { echo "bootstrap: need root to install: ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
if [[ " ${missing[*]} " == *" kubectl "* ]]; then
  # The image's kubectl comes with the Google Cloud CLI; Debian's own client is older but works.
  $SUDO apt-get install -y -qq kubectl > /dev/null 2>&1 || missing=("${missing[@]/kubectl/kubernetes-client}")
  missing=("${missing[@]/kubectl/}")
fi
$SUDO apt-get install -y -qq --no-install-recommends ${missing[@]} > /dev/null
echo "bootstrap: done"

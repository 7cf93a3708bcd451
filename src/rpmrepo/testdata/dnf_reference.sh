#!/usr/bin/env bash
# Runs the generated Containerfile's package steps with Debian's real dnf in a throw-away
# installroot seeded with the base image's packages, and prints the verdict in a form the
# rpmrepo tests compare with their own resolution:
#   verdict: ok | missing | unresolvable | repo_error | not_installed
#   step: erase | distro-sync | install | verify
#   problem: <libsolv rule text, as dnf prints it>      (one per line)
#   missing: <name>                                      (one per line)
#   installed: <NEVRA>                                   (the installed set after a successful run)
# usage: dnf_reference.sh --stock DIR --arch ARCH [--keep-stock-ovs] [--replace "a b"]
#                         --install "x y" [--verify NAME] --repo ID=URL...
set -uo pipefail

stock= arch=x86_64 keep=0 replace= install= verify= repos=()
while [ $# -gt 0 ]; do
  case $1 in
    --stock) stock=$2; shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    --keep-stock-ovs) keep=1; shift ;;
    --replace) replace=$2; shift 2 ;;
    --install) install=$2; shift 2 ;;
    --verify) verify=$2; shift 2 ;;
    --repo) repos+=("$2"); shift 2 ;;
    *) echo "dnf_reference: unknown argument $1" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d "${TMPDIR:-/tmp}/dl-dnf-ref.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root" "$work/home"
export HOME=$work/home  # rpm and dnf find the rpmdb under $root$HOME/.rpmdb on Debian
# RHEL's dnf.conf defaults (best, skip_if_unavailable), no host repos, no GPG.
cat > "$work/dnf.conf" <<CONF
[main]
gpgcheck=0
best=True
skip_if_unavailable=False
installonly_limit=3
reposdir=/dev/null
plugins=0
CONF
dnf=(dnf -c "$work/dnf.conf" --installroot="$root" --releasever=9 --forcearch="$arch" --setopt=cachedir="$work/cache")
for r in "${repos[@]}"; do dnf+=(--repofrompath="${r%%=*},${r#*=}"); done

verdict() {  # verdict STEP OUTPUT-FILE
  local step=$1 out=$2
  echo "step: $step"
  if grep -q -e "Failed to download metadata" -e "Cannot download repomd" -e "Loading repository .* has failed" \
      -e "Failed to load" -e "repomd.xml parser error" "$out"; then
    echo "verdict: repo_error"
  elif grep -q "^Error: No packages marked for distribution synchronization" "$out"; then
    echo "verdict: missing"
    sed -n 's/^No package \(.*\) installed\.$/missing: \1/p' "$out"
  elif grep -q "^Error: Unable to find a match" "$out"; then
    echo "verdict: missing"
    sed -n 's/^No match for argument: //p' "$out" | sed 's/^/missing: /'
  elif grep -q -e "^ Problem" "$out"; then
    echo "verdict: unresolvable"
    sed -n -e 's/^ *Problem[ 0-9]*: /problem: /p' -e 's/^  - /problem: /p' "$out" | sort -u
  else
    echo "verdict: failed"
  fi
  sed 's/^/output: /' "$out"
}

rpm --root "$root" -i --justdb --nodeps --noscripts --notriggers "$stock"/*.rpm 2> /dev/null || {
  echo "dnf_reference: seeding the installroot failed" >&2; exit 2; }
if [ $keep = 0 ]; then
  ovs=$(rpm --root "$root" -qa --qf '%{NAME}\n' | grep -E '^openvswitch[0-9]' || true)
  if [ -n "$ovs" ]; then rpm --root "$root" -e --nodeps $ovs 2> /dev/null; fi
fi
if [ -n "$replace" ]; then
  if ! "${dnf[@]}" -y --repo=doca distro-sync $replace > "$work/out" 2>&1; then verdict distro-sync "$work/out"; exit 0; fi
fi
if ! "${dnf[@]}" -y --setopt=install_weak_deps=False install $install > "$work/out" 2>&1; then
  verdict install "$work/out"; exit 0
fi
if [ -n "$verify" ] && ! rpm --root "$root" -q "$verify" > /dev/null; then
  echo "step: verify"; echo "verdict: not_installed"; exit 0
fi
echo "verdict: ok"
rpm --root "$root" -qa --qf 'installed: %{NEVRA}\n' | sort

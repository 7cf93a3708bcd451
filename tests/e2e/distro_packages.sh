# The DEB and RPM packages (cmake/Packaging.cmake): built by cpack from this build tree, the DEB
# installed on this machine with dpkg (root, or sudo -n) and removed again, the RPM read with rpm.
# Args: the doca-layer binary (its build tree is two levels up) and the source dir.
source "$(dirname "$0")/lib.sh"
BIN=$1
BUILD=$(cd "$(dirname "$BIN")/.." && pwd)
AS_ROOT=()
[ "$(id -u)" = 0 ] || AS_ROOT=(sudo -n)

cpack --config "$BUILD/CPackConfig.cmake" -B "$WORK/dist" -G "DEB;RPM" > "$WORK/cpack.log" 2>&1 \
  || { tail -20 "$WORK/cpack.log"; fail "cpack failed"; }
DEB=$(ls "$WORK"/dist/doca-layer_*.deb)
RPM=$(ls "$WORK"/dist/doca-layer-*.rpm)

# Both packages carry the same payload.
expect_paths=(/usr/bin/doca-layer /usr/bin/kubectl-doca_layer /usr/bin/kubectl_complete-doca_layer /usr/share/man/man1/doca-layer.1
  /usr/share/man/man1/doca-layer-apply.1 /usr/share/bash-completion/completions/doca-layer
  /usr/share/zsh/vendor-completions/_doca-layer /usr/share/doc/doca-layer/LICENSE)
dpkg-deb -c "$DEB" > "$WORK/deb.list"
rpm -qpl "$RPM" > "$WORK/rpm.list" 2>/dev/null
for p in "${expect_paths[@]}"; do
  grep -q " \.$p\( \|$\)" "$WORK/deb.list" || fail "DEB lacks $p"
  grep -qx "$p" "$WORK/rpm.list" || fail "RPM lacks $p"
done
grep -q " \./usr/bin/kubectl-doca_layer -> doca-layer$" "$WORK/deb.list" || fail "DEB: kubectl-doca_layer is not a link to doca-layer"
[ "$(dpkg-deb -f "$DEB" Package)" = doca-layer ] || fail "DEB package name"
dpkg-deb -f "$DEB" Depends | grep -q libcurl || fail "DEB Depends does not name libcurl: $(dpkg-deb -f "$DEB" Depends)"
rpm -qpR "$RPM" 2>/dev/null | grep -q '^libcurl.so' || fail "RPM requires do not name libcurl.so: $(rpm -qpR "$RPM" 2>/dev/null | tr '\n' ' ')"
[ "$(rpm -qp --qf '%{LICENSE}' "$RPM" 2>/dev/null)" = Apache-2.0 ] || fail "RPM license"

# Install the DEB on this machine, use it as a user would, remove it.
if dpkg -s doca-layer > /dev/null 2>&1; then fail "a doca-layer package is already installed here; this test installs and removes its own"; fi
cleanup_hooks+=("${AS_ROOT[*]} dpkg -r doca-layer > /dev/null 2>&1")
"${AS_ROOT[@]}" dpkg -i "$DEB" > "$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log"; fail "dpkg -i failed"; }
[ "$(/usr/bin/doca-layer version)" = "doca-layer $(rpm -qp --qf '%{VERSION}' "$RPM" 2>/dev/null)" ] || fail "installed doca-layer version"
# PATH holds /usr/bin once (with merged /usr, /bin is the same directory and kubectl would warn
# about a shadowed twin), plus kubectl's own directory when that is elsewhere.
KDIR=$(dirname "$(readlink -f "$(command -v kubectl)")")
UPATH=/usr/bin
case "$KDIR" in /usr/bin | /bin) ;; *) UPATH="/usr/bin:$KDIR" ;; esac
PATH=$UPATH kubectl plugin list 2>/dev/null | grep -qx /usr/bin/kubectl-doca_layer || fail "kubectl does not list the plugin"
out=$(PATH=$UPATH kubectl doca-layer version) || fail "kubectl doca-layer version failed"
[[ $out == "doca-layer "* ]] || fail "kubectl doca-layer version printed: $out"
if command -v man > /dev/null; then man -w doca-layer-apply > /dev/null || fail "man cannot find doca-layer-apply"; fi
"${AS_ROOT[@]}" dpkg -r doca-layer > /dev/null 2>&1 || fail "dpkg -r failed"
[ ! -e /usr/bin/doca-layer ] && [ ! -e /usr/bin/kubectl-doca_layer ] || fail "dpkg -r left files behind"
echo "PASS: DEB and RPM built, checked, DEB installed, used through kubectl and removed"

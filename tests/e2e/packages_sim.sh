# The package steps checked against real repositories before and during the build: repos built
# with rpmbuild + createrepo_c (rpmrepo's fixture script), served over loopback HTTP. `packages`
# prints the transaction; with the DOCA profile missing from the repo, `packages` and `preflight`
# name it before anything is written, and the simulated build (sim --repo-mirror, libsolv over
# the same trees) fails with dnf's error naming it; with the good repo apply succeeds.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
SRC=$2
command -v rpmbuild > /dev/null && command -v createrepo_c > /dev/null || fail "rpmbuild and createrepo_c are needed"

# --- repositories: good/ (the fixture) and bad/ (doca-networking removed) -----------------------
echo "glibc-2.34-168.el9.x86_64" > "$WORK/stock.txt"
python3 "$SRC/src/rpmrepo/testdata/make_fixture.py" "$WORK/fixture" "$WORK/stock.txt" > /dev/null ||
  fail "make_fixture.py failed"
mkdir -p "$WORK/www"
mv "$WORK/fixture/repos" "$WORK/www/good"
cp -r "$WORK/www/good" "$WORK/www/bad"
DOCA_DIR=doca/3.3.0/rhel9/x86_64
rm "$WORK/www/bad/$DOCA_DIR"/doca-networking-*.rpm
rm -rf "$WORK/www/bad/$DOCA_DIR/repodata"
createrepo_c --quiet --no-database "$WORK/www/bad/$DOCA_DIR" || fail "createrepo_c failed"

python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$WORK/www" > "$WORK/http.log" 2> /dev/null &
HTTP_PID=$!
cleanup_hooks+=("kill $HTTP_PID; wait $HTTP_PID")
wait_file 'port [0-9]+' 10 "$WORK/http.log"
PORT=$(grep -o 'port [0-9]*' "$WORK/http.log" | head -1 | cut -d' ' -f2)
REPOS=http://127.0.0.1:$PORT/

# layer TREE FILE: a layer whose DOCA repo and dependency repo are the tree's.
layer() {
  "$BIN" init -f "$2" > /dev/null
  python3 - "$2" "$REPOS$1" <<'PY'
import sys, yaml
path, base = sys.argv[1], sys.argv[2]
d = yaml.safe_load(open(path))
s = d["spec"]
s["openshiftVersion"] = "4.20"
s["doca"].update({"profile": "doca-networking", "baseURL": base + "/doca", "gpgCheck": False})
s["repos"] = [{"id": "deps", "baseURL": base + "/deps/", "gpgCheck": False}]
s["packages"] = {"dependencies": ["unbound", "unbound-libs", "libunwind"], "extra": []}
yaml.safe_dump(d, open(path, "w"))
PY
}
layer good "$WORK/good.yaml"
layer bad "$WORK/bad.yaml"

# --- packages: the transaction, then the missing profile ----------------------------------------
expect_out 'doca-openvswitch' "$BIN" packages -f "$WORK/good.yaml" --cache-dir "$WORK/cache"
expect_fail 'doca-networking' "$BIN" packages -f "$WORK/bad.yaml" --cache-dir "$WORK/cache"

# --- the simulated cluster reads the same trees through --repo-mirror ----------------------------
start_sim --topology sno --repo-mirror "$REPOS=$WORK/www"
mosc_count() { sim_curl "$SIM_URL/apis/machineconfiguration.openshift.io/v1/machineosconfigs" |
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))'; }
expect_fail 'FAIL .*doca-networking' "$BIN" preflight -f "$WORK/bad.yaml" --kubeconfig "$KC"
expect_fail 'FAIL .*doca-networking' "$BIN" apply -f "$WORK/bad.yaml" --kubeconfig "$KC" --timeout 2m
[ "$(mosc_count)" = 0 ] || fail "a failed preflight wrote a MachineOSConfig"
expect_fail 'Unable to find a match: doca-networking' \
  "$BIN" apply -f "$WORK/bad.yaml" --kubeconfig "$KC" --skip-preflight --timeout 2m

# --- a fresh cluster: the good repo builds, rolls out and verifies --------------------------------
kill $SIM_PID; wait $SIM_PID || true
unset "cleanup_hooks[${#cleanup_hooks[@]}-1]"  # its stop hook
start_sim --topology sno --repo-mirror "$REPOS=$WORK/www"
expect_out 'PASS +packages' "$BIN" preflight -f "$WORK/good.yaml" --kubeconfig "$KC"
"$BIN" apply -f "$WORK/good.yaml" --kubeconfig "$KC" --timeout 2m > "$WORK/apply.txt" 2>&1 ||
  fail "apply with the good repo: $(cat "$WORK/apply.txt")"
"$BIN" logs --file "$WORK/good.yaml" --kubeconfig "$KC" > "$WORK/logs.txt" 2>&1 || true
grep -q 'Installing *: doca-openvswitch-3.3.0040-1.el9.x86_64' "$WORK/logs.txt" ||
  fail "the build log does not list the resolved transaction: $(cat "$WORK/logs.txt")"
echo "packages against real repos, client and simulated build: ok"

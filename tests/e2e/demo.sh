# `doca-layer demo --quick` (what the README's first command ends in): the whole main job against
# the embedded sim, on SNO and on a standard cluster's worker pool; the second apply writes nothing,
# the demo's kubeconfig is 0600 and no simulator is left running.
source "$(dirname "$0")/lib.sh"
BIN=$1
for shape in "--topology sno" "--topology standard --workers 2"; do
  dir="$WORK/demo-${shape// /_}"
  # shellcheck disable=SC2086
  "$BIN" demo --quick --dir "$dir" $shape > "$WORK/out" 2>&1 || { tail -30 "$WORK/out"; fail "demo $shape exited non-zero"; }
  grep -q "verify: pass" "$WORK/out" || fail "demo $shape: no passing verify"
  grep -q "runs the layered image" "$WORK/out" || fail "demo $shape: rollout not finished"
  grep -q "nothing written" "$WORK/out" || fail "demo $shape: the second apply wrote something"
  [ "$(stat -c %a "$dir/kubeconfig")" = 600 ] || fail "demo $shape: kubeconfig is not 0600"
  "$BIN" validate -f "$dir/layer.yaml" > /dev/null || fail "demo $shape: its layer.yaml does not validate"
  ! pgrep -f "$dir/kubeconfig" > /dev/null || fail "demo $shape: a process still uses the demo's kubeconfig"
done
echo "PASS: demo --quick on SNO and on a worker pool"

# A node that fails to boot the layer (the sim's boot-fault switch on the MachineOSConfig):
# apply stops following the rollout and names the node and its reason; the next apply stops at
# preflight on the Degraded pool; kubectl shows the same state.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
start_sim --topology standard --workers 2
"$BIN" init -f "$WORK/layer.yaml" --pool worker > /dev/null
"$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages --no-wait > "$WORK/apply1.txt" 2>&1 ||
  fail "apply --no-wait: $(cat "$WORK/apply1.txt")"
kk annotate machineosconfig worker sim.doca-layer.io/boot-fault=worker-1 > /dev/null
if "$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages --timeout 2m > "$WORK/apply2.txt" 2>&1; then
  fail "apply succeeded with a node that cannot boot: $(cat "$WORK/apply2.txt")"
fi
grep -q 'node worker-1 is Degraded: failed to boot .*injected boot fault' "$WORK/apply2.txt" ||
  fail "apply did not name the degraded node: $(cat "$WORK/apply2.txt")"
expect_out '^Degraded$' kk get node worker-1 -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/state}'
expect_fail 'FAIL +pool +the pool is Degraded' "$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages
echo "node degraded explained: ok"

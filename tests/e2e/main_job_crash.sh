# Crash-resume: apply is killed (SIGKILL) as each step starts, in turn, and run again; the last
# run finishes the job. State lives only in the cluster, so each run picks up where the last
# one stopped. Asserted with kubectl: one MachineOSConfig, its build Succeeded, the node on it.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
start_sim --topology sno
"$BIN" init -f "$WORK/layer.yaml" > /dev/null
for step in registry credentials repos machineosconfig build rollout verify; do
  out=$WORK/apply-$step.txt
  "$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages > "$out" 2>&1 &
  pid=$!
  for _ in $(seq 300); do
    grep -q "==> $step:" "$out" 2>/dev/null && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.02
  done
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  grep -q "==> $step:" "$out" || fail "apply never reached step $step before ending: $(cat "$out")"
done
"$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages > "$WORK/final.txt" 2>&1 ||
  fail "the apply after the crashes failed: $(cat "$WORK/final.txt")"
grep -Eq 'verify: pass|nothing written' "$WORK/final.txt" || fail "final apply: $(cat "$WORK/final.txt")"
image=$(kk get machineosconfig master -o jsonpath='{.status.currentImagePullSpec}')
[[ $image == *@sha256:* ]] || fail "no layered image after the crashes: '$image'"
expect_out "^$image\$" kk get node master-0 -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/currentImage}'
expect_out '^Succeeded$' kk get machineosbuild -o jsonpath='{.items[0].status.conditions[?(@.status=="True")].type}'
[ "$(kk get machineosbuild -o name | wc -l)" = 1 ] || fail "the crashes left extra builds: $(kk get machineosbuild -o name)"
expect_out '^1$' bash -c "KUBECONFIG=$KC kubectl get secrets -n openshift-machine-config-operator -o name | grep -c '/push-secret$'"
echo "crash-resume: ok"

# Fault soak: CYCLES (3rd argument, default 1 as CI runs it) full apply + rollback --purge cycles on a 3+3
# cluster while a chaos loop keeps the API misbehaving: 429/500/503 answers and added latency on
# the paths the tool uses, dropped watches, compacted history (410 on resume) and API server
# restarts (connections reset for up to 1.5 s, state kept). Every cycle must end as it should:
# one MachineOSConfig, one build, both secrets and the repo ConfigMap after apply, none of them
# after the purge, and the global pull secret never written. Prints the figures on one line.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
cycles=${3:-1}
start_sim --topology standard --workers 3 --node-backend memory
"$BIN" init -f "$WORK/layer.yaml" --pool worker > /dev/null
pull_rv=$(kk get secret pull-secret -n openshift-config -o jsonpath='{.metadata.resourceVersion}')
admin() { sim_curl -X POST "$@" > /dev/null 2>&1 || true; }  # during a restart the admin call may be refused too
chaos() {
  local paths=(/apis/machineconfiguration.openshift.io /api/v1/namespaces/openshift-machine-config-operator
               /api/v1/nodes /apis/imageregistry.operator.openshift.io /api/v1/namespaces/openshift-image-registry)
  local methods=(GET POST PATCH PUT WATCH)
  while :; do
    sleep "0.$((RANDOM % 9 + 1))"
    # At most one chaos rule waits at a time: rules that pile up on a path nobody uses for a while
    # would fail its next request more often than any retry policy rides out.
    if ! sim_curl "$SIM_URL/sim/faults" 2>/dev/null | grep -q '"pending":\[\]'; then continue; fi
    case $((RANDOM % 6)) in
      0|1) admin -d "{\"method\":\"${methods[RANDOM % 5]}\",\"pathPrefix\":\"${paths[RANDOM % 5]}\",\"status\":$((RANDOM % 2 ? 429 : RANDOM % 2 ? 500 : 503)),\"count\":$((RANDOM % 3 + 1)),\"retryAfter\":1}" "$SIM_URL/sim/faults"; echo fault ;;
      2) admin -d "{\"method\":\"GET\",\"pathPrefix\":\"${paths[RANDOM % 5]}\",\"latencyMs\":$((RANDOM % 800 + 200)),\"count\":2}" "$SIM_URL/sim/faults"; echo latency ;;
      3) admin "$SIM_URL/sim/drop-watches"; echo drop ;;
      4) admin "$SIM_URL/sim/compact"; echo compact ;;
      5) admin -d "{\"downMs\":$((RANDOM % 1000 + 500))}" "$SIM_URL/sim/restart-api"; echo restart; sleep 2 ;;
    esac
  done
}
count() { kk get "$@" -o name 2>/dev/null | wc -l; }
chaos > "$WORK/chaos.log" 2>&1 &
CHAOS=$!
cleanup_hooks+=("kill $CHAOS 2>/dev/null")
started=$(date +%s)
# One fault each cycle is sure to meet (apply reads the pool first), so a short run cannot end
# untested by bad luck; the admin call is retried through a restart in progress.
sure_fault() {
  for _ in $(seq 30); do
    sim_curl -X POST -d '{"method":"GET","pathPrefix":"/apis/machineconfiguration.openshift.io","status":503,"count":1,"retryAfter":1}' \
      "$SIM_URL/sim/faults" > /dev/null 2>&1 && return 0
    sleep 0.3
  done
  fail "could not arm a fault through the sim's admin API"
}
for i in $(seq "$cycles"); do
  sure_fault
  "$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages --timeout 5m > "$WORK/apply.$i" 2>&1 ||
    fail "cycle $i: apply under chaos failed: $(tail -15 "$WORK/apply.$i")"
  grep -q 'verify: pass' "$WORK/apply.$i" || fail "cycle $i: apply did not verify: $(tail -5 "$WORK/apply.$i")"
  kill -STOP $CHAOS  # count objects on a quiet API (kubectl is not under test)
  sleep 2.5          # a restart in progress ends
  [ "$(count machineosconfig)" = 1 ] || fail "cycle $i: $(count machineosconfig) MachineOSConfigs after apply"
  [ "$(count machineosbuild)" = 1 ] || fail "cycle $i: $(count machineosbuild) MachineOSBuilds after apply (a duplicate build)"
  for s in push-secret pull-and-push-secret; do
    kk get secret "$s" -n $M > /dev/null || fail "cycle $i: secret $s lost"
  done
  kk get configmap etc-yum-repos-d -n $M > /dev/null || fail "cycle $i: the repo ConfigMap was lost"
  kill -CONT $CHAOS
  "$BIN" rollback -f "$WORK/layer.yaml" --kubeconfig "$KC" --purge --timeout 5m > "$WORK/rollback.$i" 2>&1 ||
    fail "cycle $i: rollback under chaos failed: $(tail -15 "$WORK/rollback.$i")"
  kill -STOP $CHAOS
  sleep 2.5
  [ "$(count machineosconfig)" = 0 ] || fail "cycle $i: the MachineOSConfig survived rollback"
  kk get secret push-secret -n $M > /dev/null 2>&1 && fail "cycle $i: push-secret survived rollback --purge"
  kill -CONT $CHAOS
done
kill $CHAOS
wait $CHAOS 2>/dev/null || true
[ "$(kk get secret pull-secret -n openshift-config -o jsonpath='{.metadata.resourceVersion}')" = "$pull_rv" ] ||
  fail "the global pull secret was written"
injected=$(kk get --raw /sim/stats | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['faults']['injected'])")
kinds=$(sort "$WORK/chaos.log" | uniq -c | awk '{printf "%s %s, ", $1, $2}')
[ "$injected" -ge "$cycles" ] || fail "only $injected faults were answered: the soak did not test much"
echo "fault soak: $cycles/$cycles cycles in $(( $(date +%s) - started ))s; chaos: ${kinds}answered with a fault: $injected; objects lost or duplicated: 0; global pull secret writes: 0"

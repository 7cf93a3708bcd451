# The main job end to end against `doca-layer sim` (SNO): preflight, apply (build + rollout +
# verify), a second apply that writes nothing, status, logs, bad inputs that change nothing,
# rollback; the cluster's state asserted with the real kubectl, and every byte the tool printed
# scanned for the push token.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
start_sim --topology sno
DL() { "$BIN" "$@" --kubeconfig "$KC"; }
OUT=$WORK/out
mkdir -p "$OUT"
stats() { kk get --raw /sim/stats | /usr/bin/python3 -c "import json,sys; d=json.load(sys.stdin); print(d$1)"; }
writes() { stats "['requests']['writes']"; }
store_rv() { stats "['resourceVersion']"; }

"$BIN" init -f "$WORK/layer.yaml" > /dev/null
pull_rv=$(kk get secret pull-secret -n openshift-config -o jsonpath='{.metadata.resourceVersion}')

# --- bad inputs: a clear error and no write ---------------------------------------------------
rv0=$(store_rv); w0=$(writes)
printf 'apiVersion: doca-layer.nvidia.com/v1alpha1\nkind: LayerConfig\nspec:\n  pool: [oops\n' > "$WORK/bad.yaml"
expect_fail 'bad.yaml:[0-9]+:[0-9]+' DL apply -f "$WORK/bad.yaml" --skip-packages
sed 's/pool: master/pool: gpu-nodes/' "$WORK/layer.yaml" > "$WORK/nopool.yaml"
expect_fail 'no MachineConfigPool "gpu-nodes" \(pools: master' DL apply -f "$WORK/nopool.yaml" --skip-packages
sed 's/storageClass: lvms-vg1/storageClass: no-such-class/' "$WORK/layer.yaml" > "$WORK/nosc.yaml"
expect_fail 'no StorageClass "no-such-class"' DL apply -f "$WORK/nosc.yaml" --skip-packages
sed "s#server: .*#server: https://127.0.0.1:1#" "$KC" > "$WORK/unreachable.kubeconfig"
expect_fail 'FAIL +api .*' "$BIN" apply -f "$WORK/layer.yaml" --skip-packages --kubeconfig "$WORK/unreachable.kubeconfig"
extras=$(for i in $(seq 300); do printf 'package-number-%s ' "$i"; done)
sed "s/    extra: \[\]/    extra: [$(echo $extras | sed 's/ /, /g')]/" "$WORK/layer.yaml" > "$WORK/long.yaml"
expect_fail '4096' DL apply -f "$WORK/long.yaml" --skip-packages
"$BIN" init -f "$WORK/ext.yaml" --push-spec 'quay.io/Acme/Bad Name:latest' --push-secret mine > /dev/null 2>&1 &&
  fail "init accepted a push spec the API would reject"
good=$(kk get secret pull-secret -n openshift-config -o jsonpath='{.data.\.dockerconfigjson}')
kk patch secret pull-secret -n openshift-config --type merge -p '{"data":{".dockerconfigjson":"bm90IGpzb24="}}' > /dev/null
rv_bad=$(store_rv)
expect_fail 'FAIL +pull-secret .*not a JSON object' DL apply -f "$WORK/layer.yaml" --skip-packages
[ "$(store_rv)" = "$rv_bad" ] || fail "apply wrote with a corrupt global pull secret"
kk patch secret pull-secret -n openshift-config --type merge -p "{\"data\":{\".dockerconfigjson\":\"$good\"}}" > /dev/null
pull_rv=$(kk get secret pull-secret -n openshift-config -o jsonpath='{.metadata.resourceVersion}')
rv0=$(store_rv); w0=$(writes)
[ "$(writes)" = "$w0" ] || fail "a rejected apply sent writes ($w0 -> $(writes))"
# A token without write access: the access reviews (POSTs that store nothing) say what is missing.
token=$(kk create token builder -n openshift-machine-config-operator)
rv0=$(store_rv)
sed "s#token: .*#token: $token#" "$KC" > "$WORK/sa.kubeconfig"
expect_fail 'not allowed: create persistentvolumeclaims' "$BIN" apply -f "$WORK/layer.yaml" --skip-packages --kubeconfig "$WORK/sa.kubeconfig"
sim_curl -X POST "$SIM_URL/sim/expire-tokens" > /dev/null
expect_fail 'log in again' "$BIN" apply -f "$WORK/layer.yaml" --skip-packages --kubeconfig "$WORK/sa.kubeconfig"
[ "$(store_rv)" = "$rv0" ] || fail "a rejected apply changed the cluster (resourceVersion $rv0 -> $(store_rv))"

# --- preflight, dry run, apply ----------------------------------------------------------------
expect_out 'preflight passed' DL preflight -f "$WORK/layer.yaml" --skip-packages
DL apply -f "$WORK/layer.yaml" --skip-packages --dry-run > "$OUT/dry.txt" 2>&1 || fail "dry run: $(cat "$OUT/dry.txt")"
grep -q 'MachineOSConfig master: created (dry run)' "$OUT/dry.txt" || fail "dry run output: $(cat "$OUT/dry.txt")"
kk get machineosconfig master 2>/dev/null && fail "a client dry run created the MachineOSConfig"
DL apply -f "$WORK/layer.yaml" --skip-packages --timeout 5m > "$OUT/apply.txt" 2>&1 || fail "apply: $(cat "$OUT/apply.txt")"
grep -q 'verify: pass' "$OUT/apply.txt" || fail "apply did not end verified: $(cat "$OUT/apply.txt")"
image=$(kk get machineosconfig master -o jsonpath='{.status.currentImagePullSpec}')
[[ $image == *@sha256:* ]] || fail "MachineOSConfig has no digested image: '$image'"
expect_out "^$image\$" kk get node master-0 -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/currentImage}'
expect_out '^1/1$' kk get mcp master -o jsonpath='{.status.updatedMachineCount}/{.status.machineCount}'
expect_out '^Bound$' kk get pvc registry-claim -n openshift-image-registry -o jsonpath='{.status.phase}'
expect_out 'kubernetes.io/dockerconfigjson' kk get secret pull-and-push-secret -n openshift-machine-config-operator -o jsonpath='{.type}'
expect_out 'doca.repo' kk get configmap etc-yum-repos-d -n openshift-machine-config-operator -o jsonpath='{.data}'
[ "$(kk get secret pull-secret -n openshift-config -o jsonpath='{.metadata.resourceVersion}')" = "$pull_rv" ] ||
  fail "the global pull secret was written"

push_token=$(kk get secret push-secret -n openshift-machine-config-operator -o jsonpath='{.data.\.dockerconfigjson}' |
  base64 -d | /usr/bin/python3 -c "import json,sys; print(list(json.load(sys.stdin)['auths'].values())[0]['password'])")
[ ${#push_token} -gt 20 ] || fail "push-secret holds no token"

# --- idempotence: the second apply writes nothing ----------------------------------------------
w1=$(writes)
DL apply -f "$WORK/layer.yaml" --skip-packages > "$OUT/apply2.txt" 2>&1 || fail "second apply: $(cat "$OUT/apply2.txt")"
grep -q 'nothing written' "$OUT/apply2.txt" || fail "second apply output: $(cat "$OUT/apply2.txt")"
[ "$(writes)" = "$w1" ] || fail "the second apply wrote ($w1 -> $(writes))"

# --- status, logs, verify ---------------------------------------------------------------------
DL status -f "$WORK/layer.yaml" -o json > "$OUT/status.json"
/usr/bin/python3 - "$OUT/status.json" "$image" <<'PY' || fail "status -o json: $(cat "$OUT/status.json")"
import json, sys
s = json.load(open(sys.argv[1]))
assert s["layer"]["image"] == sys.argv[2], s["layer"]
assert s["pool"]["updated"] == 1 and s["pool"]["condition"] == "Updated", s["pool"]
assert [n["onLayer"] for n in s["nodes"]] == [True], s["nodes"]
assert s["credentials"]["tokenSecondsLeft"] > 600 * 3600, s["credentials"]
assert s["layer"]["builds"][0]["state"] == "Succeeded", s["layer"]
PY
DL status -f "$WORK/layer.yaml" > "$OUT/status.txt"
grep -Eq '^master-0 +Done +yes +yes' "$OUT/status.txt" || fail "status table: $(cat "$OUT/status.txt")"
DL logs --file "$WORK/layer.yaml" > "$OUT/logs.txt"
grep -q 'doca-all' "$OUT/logs.txt" || fail "build log: $(head -c 2000 "$OUT/logs.txt")"
DL verify -f "$WORK/layer.yaml" -o json > "$OUT/verify.json" || fail "verify: $(cat "$OUT/verify.json")"
/usr/bin/python3 -c "
import json,sys; r=json.load(open('$OUT/verify.json')); assert r['verdict']=='pass', r
ids=[c['id'] for c in r['nodes'][0]['checks']]; assert 'booted-image' in ids and len(ids) >= 6, ids" ||
  fail "verify json: $(cat "$OUT/verify.json")"
[ -z "$(kk get pods -n openshift-machine-config-operator -l app.kubernetes.io/managed-by=doca-layer -o name)" ] ||
  fail "verify left debug pods behind"

# --- rollback ---------------------------------------------------------------------------------
DL rollback -f "$WORK/layer.yaml" --purge --timeout 5m > "$OUT/rollback.txt" 2>&1 || fail "rollback: $(cat "$OUT/rollback.txt")"
kk get machineosconfig master 2>/dev/null && fail "rollback left the MachineOSConfig"
kk get secret push-secret -n openshift-machine-config-operator 2>/dev/null && fail "rollback --purge left push-secret"
kk get secret pull-secret -n openshift-config > /dev/null || fail "rollback removed the global pull secret"
stock=$(kk get node master-0 -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/currentImage}')
[ "$stock" != "$image" ] || fail "the node still runs the layer after rollback"
grep -q 'verify: pass' "$OUT/rollback.txt" || fail "stock verify after rollback: $(cat "$OUT/rollback.txt")"

# --- no secret material in anything the tool printed -------------------------------------------
for secret in "$token" "$push_token"; do
  if grep -rqF -- "$secret" "$OUT"; then fail "a token appears in the tool's output"; fi
done
echo "main job: ok"

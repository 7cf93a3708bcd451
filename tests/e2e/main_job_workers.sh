# The main job on a 3 masters + 3 workers cluster, layering the worker pool while the API
# misbehaves: 500s and 429s on the paths apply uses, watches dropped and history compacted
# (410) while it follows the build and the rollout. Asserted with the real kubectl: every
# worker runs the layer, no master does, the global pull secret is untouched.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
start_sim --topology standard --workers 3 \
  --fault "GET:/apis/machineconfiguration.openshift.io/v1/machineconfigpools:500:3" \
  --fault "POST:/api/v1/namespaces/openshift-machine-config-operator/secrets:429:2:1" \
  --fault "PATCH:/apis/imageregistry.operator.openshift.io:503:1"
adm() { sim_curl -X POST "$SIM_URL/sim/$1" > /dev/null; }
"$BIN" init -f "$WORK/layer.yaml" --pool worker > /dev/null
pull_rv=$(kk get secret pull-secret -n openshift-config -o jsonpath='{.metadata.resourceVersion}')
"$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages --timeout 5m > "$WORK/apply.txt" 2>&1 &
apply_pid=$!
# Drop every open watch and compact the history a few times while apply follows the cluster.
for _ in 1 2 3 4 5 6; do
  sleep 1
  adm drop-watches
  adm compact
done
wait $apply_pid || fail "apply under faults: $(cat "$WORK/apply.txt")"
grep -q 'verify: pass (3 node(s))' "$WORK/apply.txt" || fail "apply did not verify 3 workers: $(cat "$WORK/apply.txt")"
image=$(kk get machineosconfig worker -o jsonpath='{.status.currentImagePullSpec}')
[[ $image == *@sha256:* ]] || fail "no layered image: '$image'"
key='machineconfiguration\.openshift\.io/currentImage'
for n in $(kk get nodes -l node-role.kubernetes.io/worker -o name); do
  expect_out "^$image\$" kk get "$n" -o jsonpath="{.metadata.annotations.$key}"
done
for n in $(kk get nodes -l node-role.kubernetes.io/master -o name); do
  [ "$(kk get "$n" -o jsonpath="{.metadata.annotations.$key}")" != "$image" ] || fail "$n (a master) got the worker layer"
done
expect_out '^3/3$' kk get mcp worker -o jsonpath='{.status.updatedMachineCount}/{.status.machineCount}'
[ "$(kk get secret pull-secret -n openshift-config -o jsonpath='{.metadata.resourceVersion}')" = "$pull_rv" ] ||
  fail "the global pull secret was written"
injected=$(kk get --raw /sim/stats | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['faults']['injected'])")
[ "$injected" -ge 5 ] || fail "only $injected faults were injected: the test did not test much"
echo "main job on 3+3 under faults: ok ($injected faults injected)"

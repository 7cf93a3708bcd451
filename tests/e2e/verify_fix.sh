# A layer that did not persist doca-init (an "older layer" or a manual setup): verify names the
# failing check and the fix, verify --fix sets the key and restarts the switch, verify passes.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
start_sim --topology sno
"$BIN" init -f "$WORK/layer.yaml" > /dev/null
# A wait that runs out says what it was waiting for and what held it up (here: an API that takes
# 4 s to list MachineOSBuilds once); the next apply picks up from there.
sim_curl -X POST -d '{"method":"GET","pathPrefix":"/apis/machineconfiguration.openshift.io/v1/machineosbuilds","latencyMs":4000,"count":1}' \
  "$SIM_URL/sim/faults" > /dev/null
expect_fail 'timed out after 1s waiting for MachineOSBuild of MachineOSConfig master to finish \(no answer yet to the first list of /apis/machineconfiguration.openshift.io/v1/machineosbuilds' \
  "$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages --timeout 1s
"$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages --timeout 3m > "$WORK/apply.txt" 2>&1 ||
  fail "apply: $(cat "$WORK/apply.txt")"
# An "older layer": the same Containerfile without the systemd drop-in that sets doca-init.
kk get machineosconfig master -o json | /usr/bin/python3 -c '
import json, sys
m = json.load(sys.stdin)
c = m["spec"]["containerFile"][0]["content"]
m["spec"]["containerFile"][0]["content"] = "\n".join(l for l in c.split("\n") if "ExecStartPre" not in l and "service.d" not in l)
print(json.dumps({"spec": {"containerFile": m["spec"]["containerFile"]}}))' > "$WORK/patch.json"
old_image=$(kk get machineosconfig master -o jsonpath='{.status.currentImagePullSpec}')
old_build=$(kk get machineosconfig master -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/current-machine-os-build}')
kk patch machineosconfig master --type merge --patch-file "$WORK/patch.json" > /dev/null
wait_out '^master-' 30 bash -c "KUBECONFIG=$KC kubectl get machineosconfig master -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/current-machine-os-build}' | grep -v '^$old_build\$'"
# logs -f follows the new build while it runs and returns when it ends.
timeout 120 "$BIN" logs --file "$WORK/layer.yaml" --kubeconfig "$KC" -f > "$WORK/build.log" 2>&1 || fail "logs -f: $(tail -5 "$WORK/build.log")"
grep -q 'Copying config sha256' "$WORK/build.log" || fail "logs -f ended before the push: $(tail -5 "$WORK/build.log")"
wait_out '@sha256' 60 bash -c "KUBECONFIG=$KC kubectl get machineosconfig master -o jsonpath='{.status.currentImagePullSpec}' | grep -v '$old_image'"
kk wait mcp/master --for=condition=Updated --timeout=60s > /dev/null
new_image=$(kk get machineosconfig master -o jsonpath='{.status.currentImagePullSpec}')
wait_out "^$new_image\$" 60 kk get node master-0 -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/currentImage}'
# Someone clears the key; the switch restarts without DOCA.
pod=$(kk debug node/master-0 --image=ubi9 -- chroot /host /bin/sh -c \
  'ovs-vsctl --no-wait remove Open_vSwitch . other_config doca-init && systemctl restart openvswitch' 2>/dev/null |
  grep -o 'node-debugger-[a-z0-9-]*')
kk wait "pod/$pod" --for=jsonpath='{.status.phase}'=Succeeded --timeout=30s > /dev/null
expect_fail 'FAIL +DOCA is initialised in ovs-vswitchd +false' "$BIN" verify -f "$WORK/layer.yaml" --kubeconfig "$KC"
expect_out 'master-0: PASS \(repaired\)' "$BIN" verify -f "$WORK/layer.yaml" --kubeconfig "$KC" --fix
expect_out 'PASS +DOCA is initialised in ovs-vswitchd +true' "$BIN" verify -f "$WORK/layer.yaml" --kubeconfig "$KC"
echo "verify --fix: ok"

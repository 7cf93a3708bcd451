#!/usr/bin/env bash
# The write-up's last step, replayed with kubectl only against `doca-layer sim`: a SNO cluster on
# 4.20.15 with the OVS-DOCA on-cluster layer in place is updated to 4.21.11 (what
# `oc adm upgrade channel stable-4.21` and `oc adm upgrade --to=4.21.11` write, done with
# `kubectl patch`), waited for with `kubectl wait`: a new MachineOSBuild on the 4.21 base, the node
# rebooted into it, ClusterVersion Completed and /version on the new Kubernetes. Then a z-stream
# update whose build fails stays Progressing with Failing=True until the build is fixed.
source "$(dirname "$0")/lib.sh" "$1"
CV=clusterversion/version
cond() { kk get clusterversion version -o jsonpath="{.status.conditions[?(@.type==\"$1\")].$2}"; }

start_sim --topology sno
expect_out "^NAME +VERSION +AVAILABLE +PROGRESSING +SINCE +STATUS$" kk get clusterversion
expect_out "^version +4\.20\.15 +True +False +[0-9]+[smh] +Cluster version is 4\.20\.15$" kk get clusterversion
expect_out '"gitVersion":"v1\.33\.6"' kk get --raw /version

# the layer, as layering_kubectl.sh builds it
expect_out "secret/push-secret created" kk create secret docker-registry push-secret -n $M \
  --docker-server=$REG --docker-username=builder --docker-password=sim-token
mosc_yaml 'RUN rpm-ostree override remove openvswitch3.5 && dnf install doca-all -y && bootc container lint' > "$WORK/mosc.yaml"
expect_out "created" kk create -f "$WORK/mosc.yaml"
wait_out "^master-[0-9a-f]{32}$" 10 kk get machineosbuild -o 'jsonpath={.items[0].metadata.name}'
first=$(kk get machineosbuild -o 'jsonpath={.items[0].metadata.name}')
expect_out "condition met" kk wait --for=condition=Succeeded "machineosbuild/$first" --timeout=30s
wait_out "^master +rendered-master-[0-9a-f]+ +True +False +False +1 +1 +1 +0 " 30 kk get mcp master
old_image=$(kk get node master-0 -o jsonpath="${ANN}currentImage}")
old_rendered=$(kk get mcp master -o jsonpath='{.spec.configuration.name}')

# 4.21 is not in the stable-4.20 channel: the request is invalid and nothing moves
expect_out "clusterversion.config.openshift.io/version patched" \
  kk patch clusterversion version --type merge -p '{"spec":{"desiredUpdate":{"version":"4.21.11"}}}'
expect_out "condition met" kk wait --for=condition=Invalid $CV --timeout=10s
expect_out "when image is empty the update must be a previous version or an available update" cond Invalid message
expect_out "^version +4\.20\.15 +True +False +[0-9]+[smh] +Stopped at 4\.20\.15: the cluster version is invalid$" \
  kk get clusterversion
expect_out "^$old_rendered$" kk get mcp master -o jsonpath='{.spec.configuration.name}'

# oc adm upgrade channel stable-4.21; oc adm upgrade --to=4.21.11. Watches record the states in
# between, however fast the sim goes.
kk get clusterversion -w > "$WORK/cv.watch" 2>&1 &
W1=$!
kk get clusterversion version -w -o jsonpath='{.status.history[0].state} {.status.history[0].version}{"\n"}' \
  > "$WORK/history.watch" 2>&1 &
W2=$!
cleanup_hooks+=("kill $W1 $W2 2>/dev/null")
wait_file "^version +4\.20\.15 " 10 "$WORK/cv.watch"
wait_file "^Completed 4\.20\.15$" 10 "$WORK/history.watch"
expect_out "patched" kk patch clusterversion version --type merge -p '{"spec":{"channel":"stable-4.21"}}'
expect_out "patched" \
  kk patch clusterversion version --type merge -p '{"spec":{"desiredUpdate":{"version":"4.21.11"}}}'
expect_out "condition met" kk wait --for=jsonpath='{.status.history[0].version}'=4.21.11 $CV --timeout=10s
expect_out "^$" cond Invalid status
expect_out "^PayloadLoaded$" cond ReleaseAccepted reason
expect_out "condition met" kk wait --for=jsonpath='{.status.history[0].state}'=Completed $CV --timeout=60s
wait_file "^version +4\.20\.15 +True +True +[0-9]+[smh] +Working towards 4\.21\.11: " 10 "$WORK/cv.watch"
wait_file "^Partial 4\.21\.11$" 10 "$WORK/history.watch"
expect_out "^version +4\.21\.11 +True +False +[0-9]+[smh] +Cluster version is 4\.21\.11$" kk get clusterversion
expect_out '"gitVersion":"v1\.34\.2"' kk get --raw /version
expect_out "^master-0 +Ready +control-plane,master,worker +(.* )?v1\.34\.2( |$)" kk get nodes

# the MCO part: a new rendered config on the 4.21 RHCOS, a new build on it, the node rebooted into it
new_rendered=$(kk get mcp master -o jsonpath='{.spec.configuration.name}')
[ "$new_rendered" != "$old_rendered" ] || fail "the pool kept $old_rendered"
expect_out "^4\.21\.11$" kk get machineconfig "$new_rendered" \
  -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/release-image-version}'
second=$(kk get machineosconfig master -o jsonpath="${ANN}current-machine-os-build}")
[ "$second" != "$first" ] || fail "no new MachineOSBuild"
expect_out "^$new_rendered$" kk get machineosbuild "$second" -o jsonpath='{.spec.machineConfig.name}'
expect_out "^$second +False +False +True +False +False " kk get machineosbuild "$second"
digest=$(kk get machineosbuild "$second" -o jsonpath='{.status.digestedImagePushSpec}')
[ "$digest" != "$old_image" ] || fail "the node image did not change"
expect_out "^$digest $digest Done$" kk get node master-0 \
  -o jsonpath="${ANN}currentImage} ${ANN}desiredImage} ${ANN}state}"
expect_out "condition met" kk wait --for=condition=Updated mcp/master --timeout=10s
expect_out "^$new_rendered$" kk get mcp master -o jsonpath='{.status.configuration.name}'
expect_out "^4\.21\.11$" kk get clusteroperator machine-config -o jsonpath='{.status.versions[0].version}'

# a z-stream update whose build fails: the pool is blocked and the update stays Progressing
expect_out "annotated" kk annotate machineosconfig master sim.doca-layer.io/build-fault=doca-all
expect_out "patched" kk patch clusterversion version --type merge -p '{"spec":{"desiredUpdate":{"version":"4.21.12"}}}'
expect_out "condition met" kk wait --for=condition=Failing $CV --timeout=60s
expect_out "^Cluster operator machine-config is degraded$" cond Failing message
expect_out "^True$" cond Progressing status
expect_out "^Partial$" kk get clusterversion version -o jsonpath='{.status.history[0].state}'
expect_out "^BuildFailed$" kk get mcp master \
  -o jsonpath='{.status.conditions[?(@.type=="ImageBuildDegraded")].reason}'
expect_out "^$digest$" kk get node master-0 -o jsonpath="${ANN}currentImage}"
# fixed: the fault goes, a rebuild is asked for, and the update completes
expect_out "annotated" kk annotate machineosconfig master sim.doca-layer.io/build-fault- \
  machineconfiguration.openshift.io/rebuild=
expect_out "condition met" kk wait --for=jsonpath='{.status.history[0].state}'=Completed $CV --timeout=60s
expect_out "^version +4\.21\.12 +True +False " kk get clusterversion
expect_out "^False$" cond Failing status
echo "upgrade_kubectl: ok"

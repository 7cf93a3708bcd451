#!/usr/bin/env bash
# The write-up's on-cluster layering steps, replayed with kubectl only against `doca-layer sim`:
# push secret, MachineOSConfig from a file, the MachineOSBuild going Building -> Succeeded in
# `kubectl get machineosbuild`, the build pod's image-build log ending with the manifest line,
# pool master Updating then Updated, the node's MCO annotations at state=Done. Then deleting the
# MachineOSConfig puts the node back on the stock image.
source "$(dirname "$0")/lib.sh" "$1"

start_sim --topology sno
expect_out "secret/push-secret created" kk create secret docker-registry push-secret -n $M \
  --docker-server=$REG --docker-username=builder --docker-password=sim-token
expect_out "^push-secret +kubernetes.io/dockerconfigjson +1 " kk get secrets -n $M
mosc_yaml 'RUN dnf install -y libunwind jsoncpp openssl-devel && \
    rpm-ostree override remove openvswitch3.5 && \
    dnf install doca-all -y && \
    dnf clean all -y && \
    bootc container lint' > "$WORK/mosc.yaml"
# Watch builds and pools from before the MOSC exists, as an admin would with -w.
kk get machineosbuild -w > "$WORK/mosb.watch" 2>&1 &
W1=$!
kk get mcp master -w > "$WORK/mcp.watch" 2>&1 &
W2=$!
cleanup_hooks+=("kill $W1 $W2 2>/dev/null")
expect_out "machineosconfig.machineconfiguration.openshift.io/master created" kk create -f "$WORK/mosc.yaml"
wait_file "^master-[0-9a-f]{32} +False +True +False +False +False " 20 "$WORK/mosb.watch"
wait_file "^master-[0-9a-f]{32} +False +False +True +False +False " 30 "$WORK/mosb.watch"
grep -q "^NAME  *PREPARED  *BUILDING  *SUCCEEDED  *INTERRUPTED  *FAILED  *AGE" "$WORK/mosb.watch" ||
  fail "no header: $(cat "$WORK/mosb.watch")"
mosb=$(kk get machineosbuild -o jsonpath='{.items[0].metadata.name}')
expect_out "^machine-os-builder-[a-z0-9]+-[a-z0-9]{5} +1/1 +Running " kk get pods -n $M
expect_out "^build-$mosb-[a-z0-9]{5} +0/1 +Completed " kk get pods -n $M
pod=$(kk get pods -n $M -l job-name=build-$mosb -o jsonpath='{.items[0].metadata.name}')
kk logs -n $M "$pod" -c image-build > "$WORK/build.log" || fail "kubectl logs failed"
[ "$(tail -n 1 "$WORK/build.log")" = "Writing manifest to image destination" ] || fail "log ends: $(tail -n 3 "$WORK/build.log")"
grep -q "STEP 5/6: RUN dnf install -y libunwind jsoncpp openssl-devel" "$WORK/build.log" || fail "no STEP line"
grep -q "^Complete!$" "$WORK/build.log" || fail "no dnf output"
expect_out "^build-$mosb +(Complete +)?1/1 " kk get job -n $M
# the pool: Updating, then Updated with the node counted
wait_file "^master +rendered-master-[0-9a-f]+ +False +True +False +1 +0 +0 +0 " 30 "$WORK/mcp.watch"
wait_out "^master +rendered-master-[0-9a-f]+ +True +False +False +1 +1 +1 +0 " 30 kk get mcp
expect_out "^Done$" kk get node master-0 -o jsonpath="${ANN}state}"
digest=$(kk get machineosbuild "$mosb" -o jsonpath='{.status.digestedImagePushSpec}')
[[ "$digest" =~ ^$REG/$M/os-image@sha256:[0-9a-f]{64}$ ]] || fail "digestedImagePushSpec: $digest"
expect_out "^$digest$" kk get node master-0 -o jsonpath="${ANN}currentImage}"
expect_out "^$digest$" kk get machineosconfig master -o jsonpath='{.status.currentImagePullSpec}'
expect_out "^$mosb$" kk get machineosconfig master -o jsonpath="${ANN}current-machine-os-build}"
expect_out "^master-0 +master +rendered-master-[0-9a-f]+ +rendered-master-[0-9a-f]+ +True " kk get machineconfignode

# revert: delete the MachineOSConfig; its build goes and the node boots the stock image again
expect_out "deleted" kk delete machineosconfig master
wait_out "^$" 10 kk get machineosbuild -o name
wait_out "^quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" 30 kk get node master-0 -o jsonpath="${ANN}currentImage}"
wait_out "^master +rendered-master-[0-9a-f]+ +True +False +False +1 +1 +1 +0 " 30 kk get mcp
echo "layering_kubectl: ok"

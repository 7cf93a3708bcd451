#!/usr/bin/env bash
# `kubectl debug node/X` against `doca-layer sim`, as an admin inspects a node's OS on OpenShift:
# the legacy-profile pod runs `chroot /host ...` on the node, ends Succeeded or Failed with the
# command's exit code, and its log holds the command's output; `sh -c` scripts run in the node
# shell; `-i` prints the output through kubectl's attach -> logs fallback.
# Usage: debug_kubectl.sh BIN [ovsdb|memory|auto]
source "$(dirname "$0")/lib.sh" "$1"
BACKEND=${2:-auto}
IMG=registry.access.redhat.com/ubi9
N=master-0
STOCK=openvswitch3.5-3.5.0-51.el9fdp.x86_64  # the stock package of OpenShift 4.20

# debug ARGS...: `kubectl debug node/$N --image=$IMG ARGS`; prints the created pod's name.
debug() {
  local out pod
  out=$(kk debug node/$N --image=$IMG "$@" 2>&1 </dev/null) || fail "kubectl debug $*: $out"
  pod=$(echo "$out" | sed -n "s/^Creating debugging pod \([^ ]*\) with container debugger on node $N\.\$/\1/p")
  [[ "$pod" =~ ^node-debugger-$N-[a-z0-9]{5}$ ]] || fail "kubectl debug $* printed: $out"
  echo "$pod"
}
# wait_phase POD PHASE: kubectl wait for the pod's phase.
wait_phase() {
  kk wait --for=jsonpath='{.status.phase}'="$2" "pod/$1" --timeout=30s > /dev/null ||
    fail "pod $1 never reached $2: $(kk get pod "$1" -o yaml)"
}
# expect_log POD FILE: the pod's log equals FILE.
expect_log() {
  kk logs "$1" > "$WORK/got.log" || fail "kubectl logs $1 failed"
  diff -u "$2" "$WORK/got.log" || fail "log of $1 differs"
}

start_sim --topology sno --openshift-version 4.20.15 --node-backend "$BACKEND"

# one command through chroot /host
pod=$(debug -- chroot /host rpm -q openvswitch3.5)
wait_phase "$pod" Succeeded
echo "$STOCK" > "$WORK/want.log"
expect_log "$pod" "$WORK/want.log"
expect_out "^0 Completed$" kk get pod "$pod" -o \
  jsonpath='{.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}'
expect_out "^$pod +0/1 +Completed +0 " kk get pods
expect_out "^$N$" kk get pod "$pod" -o jsonpath='{.spec.nodeName}'
ip=$(kk get node $N -o jsonpath='{.status.addresses[?(@.type=="InternalIP")].address}')
expect_out "^$ip $ip$" kk get pod "$pod" -o jsonpath='{.status.hostIP} {.status.podIP}'

# a script in the node shell, as doca-layer verify runs it
pod=$(debug -- chroot /host /bin/sh -c 'echo "@@begin rpm"; rpm -q doca-openvswitch 2>&1; echo "@@end $?"
echo "@@begin ovs"; ovs-vsctl get Open_vSwitch . datapath_types 2>&1; echo "@@end $?"
hostname && systemctl is-active openvswitch')
wait_phase "$pod" Succeeded
printf '%s\n' "@@begin rpm" "package doca-openvswitch is not installed" "@@end 1" "@@begin ovs" \
  "[netdev, system]" "@@end 0" "$N" "active" > "$WORK/want.log"
expect_log "$pod" "$WORK/want.log"

# a failing command: phase Failed, its exit code in the container status
pod=$(debug -- chroot /host rpm -q doca-openvswitch)
wait_phase "$pod" Failed
expect_out "^1 Error$" kk get pod "$pod" -o \
  jsonpath='{.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}'
expect_out "^$pod +0/1 +Error +0 " kk get pods
echo "package doca-openvswitch is not installed" > "$WORK/want.log"
expect_log "$pod" "$WORK/want.log"
pod=$(debug -- chroot /host sh -c 'rpm -qa | grep ovs')
wait_phase "$pod" Failed
expect_out "^2$" kk get pod "$pod" -o jsonpath='{.status.containerStatuses[0].state.terminated.exitCode}'
expect_out "^sh: unsupported in the simulated node shell: \|$" kk logs "$pod"

# -i: kubectl waits for Running, attach answers 404, kubectl prints the log instead
out=$(kk debug node/$N -i --image=$IMG -- chroot /host hostname 2>"$WORK/i.err" </dev/null) ||
  fail "kubectl debug -i failed: $out $(cat "$WORK/i.err")"
printf 'Creating debugging pod node-debugger-%s-xxxxx with container debugger on node %s.\n%s\n' $N $N $N > "$WORK/want.out"
echo "$out" | sed -E "s/node-debugger-$N-[a-z0-9]{5}/node-debugger-$N-xxxxx/" | diff -u "$WORK/want.out" - ||
  fail "kubectl debug -i printed: $out $(cat "$WORK/i.err")"

# an interactive shell stays Running until deleted
pod=$(debug)
wait_phase "$pod" Running
expect_out "^$pod +1/1 +Running +0 " kk get pod "$pod"
expect_out "deleted" kk delete pod "$pod"
echo "debug_kubectl ($BACKEND): ok"

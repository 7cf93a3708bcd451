#!/usr/bin/env bash
# The write-up's image registry steps, replayed with kubectl only against `doca-layer sim`:
# PVC Pending until the registry operator claims it, then Bound to a new PV; the registry pod
# Running; the default route; Removed tears it down. Then a claim whose storage class does not
# exist (ProvisioningFailed, Degraded), and a standard cluster's nodes and pools.
source "$(dirname "$0")/lib.sh" "$1"
R=openshift-image-registry
CFG=configs.imageregistry.operator.openshift.io/cluster
claim_yaml() {
  cat <<YAML
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: $1
  namespace: $R
  annotations:
    imageregistry.openshift.io: "true"
spec:
  accessModes:
  - ReadWriteOnce
  volumeMode: Filesystem
  resources:
    requests:
      storage: 100Gi
  storageClassName: $2
YAML
}

# --- single node, storage class lvms-vg1 present
start_sim --topology sno
claim_yaml registry-claim lvms-vg1 > "$WORK/pvc.yaml"
expect_out "persistentvolumeclaim/registry-claim created" kk create -f "$WORK/pvc.yaml"
expect_out "^NAME +STATUS +VOLUME +CAPACITY +ACCESS MODES +STORAGECLASS +VOLUMEATTRIBUTESCLASS +AGE" kk get pvc -n $R
expect_out "^registry-claim +Pending +lvms-vg1 +<unset> " kk get pvc -n $R
expect_out "WaitForFirstConsumer" kk get events -n $R --field-selector reason=WaitForFirstConsumer
sleep 1  # well past the binding delay: nothing consumes the claim, so it must stay Pending
expect_out "^Pending$" kk get pvc registry-claim -n $R -o jsonpath='{.status.phase}'
expect_out "config.imageregistry.operator.openshift.io/cluster patched" kk patch $CFG --patch '{"spec":{"defaultRoute":true}}' --type=merge
expect_out "config.imageregistry.operator.openshift.io/cluster patched" \
  kk patch $CFG --type=merge --patch '{"spec": {"storage":{"pvc":{"claim":"registry-claim"}}}}'
expect_out "config.imageregistry.operator.openshift.io/cluster patched" \
  kk patch config.imageregistry.operator.openshift.io/cluster --type=merge -p '{"spec":{"rolloutStrategy":"Recreate","replicas":1}}'
expect_out "^Pending$" kk get pvc registry-claim -n $R -o jsonpath='{.status.phase}'  # still Removed
expect_out "config.imageregistry.operator.openshift.io/cluster patched" \
  kk patch $CFG --type=merge --patch '{"spec":{"managementState":"Managed"}}'
wait_out "^image-registry-[a-z0-9]{10}-[a-z0-9]{5} +1/1 +Running +0 " 20 kk get pods -n $R
expect_out "^cluster-image-registry-operator-6bcb795b48-jgzw9 +1/1 +Running" kk get pods -n $R
expect_out "^registry-claim +Bound +pvc-[0-9a-f-]{36} +100Gi +RWO +lvms-vg1 +<unset> " kk get pvc -n $R
expect_out "^pvc-[0-9a-f-]{36} +100Gi +RWO +Delete +Bound +openshift-image-registry/registry-claim +lvms-vg1 +<unset> " kk get pv
expect_out "^NAME +HOST/PORT +PATH +SERVICES +PORT +TERMINATION +WILDCARD$" kk get route -n $R
expect_out "^default-route +default-route-openshift-image-registry\.apps\.[a-z.]+ +image-registry +<all> +reencrypt +None$" \
  kk get route -n $R
expect_out "^image-registry +1/1 +1 +1 " kk get deployment -n $R
expect_out "ProvisioningSucceeded" kk get events -n $R --field-selector reason=ProvisioningSucceeded
pod=$(kk get pods -n $R -l docker-registry=default -o jsonpath='{.items[0].metadata.name}')
expect_out "listening on :5000" kk logs -n $R "$pod"
expect_out "condition met" kk wait --for=condition=Available=True $CFG --timeout=10s
expect_out "^image-registry +4\.20\.15 +True +False +False " kk get co image-registry
# Removed again: the registry goes away, the user's claim stays Bound
expect_out "config.imageregistry.operator.openshift.io/cluster patched" \
  kk patch $CFG --type=merge --patch '{"spec":{"managementState":"Removed"}}'
wait_out "^$" 10 kk get pods -n $R -l docker-registry=default -o name
expect_fail "NotFound" kk get route default-route -n $R
expect_out "^Bound$" kk get pvc registry-claim -n $R -o jsonpath='{.status.phase}'
expect_out "condition met" kk wait --for=condition=Removed=True $CFG --timeout=10s

# --- a claim whose storage class does not exist
claim_yaml lost-claim no-such-class > "$WORK/lost.yaml"
expect_out "persistentvolumeclaim/lost-claim created" kk create -f "$WORK/lost.yaml"
wait_out 'Warning +ProvisioningFailed +persistentvolumeclaim/lost-claim +storageclass\.storage\.k8s\.io "no-such-class" not found' 10 \
  kk get events -n $R
expect_out "config.imageregistry.operator.openshift.io/cluster patched" \
  kk patch $CFG --type=merge --patch '{"spec":{"managementState":"Managed","storage":{"pvc":{"claim":"lost-claim"}}}}'
expect_out "condition met" kk wait --for=condition=Degraded=True $CFG --timeout=10s
expect_out 'no-such-class' kk get $CFG -o jsonpath='{.status.conditions[?(@.type=="Degraded")].message}'
expect_out "^image-registry +4\.20\.15 +False +True +True " kk get co image-registry
expect_out "^image-registry-[a-z0-9]{10}-[a-z0-9]{5} +0/1 +Pending " kk get pods -n $R
sleep 1
expect_out "^Pending$" kk get pvc lost-claim -n $R -o jsonpath='{.status.phase}'
kill "$SIM_PID"; wait "$SIM_PID" || true
cleanup_hooks=()
rm -f "$WORK/sim.log" "$WORK/kubeconfig"

# --- a standard cluster: 3 masters + 3 workers, two pools with the right counts
start_sim --topology standard --workers 3 --arch aarch64 --no-nvidia-nics
n=$(kk get nodes --no-headers | wc -l) && [ "$n" -eq 6 ] || fail "wanted 6 nodes, got $n"
expect_out "^master-1 +Ready +control-plane,master +" kk get nodes
expect_out "^worker-2 +Ready +worker +" kk get nodes
expect_out "^master +rendered-master-[0-9a-f]{32} +True +False +False +3 +3 +3 +0 " kk get mcp
expect_out "^worker +rendered-worker-[0-9a-f]{32} +True +False +False +3 +3 +3 +0 " kk get mcp
expect_out "^arm64 arm64 arm64 arm64 arm64 arm64$" kk get nodes -o jsonpath='{.items[*].metadata.labels.kubernetes\.io/arch}'
expect_out "^$" kk get nodes -l feature.node.kubernetes.io/pci-15b3.present=true -o name
n=$(kk get machineconfignodes --no-headers | wc -l) && [ "$n" -eq 6 ] || fail "wanted 6 MachineConfigNodes, got $n"
echo "registry_kubectl: ok"

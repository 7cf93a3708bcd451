#!/usr/bin/env bash
# The kubectl way to do what `doca-layer apply --skip-packages --skip-verify` does, as a careful
# admin scripts it from the rendered manifests (`doca-layer render -d DIR`), idempotently
# (`create --dry-run=client -o yaml | kubectl apply -f -`), with watch-based `kubectl wait`s.
# Usage: apply_kubectl.sh KUBECONFIG RENDER_DIR POOL WORKDIR   (used by bench/apply_bench.py)
set -euo pipefail
KC=$1 R=$2 POOL=$3 T=$4
mkdir -p "$T"
k() { HOME=$T/home kubectl --kubeconfig "$KC" --cache-dir "$T/kube-cache" "$@"; }
NS=openshift-machine-config-operator
REGISTRY=image-registry.openshift-image-registry.svc:5000

# Registry: claim, operator config (merge patch, as the manual procedure does), wait until usable.
k apply -f "$R/10-pvc-registry-claim.yaml" > /dev/null
k patch configs.imageregistry.operator.openshift.io cluster --type merge -p \
  '{"spec":{"managementState":"Managed","defaultRoute":true,"replicas":1,"rolloutStrategy":"Recreate","storage":{"pvc":{"claim":"registry-claim"}}}}' > /dev/null
k wait pvc/registry-claim -n openshift-image-registry --for=jsonpath='{.status.phase}'=Bound --timeout=5m > /dev/null
k wait configs.imageregistry.operator.openshift.io/cluster --for=condition=Available --timeout=5m > /dev/null

# Push credentials: a token for builder, push-secret, pull-and-push-secret = global pull secret + push auth.
token=$(k create token builder -n "$NS" --duration=720h)
k create secret docker-registry push-secret -n "$NS" --docker-server="$REGISTRY" \
  --docker-username=builder --docker-password="$token" --dry-run=client -o yaml | k apply -f - > /dev/null
umask 077
k get secret pull-secret -n openshift-config -o jsonpath='{.data.\.dockerconfigjson}' | base64 -d > "$T/global.json"
jq -n --arg h "$REGISTRY" --arg t "$token" \
  '{auths: {($h): {username: "builder", password: $t, auth: ("builder:" + $t | @base64)}}}' > "$T/push.json"
jq -s '{auths: (.[0].auths + .[1].auths)}' "$T/global.json" "$T/push.json" > "$T/merged.json"
k create secret generic pull-and-push-secret -n "$NS" --type=kubernetes.io/dockerconfigjson \
  --from-file=.dockerconfigjson="$T/merged.json" --dry-run=client -o yaml | k apply -f - > /dev/null
rm -f "$T/global.json" "$T/push.json" "$T/merged.json"

# Repos and the MachineOSConfig.
k apply -f "$R/30-configmap-etc-yum-repos-d.yaml" -f "$R/50-machineosconfig-$POOL.yaml" > /dev/null

# Build: the MachineOSConfig names its current MachineOSBuild.
k wait "machineosconfig/$POOL" --timeout=5m \
  --for=jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/current-machine-os-build}' > /dev/null
mosb=$(k get "machineosconfig/$POOL" -o jsonpath='{.metadata.annotations.machineconfiguration\.openshift\.io/current-machine-os-build}')
k wait "machineosbuild/$mosb" --for=condition=Succeeded --timeout=30m > /dev/null
image=$(k get "machineosbuild/$mosb" -o jsonpath='{.status.digestedImagePushSpec}')

# Rollout: every node of the pool on the built image, then the pool Updated (waiting on the pool
# alone races: it is still Updated from before until the MCO picks the new image up).
k wait node -l "node-role.kubernetes.io/$POOL" --timeout=30m \
  --for=jsonpath="{.metadata.annotations.machineconfiguration\.openshift\.io/currentImage}=$image" > /dev/null
k wait "mcp/$POOL" --for=condition=Updated --timeout=30m > /dev/null
echo "kubectl way: pool $POOL on $image"

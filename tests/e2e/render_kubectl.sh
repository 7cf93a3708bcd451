#!/usr/bin/env bash
# render's manifests are accepted by real kubectl (1.32 dispatcher and 1.33):
# `kubectl apply --dry-run=client --validate=false -f -` for the default and an external-registry spec.
source "$(dirname "$0")/lib.sh"
BIN=$1
STUB=$2/tests/e2e/discovery_stub.py
/usr/bin/python3 "$STUB" > "$WORK/port" &
stub_pid=$!
cleanup_hooks+=("kill $stub_pid")
for _ in $(seq 50); do [ -s "$WORK/port" ] && break; sleep 0.1; done
port=$(cat "$WORK/port")
[ -n "$port" ] || fail "discovery stub did not start"
cat > "$WORK/kubeconfig" <<KC
apiVersion: v1
kind: Config
clusters: [{name: stub, cluster: {server: "http://127.0.0.1:$port"}}]
users: [{name: u, user: {token: test}}]
contexts: [{name: c, context: {cluster: stub, user: u, namespace: default}}]
current-context: c
KC
"$BIN" init -f "$WORK/sno.yaml" > /dev/null
"$BIN" init -f "$WORK/ext.yaml" --pool worker --push-spec quay.io/acme/ovs-doca:latest --push-secret quay-push > /dev/null
for kubectl in kubectl /usr/lib/google-cloud-sdk/bin/kubectl.1.33; do
  for spec in sno ext; do
    out=$("$BIN" render -f "$WORK/$spec.yaml" | HOME=$WORK "$kubectl" --kubeconfig "$WORK/kubeconfig" \
          --cache-dir "$WORK/cache-$RANDOM" apply --dry-run=client --validate=false -f - 2>&1) \
      || fail "$kubectl rejected render of $spec: $out"
    echo "$out" | grep -q "machineosconfig.machineconfiguration.openshift.io/.* created (dry run)" \
      || fail "$kubectl did not take the MachineOSConfig ($spec): $out"
    n=$(echo "$out" | grep -c "(dry run)")
    want=$([ $spec = sno ] && echo 4 || echo 2)
    [ "$n" = "$want" ] || fail "$kubectl applied $n objects for $spec, want $want: $out"
  done
done
echo "render_kubectl: ok"

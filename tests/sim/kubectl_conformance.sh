#!/usr/bin/env bash
# Real kubectl (the 1.32 dispatcher and 1.33) against `doca-layer sim`: discovery, tables, CRUD,
# apply (client- and server-side, with a conflict), patch, delete/wait, watch, tokens, secrets,
# labels/annotations, and rejection of invalid OpenShift objects with the real messages.
source "$(dirname "$0")/lib.sh" "$1"
start_sim
for K in kubectl /usr/lib/google-cloud-sdk/bin/kubectl.1.33; do
  ns=t-$RANDOM
  kk() { k "$K" "$@"; }
  # discovery + tables with the real printer columns
  expect_out "^NAME +CONFIG +UPDATED +UPDATING +DEGRADED +MACHINECOUNT +READYMACHINECOUNT +UPDATEDMACHINECOUNT +DEGRADEDMACHINECOUNT +AGE" kk get mcp
  expect_out "master +rendered-master-[0-9a-f]+ +True +False +False +1 +1 +1 +0" kk get mcp
  expect_out "^No resources found|PREPARED +BUILDING +SUCCEEDED +INTERRUPTED +FAILED +AGE" kk get machineosbuilds
  expect_out "master-0 +Ready +control-plane,master,worker" kk get nodes
  expect_out "lvms-vg1 +topolvm.io" kk get storageclass
  expect_out "^pull-secret$" kk get secret -n openshift-config -o jsonpath='{.items[*].metadata.name}'
  expect_out '"kind": "ConfigList"|"kind": "List"' kk get configs.imageregistry.operator.openshift.io -o json
  expect_out "managementState: Removed" kk get configs.imageregistry.operator.openshift.io cluster -o yaml
  # create / get / replace / label / annotate / patch
  expect_out "namespace/$ns created" kk create namespace "$ns"
  cat > "$WORK/cm.yaml" <<YAML
apiVersion: v1
kind: ConfigMap
metadata: {name: cm1, namespace: $ns, labels: {app: demo}}
data: {a: "1"}
YAML
  expect_out "configmap/cm1 created" kk create -f "$WORK/cm.yaml"
  expect_fail "AlreadyExists.*configmaps \"cm1\" already exists" kk create -f "$WORK/cm.yaml"
  expect_out "cm1 +1 " kk get cm -n "$ns"
  expect_out "configmap/cm1 labeled" kk label cm cm1 -n "$ns" tier=backend
  expect_out "configmap/cm1 annotated" kk annotate cm cm1 -n "$ns" note=hello
  expect_out "^cm1$" kk get cm -n "$ns" -l tier=backend,app=demo -o name --no-headers -o custom-columns=N:.metadata.name
  expect_out "configmap/cm1 patched" kk patch cm cm1 -n "$ns" --type=merge -p '{"data":{"b":"2"}}'
  expect_out "configmap/cm1 patched \(no change\)" kk patch cm cm1 -n "$ns" --type=merge -p '{"data":{"b":"2"}}'
  expect_out "configmap/cm1 patched" kk patch cm cm1 -n "$ns" --type=json -p '[{"op":"add","path":"/data/c","value":"3"}]'
  expect_out "configmap/cm1 patched" kk patch cm cm1 -n "$ns" -p '{"data":{"d":"4"}}'
  expect_out "^1 2 3 4$" kk get cm cm1 -n "$ns" -o jsonpath='{.data.a} {.data.b} {.data.c} {.data.d}'
  kk get cm cm1 -n "$ns" -o yaml | sed 's/^  a: "1"/  a: "9"/' > "$WORK/cm-live.yaml"
  expect_out "configmap/cm1 replaced" kk replace -f "$WORK/cm-live.yaml"
  # client-side apply: create, configure, unchanged
  cat > "$WORK/cm2.yaml" <<YAML
apiVersion: v1
kind: ConfigMap
metadata: {name: cm2, namespace: $ns}
data: {x: "1"}
YAML
  expect_out "configmap/cm2 created" kk apply -f "$WORK/cm2.yaml"
  expect_out "configmap/cm2 unchanged" kk apply -f "$WORK/cm2.yaml"
  sed -i 's/x: "1"/x: "2"/' "$WORK/cm2.yaml"
  expect_out "configmap/cm2 configured" kk apply -f "$WORK/cm2.yaml"
  # server-side apply and a field-manager conflict
  cat > "$WORK/cm3.yaml" <<YAML
apiVersion: v1
kind: ConfigMap
metadata: {name: cm3, namespace: $ns}
data: {k: "v1"}
YAML
  expect_out "configmap/cm3 serverside-applied" kk apply --server-side --field-manager=alice -f "$WORK/cm3.yaml"
  sed -i 's/k: "v1"/k: "v2"/' "$WORK/cm3.yaml"
  expect_fail "conflict with \"alice\"" kk apply --server-side --field-manager=bob -f "$WORK/cm3.yaml"
  expect_out "configmap/cm3 serverside-applied" kk apply --server-side --field-manager=bob --force-conflicts -f "$WORK/cm3.yaml"
  expect_out "^v2$" kk get cm cm3 -n "$ns" -o jsonpath='{.data.k}'
  # OpenShift kinds: apply a MachineOSConfig, reject invalid ones with the real messages
  cat > "$WORK/mosc.yaml" <<YAML
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineOSConfig
metadata: {name: worker}
spec:
  machineConfigPool: {name: worker}
  imageBuilder: {imageBuilderType: Job}
  renderedImagePushSecret: {name: push-secret}
  renderedImagePushSpec: image-registry.openshift-image-registry.svc:5000/openshift-machine-config-operator/os-image:latest
YAML
  expect_out "machineosconfig.machineconfiguration.openshift.io/worker created" kk apply -f "$WORK/mosc.yaml"
  expect_out "machineosconfig.machineconfiguration.openshift.io/worker serverside-applied" kk apply --server-side -f "$WORK/mosc.yaml"
  cat > "$WORK/bad.yaml" <<YAML
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineOSConfig
metadata: {name: layered}
spec:
  machineConfigPool: {name: other}
  imageBuilder: {imageBuilderType: job}
  renderedImagePushSecret: {name: push-secret}
  renderedImagePushSpec: quay.io/acme/os:latest
YAML
  expect_fail 'spec.imageBuilder.imageBuilderType: Unsupported value: "job": supported values: "Job"' kk create -f "$WORK/bad.yaml"
  expect_fail 'MachineOSConfig name must match the referenced MachineConfigPool name' kk create -f "$WORK/bad.yaml"
  sed 's#os-image:latest#os-image#; s/name: worker}/name: w2}/g' "$WORK/mosc.yaml" > "$WORK/bad2.yaml"
  expect_fail 'spec.renderedImagePushSpec: Invalid value: "string": the OCI Image name should follow' kk create -f "$WORK/bad2.yaml"
  echo "  bogus: 1" >> "$WORK/bad2.yaml"
  expect_fail 'strict decoding error: unknown field "spec.bogus"' kk create -f "$WORK/bad2.yaml"
  expect_fail "application/strategic-merge-patch\+json is not supported" kk patch machineosconfig worker -p '{"spec":{"renderedImagePushSpec":"quay.io/a/b:c"}}'
  expect_out "machineosconfig.machineconfiguration.openshift.io/worker patched" kk patch machineosconfig worker --type=merge -p '{"spec":{"renderedImagePushSpec":"quay.io/a/b:c"}}'
  # tokens and docker-registry secrets (protobuf bodies)
  kk create serviceaccount builder -n "$ns" > /dev/null 2>&1 || true
  tok=$(kk create token builder -n openshift-machine-config-operator --duration=1h) || fail "create token: $tok"
  [ "$(echo "$tok" | tr -cd . | wc -c)" = 2 ] || fail "token is not JWT-shaped: $tok"
  expect_out "secret/regcred created" kk create secret docker-registry regcred -n "$ns" --docker-server=quay.io --docker-username=u --docker-password=p
  expect_out "kubernetes.io/dockerconfigjson" kk get secret regcred -n "$ns" -o jsonpath='{.type}'
  # authorization, debug pods, logs, authentication failures
  expect_out "^yes$" kk auth can-i create configmaps -n "$ns"
  sa_tok=$(kk create token builder -n openshift-machine-config-operator --duration=15m)
  expect_fail "^no$" kk --token "$sa_tok" auth can-i create configmaps -n "$ns"
  expect_out "^yes$" kk --token "$sa_tok" auth can-i list nodes
  expect_fail 'configmaps is forbidden: User "system:serviceaccount:openshift-machine-config-operator:builder" cannot create resource "configmaps"' \
    kk --token "$sa_tok" create configmap nope -n "$ns"
  expect_fail "You must be logged in to the server \(Unauthorized\)" kk --token wrong-token get nodes
  expect_out "Creating debugging pod node-debugger-master-0-[a-z0-9]{5} with container debugger on node master-0" \
    kk debug node/master-0 -n "$ns" --image=busybox -- chroot /host true
  expect_out "^I1126 managementState is Removed: nothing to deploy$" \
    kk logs -n openshift-image-registry cluster-image-registry-operator-6bcb795b48-jgzw9 --tail=1
  since=$(kk logs -n openshift-image-registry cluster-image-registry-operator-6bcb795b48-jgzw9 --since=1s)
  [ -z "$since" ] || fail "logs --since=1s printed lines written at start: $since"
  # wait and delete
  expect_out "condition met" kk wait --for=condition=Updated mcp/master --timeout=10s
  expect_fail "timed out waiting for the condition" kk wait --for=condition=Degraded=True mcp/master --timeout=2s
  expect_out "configmap \"cm1\" deleted" kk delete cm cm1 -n "$ns"
  expect_fail "NotFound" kk get cm cm1 -n "$ns"
  ( sleep 1; kk delete cm cm2 -n "$ns" > /dev/null ) &
  expect_out "condition met" kk wait --for=delete cm/cm2 -n "$ns" --timeout=15s
  expect_out "machineosconfig.machineconfiguration.openshift.io \"worker\" deleted" kk delete machineosconfig worker
  expect_out "namespace \"$ns\" deleted" kk delete namespace "$ns"
  expect_fail "NotFound" kk get cm cm3 -n "$ns"
done
echo "kubectl_conformance: ok"

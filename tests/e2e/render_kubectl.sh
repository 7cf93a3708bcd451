#!/usr/bin/env bash
# render's manifests are accepted by real kubectl (the 1.32 dispatcher and 1.33) against the
# simulated cluster: `kubectl apply --dry-run=client --validate=false` (the acceptance check) and
# `--dry-run=server` (the sim validates the OpenShift kinds as the real CRDs do), for the default
# single-node spec and an external-registry worker spec. Nothing is stored by either.
source "$(dirname "$0")/../sim/lib.sh" "$1"
start_sim
"$BIN" init -f "$WORK/sno.yaml" > /dev/null
"$BIN" init -f "$WORK/ext.yaml" --pool worker --push-spec quay.io/acme/ovs-doca:latest --push-secret quay-push > /dev/null
for K in kubectl /usr/lib/google-cloud-sdk/bin/kubectl.1.33; do
  for spec in sno ext; do
    want=$([ $spec = sno ] && echo 4 || echo 2)
    for mode in "client --validate=false" server; do
      out=$("$BIN" render -f "$WORK/$spec.yaml" | k "$K" apply --dry-run=$mode -f - 2>&1) \
        || fail "$K apply --dry-run=$mode rejected render of $spec: $out"
      echo "$out" | grep -Eq "machineosconfig.machineconfiguration.openshift.io/(master|worker) (created|configured) \((server )?dry run\)" \
        || fail "$K did not take the MachineOSConfig ($spec, $mode): $out"
      n=$(echo "$out" | grep -c "dry run)")
      [ "$n" = "$want" ] || fail "$K applied $n objects for $spec ($mode), want $want: $out"
    done
  done
done
# dry runs stored nothing
k kubectl get machineosconfigs 2>&1 | grep -q "No resources found" || fail "a dry run stored a MachineOSConfig"
k kubectl get pvc -n openshift-image-registry 2>&1 | grep -q "No resources found" || fail "a dry run stored the PVC"
echo "render_kubectl: ok"

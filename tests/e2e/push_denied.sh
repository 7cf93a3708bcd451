# A push the registry refuses, explained instead of left to dig out: preflight warns that the
# push secret has no credentials for the push host, the build fails, apply shows buildah's error
# line; the next apply warns that the pool's last build failed and shows the reason again; with
# the secret fixed, apply --rebuild builds and rolls out.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
start_sim --topology sno
NS=openshift-machine-config-operator

kk create secret docker-registry mine -n $NS --docker-server=other.example.com --docker-username=u --docker-password=p > /dev/null
"$BIN" init -f "$WORK/ext.yaml" --push-spec quay.io/acme/ovs-doca:latest --push-secret mine > /dev/null
expect_out 'WARN +push-secret +secret mine has no credentials for quay.io' \
  "$BIN" preflight -f "$WORK/ext.yaml" --kubeconfig "$KC" --skip-packages
if "$BIN" apply -f "$WORK/ext.yaml" --kubeconfig "$KC" --skip-packages --timeout 2m > "$WORK/push.txt" 2>&1; then
  fail "apply with a refused push succeeded: $(cat "$WORK/push.txt")"
fi
grep -q 'Error: pushing image "quay.io/acme/ovs-doca:.*authentication required' "$WORK/push.txt" ||
  fail "apply did not show buildah's push error: $(cat "$WORK/push.txt")"
# The pool is now Degraded by the failed build: preflight warns (apply is the fix), the build's error again.
expect_fail "pool's last image build failed: .*push: authentication required" \
  "$BIN" apply -f "$WORK/ext.yaml" --kubeconfig "$KC" --skip-packages --timeout 2m
# Fixed credentials do not change the MachineOSConfig: --rebuild asks the MCO for a new build.
kk delete secret mine -n $NS > /dev/null
kk create secret docker-registry mine -n $NS --docker-server=quay.io --docker-username=u --docker-password=p > /dev/null
expect_out 'requested a rebuild of MachineOSConfig master' \
  "$BIN" apply -f "$WORK/ext.yaml" --kubeconfig "$KC" --skip-packages --skip-verify --rebuild --timeout 2m
echo "push denied explained and recovered: ok"

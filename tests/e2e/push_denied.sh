# A push the registry refuses, explained instead of left to dig out: preflight warns that the
# push secret has no credentials for the push host, the build fails, apply shows buildah's error
# line, and the next apply stops at preflight on the Degraded pool with the reason.
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
# The pool is now Degraded by the failed build: the next apply stops at preflight and says why.
expect_fail 'FAIL +pool +the pool is Degraded: .*push: authentication required' \
  "$BIN" apply -f "$WORK/ext.yaml" --kubeconfig "$KC" --skip-packages --timeout 2m
echo "push denied explained: ok"

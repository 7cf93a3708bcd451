# Helpers for tests that drive a real `doca-layer sim` with real clients.
# Usage: source lib.sh BIN; start_sim [sim flags...]; then $KC (kubeconfig path) and $SIM_URL are ready.
source "$(dirname "${BASH_SOURCE[0]}")/../e2e/lib.sh"
BIN=$1
start_sim() {
  KC=$WORK/kubeconfig
  "$BIN" sim --kubeconfig-out "$KC" "$@" > "$WORK/sim.log" 2>&1 &
  SIM_PID=$!
  cleanup_hooks+=("kill $SIM_PID; wait $SIM_PID")
  for _ in $(seq 100); do
    if grep -q "sim: serving" "$WORK/sim.log" 2>/dev/null; then
      SIM_URL=$(grep -o 'server: .*' "$KC" | cut -d' ' -f2)
      SIM_TOKEN=$(grep -o 'token: .*' "$KC" | cut -d' ' -f2)
      grep -o 'certificate-authority-data: .*' "$KC" | cut -d' ' -f2 | base64 -d > "$WORK/ca.pem"
      return 0
    fi
    kill -0 $SIM_PID 2>/dev/null || fail "sim exited: $(cat "$WORK/sim.log")"
    sleep 0.1
  done
  fail "sim did not start: $(cat "$WORK/sim.log")"
}
# sim_curl ARGS...: curl as the sim's admin (its CA, its token); URLs start with $SIM_URL.
sim_curl() { curl -sS --cacert "$WORK/ca.pem" -H "Authorization: Bearer $SIM_TOKEN" "$@"; }
# k VERSION ARGS...: kubectl with a fresh HOME and cache per test run.
k() {
  local bin=$1; shift
  HOME=$WORK/home "$bin" --kubeconfig "$KC" --cache-dir "$WORK/cache-$(basename "$bin")" "$@"
}
# expect_out PATTERN CMD...: runs CMD, fails unless it exits 0 and its output matches PATTERN.
expect_out() {
  local pattern=$1; shift
  local out
  out=$("$@" 2>&1) || fail "'$*' failed: $out"
  echo "$out" | grep -Eq -- "$pattern" || fail "'$*' printed: $out (wanted /$pattern/)"
}
# expect_fail PATTERN CMD...: runs CMD, fails unless it exits non-zero with output matching PATTERN.
expect_fail() {
  local pattern=$1; shift
  local out
  if out=$("$@" 2>&1); then fail "'$*' succeeded: $out"; fi
  echo "$out" | grep -Eq -- "$pattern" || fail "'$*' printed: $out (wanted /$pattern/)"
}
# kk ARGS...: the machine's kubectl (its dispatcher picks the version the sim reports).
kk() { k kubectl "$@"; }
# wait_out PATTERN SECONDS CMD...: retries CMD until its output matches PATTERN.
wait_out() {
  local pattern=$1 secs=$2 out=""; shift 2
  for _ in $(seq $((secs * 10))); do
    out=$("$@" 2>&1) && echo "$out" | grep -Eq -- "$pattern" && return 0
    sleep 0.1
  done
  fail "'$*' never printed /$pattern/; last: $out"
}
# wait_file PATTERN SECONDS FILE: waits until FILE has a line matching PATTERN.
wait_file() {
  for _ in $(seq $(($2 * 10))); do grep -Eq -- "$1" "$3" 2>/dev/null && return 0; sleep 0.1; done
  fail "$3 never had /$1/: $(cat "$3")"
}
M=openshift-machine-config-operator
REG=image-registry.openshift-image-registry.svc:5000
ANN='{.metadata.annotations.machineconfiguration\.openshift\.io/'
# mosc_yaml STEPS: the write-up's MachineOSConfig for pool master (Job builder, push-secret, the
# internal registry); STEPS are the Containerfile's lines after FROM.
mosc_yaml() {
  cat <<YAML
apiVersion: machineconfiguration.openshift.io/v1
kind: MachineOSConfig
metadata:
  name: master
spec:
  machineConfigPool:
    name: master
  containerFile:
  - containerfileArch: NoArch
    content: |-
      FROM configs AS final
$(echo "$1" | sed 's/^/      /')
  imageBuilder:
    imageBuilderType: Job
  renderedImagePushSecret:
    name: push-secret
  renderedImagePushSpec: $REG/$M/os-image:latest
YAML
}

# No secret in anything doca-layer writes. Every command of the main job runs at the highest log
# level (-v 9: request and response bodies) plus the failure paths that handle credentials (a
# corrupt pull secret, a token without access, an expired token); then every byte printed and
# every file the tool or the sim wrote is searched for the secrets the run handled: the admin
# token, a ServiceAccount token, the push token, the global pull secret's auths and passwords.
# Also: the sim's kubeconfig is 0600; TLS is verified unless the kubeconfig itself says
# insecure-skip-tls-verify (then with a warning); gpgCheck: false is allowed only when written,
# and warned about.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
export HOME=$WORK/home XDG_CACHE_HOME=$WORK/home/.cache
mkdir -p "$HOME" "$WORK/out"
start_sim --topology sno
OUT=$WORK/out
n=0
run() {  # run ARGS...: one doca-layer command at -v 9, output kept in $OUT; its exit code is ignored
  n=$((n + 1))
  "$BIN" "$@" > "$OUT/$n.out" 2> "$OUT/$n.err" || true
}
[ "$(stat -c %a "$KC")" = 600 ] || fail "the sim's kubeconfig is $(stat -c %a "$KC"), not 600"
"$BIN" init -f "$WORK/layer.yaml" > "$OUT/init.out" 2>&1
V=(--kubeconfig "$KC" -v 9)
run validate -f "$WORK/layer.yaml"
run render -f "$WORK/layer.yaml" -o "$WORK/rendered"
run preflight -f "$WORK/layer.yaml" "${V[@]}" --skip-packages
run apply -f "$WORK/layer.yaml" "${V[@]}" --skip-packages --dry-run=server
run apply -f "$WORK/layer.yaml" "${V[@]}" --skip-packages --timeout 3m
grep -q 'verify: pass' "$OUT/$n.out" || fail "apply did not pass: $(tail -5 "$OUT/$n.out" "$OUT/$n.err")"
run apply -f "$WORK/layer.yaml" "${V[@]}" --skip-packages -o json
run status -f "$WORK/layer.yaml" "${V[@]}" -o yaml
run logs --file "$WORK/layer.yaml" "${V[@]}"
run verify -f "$WORK/layer.yaml" "${V[@]}" -o json
# The secrets this run handled.
admin=$SIM_TOKEN
push_config=$(kk get secret push-secret -n $M -o jsonpath='{.data.\.dockerconfigjson}')
pull_config=$(kk get secret pull-secret -n openshift-config -o jsonpath='{.data.\.dockerconfigjson}')
merged_config=$(kk get secret pull-and-push-secret -n $M -o jsonpath='{.data.\.dockerconfigjson}')
mapfile -t secrets < <(printf '%s\n%s\n' "$push_config" "$pull_config" | base64 -d 2>/dev/null | /usr/bin/python3 -c '
import base64, json, sys
text = sys.stdin.read()
dec = json.JSONDecoder()
i = 0
while i < len(text):
    if text[i] != "{": i += 1; continue
    obj, i = dec.raw_decode(text, i)
    for host, a in obj.get("auths", {}).items():
        for v in (a.get("auth"), a.get("password")):
            if v: print(v)
        if a.get("auth"):
            print(base64.b64decode(a["auth"]).decode().split(":", 1)[1])
')
[ ${#secrets[@]} -ge 3 ] || fail "found only ${#secrets[@]} credentials in push-secret and pull-secret"
# Failure paths that handle credentials: a token without access, then expired.
sa=$(kk create token builder -n $M --duration=1h)
sed "s#token: .*#token: $sa#" "$KC" > "$WORK/sa.kubeconfig"
run apply -f "$WORK/layer.yaml" --kubeconfig "$WORK/sa.kubeconfig" -v 9 --skip-packages
sim_curl -X POST "$SIM_URL/sim/expire-tokens" > /dev/null
run status -f "$WORK/layer.yaml" --kubeconfig "$WORK/sa.kubeconfig" -v 9
grep -q 'log in again\|expired\|Unauthorized' "$OUT/$n.err" || fail "expired token not explained: $(cat "$OUT/$n.err")"
# A corrupt global pull secret: preflight says what is wrong without quoting it.
bad=$(printf '{"auths":{"quay.io":{"auth":"c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3N3b3JkLTQy"}},' | base64 -w0)
kk patch secret pull-secret -n openshift-config --type merge -p "{\"data\":{\".dockerconfigjson\":\"$bad\"}}" > /dev/null
run preflight -f "$WORK/layer.yaml" "${V[@]}" --skip-packages
grep -q 'pull-secret' "$OUT/$n.out" || fail "corrupt pull secret not reported: $(cat "$OUT/$n.out")"
secrets+=("$admin" "$sa" "$push_config" "$pull_config" "$merged_config" "c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3N3b3JkLTQy" "secret-password-42")
run rollback -f "$WORK/layer.yaml" "${V[@]}" --dry-run
# Search everything printed and every file written (the kubeconfigs hold their tokens by design;
# kubectl's own cache is not ours).
[ "$n" -ge 12 ] || fail "only $n commands ran"
files=$(find "$WORK" -type f ! -path "$WORK/cache-*" ! -name kubeconfig ! -name sa.kubeconfig ! -name ca.pem)
for s in "${secrets[@]}"; do
  [ ${#s} -ge 8 ] || fail "a secret of ${#s} characters would match by chance"
  for f in $files; do
    if grep -qF -- "$s" "$f"; then fail "a secret (${#s} chars, starts ${s:0:4}) appears in ${f#$WORK/}"; fi
  done
done
# The scan can fail: the same search finds the push token where it belongs.
printf '%s' "$push_config" | base64 -d | grep -qF -- "${secrets[0]}" || fail "the scan's own check found nothing"
# TLS: no CA -> refused; insecure-skip-tls-verify in the kubeconfig -> works, with a warning.
sed '/certificate-authority-data/d' "$KC" > "$WORK/noca.kubeconfig"
expect_fail 'certificate|TLS|SSL' "$BIN" status -f "$WORK/layer.yaml" --kubeconfig "$WORK/noca.kubeconfig"
sed 's#certificate-authority-data: .*#insecure-skip-tls-verify: true#' "$KC" > "$WORK/insecure.kubeconfig"
out=$("$BIN" status -f "$WORK/layer.yaml" --kubeconfig "$WORK/insecure.kubeconfig" 2>&1) || fail "insecure kubeconfig: $out"
echo "$out" | grep -qi 'insecure\|not verif' || fail "no warning for insecure-skip-tls-verify: $out"
# gpgCheck: false only when written, and warned about.
grep -q 'gpgCheck: true' "$WORK/layer.yaml" || fail "the starter spec does not check signatures"
sed 's/gpgCheck: true/gpgCheck: false/' "$WORK/layer.yaml" > "$WORK/nogpg.yaml"
expect_out 'warning: .*gpgCheck.*without signature checks' "$BIN" validate -f "$WORK/nogpg.yaml"
grep -q "Response Body" "$OUT"/*.err || fail "-v 9 logged no bodies: the scan saw less than it should"
echo "secrets scan: ok ($n commands, ${#secrets[@]} secrets, $(echo "$files" | wc -l) files)"

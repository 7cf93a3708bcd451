#!/usr/bin/env bash
# Exit codes of the real binary (docs/cli.md): 0 ok, 1 failure, 2 usage or validation error.
source "$(dirname "$0")/lib.sh"
BIN=$1
expect() { local want=$1; shift; set +e; "$@" > "$WORK/out" 2>&1; local rc=$?; set -e
  [ "$rc" = "$want" ] || fail "'$*' exited $rc, want $want: $(cat "$WORK/out")"; }
expect 0 "$BIN" --help
for c in init validate render preflight apply status logs verify rollback demo version; do expect 0 "$BIN" "$c" --help; done
expect 2 "$BIN"
expect 2 "$BIN" rendr
grep -q 'did you mean "render"' "$WORK/out" || fail "no did-you-mean for rendr"
expect 2 "$BIN" render --no-such-flag
expect 2 "$BIN" validate -f "$WORK/missing.yaml"
expect 0 "$BIN" init -f "$WORK/layer.yaml"
expect 1 "$BIN" init -f "$WORK/layer.yaml"
expect 2 "$BIN" init -f "$WORK/bad.yaml" --pool Bad_Pool
[ ! -e "$WORK/bad.yaml" ] || fail "init wrote a spec it had rejected"
expect 0 "$BIN" validate -f "$WORK/layer.yaml"
sed -i 's/size: 100Gi/size: 100GB/' "$WORK/layer.yaml"
expect 2 "$BIN" validate -f "$WORK/layer.yaml"
grep -q 'layer.yaml:[0-9]*:[0-9]*: error: spec.registry.internal.size' "$WORK/out" || fail "no position in: $(cat "$WORK/out")"
expect 2 "$BIN" render -f "$WORK/layer.yaml"
expect 0 "$BIN" version
echo "cli_exit_codes: ok"

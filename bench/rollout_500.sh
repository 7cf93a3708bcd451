#!/usr/bin/env bash
# A 500-worker pool's full rollout in simulated time: `doca-layer sim --topology standard
# --workers 500` (node state in memory, the sim's default timing: drain 0.3 s, reboot 0.5 s,
# settle 0.1 s per node), pool worker with maxUnavailable MAXU (default 50, 10 % of the pool),
# then `doca-layer apply --skip-verify` from nothing to every worker on the layered image.
# Prints wall time, the apply's own report, the API requests the sim served and its CPU and
# peak memory. Usage: bench/rollout_500.sh BIN [MAXU]
set -euo pipefail
BIN=$1
MAXU=${2:-50}
WORK=$(mktemp -d)
trap 'kill $SIM 2>/dev/null; rm -rf "$WORK"' EXIT
"$BIN" sim --topology standard --workers 500 --node-backend memory --kubeconfig-out "$WORK/kc" > "$WORK/sim.log" 2>&1 &
SIM=$!
for _ in $(seq 300); do grep -q "sim: serving" "$WORK/sim.log" && break; sleep 0.1; done
K() { kubectl --kubeconfig "$WORK/kc" "$@"; }
K patch mcp worker --type merge -p "{\"spec\":{\"maxUnavailable\":$MAXU}}" > /dev/null
"$BIN" init -f "$WORK/layer.yaml" --pool worker > /dev/null
cpu0=$(awk '{print $14 + $15}' /proc/$SIM/stat)
start=$(date +%s.%N)
"$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$WORK/kc" --skip-packages --skip-verify --timeout 1h -o json > "$WORK/apply.json"
end=$(date +%s.%N)
cpu1=$(awk '{print $14 + $15}' /proc/$SIM/stat)
on=$(K get nodes -l node-role.kubernetes.io/worker \
  -o jsonpath='{range .items[*]}{.metadata.annotations.machineconfiguration\.openshift\.io/state}{"\n"}{end}' | grep -c '^Done$')
stats=$(K get --raw /sim/stats)
/usr/bin/python3 - "$start" "$end" "$cpu0" "$cpu1" "$on" "$MAXU" "$stats" "$WORK/apply.json" "/proc/$SIM/status" <<'PY'
import json, os, sys
start, end, cpu0, cpu1, on, maxu, stats, apply_json, status = sys.argv[1:]
tick = os.sysconf("SC_CLK_TCK")
s = json.loads(stats)
events = [json.loads(l) for l in open(apply_json) if l.startswith("{")]
rollout = [e for e in events if e.get("step") == "rollout"]
hwm = [l.split()[1] for l in open(status) if l.startswith("VmHWM")][0]
print(f"500 workers, maxUnavailable {maxu}: apply from nothing to {on}/500 workers Done in {float(end) - float(start):.1f} s wall")
print(f"apply events {len(events)} (rollout {len(rollout)}); sim served {s['requests']['reads']} reads, "
      f"{s['requests']['writes']} writes, {s['requests']['watches']} watches; "
      f"sim CPU {(int(cpu1) - int(cpu0)) / tick:.1f} s; sim peak RSS {int(hwm) / 1024:.0f} MiB")
PY

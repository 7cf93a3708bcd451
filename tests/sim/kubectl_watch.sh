#!/usr/bin/env bash
# `kubectl get -w` against the sim sees ADDED, MODIFIED and DELETED, in order.
source "$(dirname "$0")/lib.sh" "$1"
start_sim
for K in kubectl /usr/lib/google-cloud-sdk/bin/kubectl.1.33; do
  ns=w-$RANDOM
  k "$K" create namespace "$ns" > /dev/null
  k "$K" get cm -n "$ns" -w --output-watch-events -o json > "$WORK/watch.out" 2>&1 &
  wpid=$!
  sleep 1.5
  k "$K" create configmap c1 -n "$ns" --from-literal=a=1 > /dev/null
  k "$K" patch cm c1 -n "$ns" --type=merge -p '{"data":{"a":"2"}}' > /dev/null
  k "$K" delete cm c1 -n "$ns" > /dev/null
  for _ in $(seq 50); do grep -q '"DELETED"' "$WORK/watch.out" && break; sleep 0.1; done
  kill $wpid 2>/dev/null; wait $wpid 2>/dev/null || true
  got=$(grep -Eo '"type": ?"(ADDED|MODIFIED|DELETED)"' "$WORK/watch.out" | sed -E 's/.*"(ADDED|MODIFIED|DELETED)"/\1/' | tr '\n' ' ' || true)
  [ "$got" = "ADDED MODIFIED DELETED " ] || fail "$K get -w saw '$got': $(cat "$WORK/watch.out")"
  # a table watch prints rows too
  k "$K" get mcp -w > "$WORK/watch2.out" 2>&1 &
  wpid=$!
  sleep 1.5
  kill $wpid 2>/dev/null; wait $wpid 2>/dev/null || true
  grep -q "^master " "$WORK/watch2.out" || fail "$K get mcp -w: $(cat "$WORK/watch2.out")"
done
echo "kubectl_watch: ok"

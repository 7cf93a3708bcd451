#!/usr/bin/env bash
# Fault injection of the sim, seen by real clients (curl, kubectl): 429 with Retry-After, 503,
# added latency, dropped watches, compacted history (in-stream 410), expired tokens, counters.
source "$(dirname "$0")/lib.sh" "$1"
start_sim --fault "GET:/api/v1/namespaces/default/configmaps:429:2:1"
url=$SIM_URL
c() { sim_curl "$@"; }
# two 429s with Retry-After: 1, then success; kubectl (client-go) retries through them
code=$(c -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$url/api/v1/namespaces/default/configmaps")
[ "$code" = 429 ] || fail "first request got $code"
grep -qi '^retry-after: 1' "$WORK/headers" || fail "no Retry-After: $(cat "$WORK/headers")"
grep -q '"reason":"TooManyRequests"' "$WORK/body" || fail "429 body: $(cat "$WORK/body")"
expect_out "No resources found|NAME" k kubectl get cm -n default
# admin endpoint: a 503 for the next POST of configmaps
c -X POST -d '{"method":"POST","pathPrefix":"/api/v1/namespaces/default/configmaps","status":503,"count":1}' "$url/sim/faults" > /dev/null
code=$(c -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
       -d '{"metadata":{"name":"x"}}' "$url/api/v1/namespaces/default/configmaps")
[ "$code" = 503 ] || fail "wanted 503, got $code"
# latency
c -X POST -d '{"method":"GET","pathPrefix":"/api/v1/nodes","latencyMs":700,"count":1}' "$url/sim/faults" > /dev/null
t=$(c -o /dev/null -w '%{time_total}' "$url/api/v1/nodes")
awk -v t="$t" 'BEGIN { exit !(t >= 0.7) }' || fail "latency fault took ${t}s"
# a dropped watch: the stream closes after 0 events
c -X POST -d '{"method":"WATCH","pathPrefix":"/api/v1/nodes","dropAfterEvents":0,"count":1}' "$url/sim/faults" > /dev/null
sim_curl --max-time 5 "$url/api/v1/nodes?watch=true" > "$WORK/w" \
  || fail "dropped watch did not end on its own"
[ ! -s "$WORK/w" ] || fail "dropped watch delivered events: $(cat "$WORK/w")"
# compacted history: a watch from an old resourceVersion gets one in-stream ERROR 410 Expired
old=$(c "$url/api/v1/nodes" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["metadata"]["resourceVersion"])')
k kubectl create configmap after-old -n default --from-literal=a=b > /dev/null
c -X POST "$url/sim/compact" > /dev/null
sim_curl --max-time 5 \
  "$url/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=$old" > "$WORK/w410" || fail "410 watch did not end"
[ "$(wc -l < "$WORK/w410")" = 1 ] && grep -q '"type":"ERROR"' "$WORK/w410" && grep -q '"code":410' "$WORK/w410" \
  && grep -q '"reason":"Expired"' "$WORK/w410" || fail "no in-stream 410: $(cat "$WORK/w410")"
# expired ServiceAccount tokens get 401
sa=$(k kubectl create token builder -n openshift-machine-config-operator --duration=1h)
expect_out "master-0" k kubectl --token "$sa" get nodes
c -X POST "$url/sim/expire-tokens" > /dev/null
expect_fail "Unauthorized" k kubectl --token "$sa" get nodes
# an API server restart: the answer comes first, then connections reset for downMs, then the same
# port serves again with the state kept
c -X POST -d '{"downMs":1500}' "$url/sim/restart-api" | grep -q '"downMs":1500' || fail "restart-api did not answer"
sleep 0.5
if c --max-time 2 -o /dev/null "$url/api/v1/nodes" 2>/dev/null; then fail "the API answered during its restart"; fi
wait_out "master-0" 10 k kubectl get nodes
expect_out "after-old" k kubectl get cm after-old -n default
# every injected fault counted
c "$url/sim/faults" | grep -q '"injected":5' || fail "fault counters: $(c "$url/sim/faults")"
grep -c "sim: fault" "$WORK/sim.log" | grep -qx 5 || fail "fault log: $(grep 'sim: fault' "$WORK/sim.log")"
echo "faults: ok"

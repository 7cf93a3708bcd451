#!/usr/bin/env bash
# Captures the protobuf request bodies real kubectl sends for the typed create commands the
# simulated API server must decode (see src/sim/api/protobuf.h), one file per command and binary:
#   <command>.<variant>.pb   variant "dispatcher" = `kubectl` on PATH (the gcloud dispatcher, which
#                            execs kubectl 1.33.1 because the fake server reports minor "33"),
#                            variant "1.33" = the bundled kubectl.1.33.
# Usage: capture_protobuf.sh [OUT_DIR]   (default: the committed fixtures beside this script)
#        capture_protobuf.sh --decode-with TEST_BINARY
#          captures into a temporary directory, then runs the decoder's fixture tests on it
#          (TEST_BINARY --gtest_filter='*ProtobufFixture*' with DL_SIM_API_PROTOBUF_DIR set).
# Exits 77 (a skip for ctest) when no kubectl is installed. Overrides: DL_KUBECTL, DL_KUBECTL_133.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
decode_with=
if [ "${1:-}" = "--decode-with" ]; then
  decode_with="${2:?--decode-with needs the test binary}"
  shift 2
fi
dispatcher="${DL_KUBECTL:-$(command -v kubectl || true)}"
kubectl_133="${DL_KUBECTL_133:-/usr/lib/google-cloud-sdk/bin/kubectl.1.33}"
if [ -z "$dispatcher" ] && [ ! -x "$kubectl_133" ]; then
  echo "capture_protobuf: no kubectl found; skipping" >&2
  exit 77
fi

work="$(mktemp -d)"
if [ -n "$decode_with" ]; then out="$work/bodies"; else out="${1:-$here/protobuf}"; fi
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$out" "$work/capture"

/usr/bin/python3 "$here/capture_server.py" "$work/capture" > "$work/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port="$(head -n1 "$work/port")"
[ -n "$port" ] || { echo "capture_protobuf: the capture server did not start" >&2; exit 1; }

cat > "$work/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: capture
  cluster:
    server: http://127.0.0.1:$port
users:
- name: capture
  user:
    token: capture-token
contexts:
- name: capture
  context: {cluster: capture, user: capture, namespace: default}
current-context: capture
KUBECONFIG

# capture <variant> <kubectl> <name> <kubectl args...>: runs one command, files its POST body.
capture() {
  local variant="$1" bin="$2" name="$3"
  shift 3
  rm -f "$work/capture/last_post.bin" "$work/capture/last_post.ct"
  if ! HOME="$work/home-$variant" KUBECONFIG="$work/kubeconfig" timeout 60 \
      "$bin" --cache-dir "$work/home-$variant/cache" "$@" > "$work/stdout" 2> "$work/stderr"; then
    echo "capture_protobuf: '$bin $*' failed:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
  if [ ! -f "$work/capture/last_post.bin" ]; then
    echo "capture_protobuf: '$bin $*' sent no POST" >&2
    exit 1
  fi
  local content_type
  content_type="$(cat "$work/capture/last_post.ct")"
  if [ "$content_type" != "application/vnd.kubernetes.protobuf" ]; then
    echo "capture_protobuf: '$bin $*' sent Content-Type '$content_type', not protobuf" >&2
    exit 1
  fi
  cp "$work/capture/last_post.bin" "$out/$name.$variant.pb"
}

capture_all() {
  local variant="$1" bin="$2"
  mkdir -p "$work/home-$variant"
  capture "$variant" "$bin" token create token builder -n ns --duration=1h
  capture "$variant" "$bin" secret-docker-registry create secret docker-registry regcred \
    --docker-server=quay.io --docker-username=u --docker-password=p --docker-email=e@x.io
  capture "$variant" "$bin" secret-generic create secret generic s --from-literal=a=b
  capture "$variant" "$bin" configmap create configmap c --from-literal=k=v
  capture "$variant" "$bin" namespace create namespace n1
  capture "$variant" "$bin" serviceaccount create serviceaccount sa1
  capture "$variant" "$bin" debug-node debug node/node1 --image=busybox -- chroot /host true
}

[ -n "$dispatcher" ] && capture_all dispatcher "$dispatcher"
[ -x "$kubectl_133" ] && capture_all 1.33 "$kubectl_133"
echo "capture_protobuf: wrote $(ls "$out"/*.pb | wc -l) bodies to $out"
if [ -n "$decode_with" ]; then
  DL_SIM_API_PROTOBUF_DIR="$out" "$decode_with" --gtest_filter='*ProtobufFixture*'
fi

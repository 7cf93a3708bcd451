# Shared helpers for the end-to-end scripts: fail with a message, temp dirs cleaned on exit.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
WORK=$(mktemp -d)
cleanup_hooks=()
cleanup() { for h in "${cleanup_hooks[@]}"; do eval "$h" || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

#!/usr/bin/env bash
# render's YAML reads back, with PyYAML (YAML 1.1 rules), as exactly the JSON render emits.
source "$(dirname "$0")/lib.sh"
BIN=$1
"$BIN" init -f "$WORK/layer.yaml" > /dev/null
"$BIN" render -f "$WORK/layer.yaml" > "$WORK/out.yaml"
"$BIN" render -f "$WORK/layer.yaml" -o json > "$WORK/out.json"
/usr/bin/python3 - "$WORK/out.yaml" "$WORK/out.json" <<'PY' || fail "PyYAML and JSON disagree"
import json, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d is not None]
items = json.load(open(sys.argv[2]))["items"]
assert docs == items, "YAML documents differ from the JSON list"
assert len(docs) == 4, len(docs)
cf = docs[-1]["spec"]["containerFile"][0]["content"]
assert cf.startswith("FROM configs AS final\n") and len(cf) <= 4096
PY
"$BIN" render -f "$WORK/layer.yaml" -d "$WORK/out" > /dev/null
[ "$(ls "$WORK/out" | wc -l)" = 5 ] || fail "render -d wrote $(ls "$WORK/out")"
cmp -s "$WORK/out/Containerfile" <("$BIN" render -f "$WORK/layer.yaml" --containerfile) || fail "Containerfile differs"
echo "render_pyyaml: ok"

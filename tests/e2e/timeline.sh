# status --timeline on a 3 masters + 3 workers cluster whose durations are scaled up (sim
# --time-scale 8, so a node's update takes seconds): the worker pool (maxUnavailable 1) is
# layered, then the timeline shows the 3 workers and no master, in update order, with phases of
# different nodes not overlapping (-o json); the SVG (-o svg FILE) parses as XML and headless
# Chromium renders it to a PNG of the SVG's size that is not blank and shows the phase colours.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
command -v chromium > /dev/null || fail "chromium is missing (scripts/bootstrap.sh installs it)"
start_sim --topology standard --workers 3 --time-scale 8
DL() { "$BIN" "$@" -f "$WORK/layer.yaml" --kubeconfig "$KC"; }
"$BIN" init -f "$WORK/layer.yaml" --pool worker > /dev/null
kk patch mcp worker --type merge -p '{"spec":{"maxUnavailable":1}}' > /dev/null
expect_out 'waiting' DL status --timeline
"$BIN" apply -f "$WORK/layer.yaml" --kubeconfig "$KC" --skip-packages --timeout 5m > "$WORK/apply.txt" 2>&1 ||
  fail "apply: $(cat "$WORK/apply.txt")"

# --- terminal picture ------------------------------------------------------------------------
COLUMNS=100 DL status --timeline > "$WORK/timeline.txt" || fail "status --timeline: $(cat "$WORK/timeline.txt")"
rows=$(grep -cE '^worker-[0-9]+ +[* ]\|' "$WORK/timeline.txt") || true
[ "$rows" = 3 ] || fail "wanted 3 worker rows: $(cat "$WORK/timeline.txt")"
! grep -q '^master' "$WORK/timeline.txt" || fail "a master is shown: $(cat "$WORK/timeline.txt")"
grep -q 'legend: : cordon  = drain  # reboot  + ready' "$WORK/timeline.txt" || fail "no legend: $(cat "$WORK/timeline.txt")"
[ "$(grep -c '^worker-[0-9]* \*|' "$WORK/timeline.txt")" = 1 ] || fail "not one slowest mark: $(cat "$WORK/timeline.txt")"
awk '{ if (length($0) > 100) exit 1 }' "$WORK/timeline.txt" || fail "a line is wider than COLUMNS=100"
! grep -q $'\033' "$WORK/timeline.txt" || fail "colours on a pipe"

# --- the data: update order, no overlap with maxUnavailable 1 --------------------------------
DL status --timeline -o json > "$WORK/timeline.json" || fail "status --timeline -o json failed"
order=$(/usr/bin/python3 - "$WORK/timeline.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
rows = t["rows"]
names = [r["node"] for r in rows]
assert sorted(names) == ["worker-0", "worker-1", "worker-2"], names
for r in rows:
    assert r["state"] == "done", r
    phases = [p["phase"] for p in r["phases"]]
    assert phases == ["cordon", "drain", "reboot", "ready"], (r["node"], phases)
    secs = {p["phase"]: p["seconds"] for p in r["phases"]}
    # drain 2.4 s and reboot 4 s at --time-scale 8: whole-second stamps give at least 1 and 3
    assert secs["drain"] >= 1 and secs["reboot"] >= 3, (r["node"], secs)
    assert r["seconds"] == sum(secs.values()), r
    assert all(p["end"] >= p["start"] for p in r["phases"]), r
for a, b in zip(rows, rows[1:]):
    assert a["start"] <= b["start"], ("not in update order", a["node"], b["node"])
    assert b["start"] >= a["end"], ("overlap with maxUnavailable 1", a["node"], a["end"], b["node"], b["start"])
slow = [r["node"] for r in rows if r["slowest"]]
assert slow == [t["slowest"]] and max(r["seconds"] for r in rows) == [r for r in rows if r["slowest"]][0]["seconds"]
print(" ".join(names))
PY
) || fail "timeline json: $(cat "$WORK/timeline.json")"
# the text rows come in the same order as the data
[ "$(grep -oE '^worker-[0-9]+' "$WORK/timeline.txt" | tr '\n' ' ' | sed 's/ $//')" = "$order" ] ||
  fail "text order differs from '$order': $(cat "$WORK/timeline.txt")"
# the same order as kubectl sees in the MachineConfigNodes' UpdatePrepared times
kk_order=$(kk get machineconfignodes -o json | /usr/bin/python3 -c '
import json, sys
items = [i for i in json.load(sys.stdin)["items"] if i["spec"]["pool"]["name"] == "worker"]
t = lambda i: [c["lastTransitionTime"] for c in i["status"]["conditions"] if c["type"] == "UpdatePrepared"][0]
print(" ".join(i["metadata"]["name"] for i in sorted(items, key=lambda i: (t(i), i["metadata"]["name"]))))')
[ "$kk_order" = "$order" ] || fail "kubectl's update order '$kk_order' != timeline '$order'"

# --- usage: svg needs a file and --timeline; plain status -o keeps working --------------------
expect_fail 'svg FILE needs --timeline' DL status -o svg "$WORK/x.svg"
expect_fail '-o takes text, table, json, yaml' DL status --timeline -o svg
[ ! -e "$WORK/x.svg" ] || fail "an svg was written without --timeline"
DL status -o json | /usr/bin/python3 -c 'import json,sys; assert json.load(sys.stdin)["pool"]["name"] == "worker"' ||
  fail "status -o json broke"

# --- SVG, rendered by headless Chromium ------------------------------------------------------
expect_out "wrote $WORK/timeline.svg \\([0-9]+x[0-9]+, 3 node" DL status --timeline --output svg "$WORK/timeline.svg"
size=$(/usr/bin/python3 - "$WORK/timeline.svg" $order <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == ns + "svg" and root.get("version") == "1.1", root.tag
rows = [g for g in root.iter(ns + "g") if g.get("class") == "row"]
assert [g.get("data-node") for g in rows] == sys.argv[2:], [g.get("data-node") for g in rows]
for g in rows:
    rects = [r for r in g.iter(ns + "rect") if r.get("data-phase")]
    assert len(rects) == 4, (g.get("data-node"), len(rects))
    assert all(r.find(ns + "title") is not None for r in rects)
print(root.get("width"), root.get("height"))
PY
) || fail "SVG does not parse: $(head -c 2000 "$WORK/timeline.svg")"
read -r W H <<< "$size"
mkdir -p "$WORK/chrome-home"
HOME=$WORK/chrome-home timeout 60 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$WORK/chrome-profile" --screenshot="$WORK/timeline.png" --window-size="$W,$H" \
  "file://$WORK/timeline.svg" > "$WORK/chromium.log" 2>&1 || fail "chromium: $(tail -20 "$WORK/chromium.log")"
[ -s "$WORK/timeline.png" ] || fail "no screenshot: $(tail -20 "$WORK/chromium.log")"
/usr/bin/python3 - "$WORK/timeline.png" "$W" "$H" <<'PY' || fail "the PNG is wrong"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, chunks = 8, []
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    chunks.append((kind, data[pos + 8:pos + 8 + n]))
    pos += 12 + n
w, h, depth, ctype = struct.unpack(">IIBB", chunks[0][1][:10])
assert (w, h) == (int(sys.argv[2]), int(sys.argv[3])), f"PNG is {w}x{h}, SVG is {sys.argv[2]}x{sys.argv[3]}"
assert depth == 8 and ctype in (2, 6), (depth, ctype)
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(b"".join(c for k, c in chunks if k == b"IDAT"))
stride, prev, pixels = w * bpp, bytearray(w * bpp), []
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    pixels.append(line)
    prev = line
def count(pred):
    return sum(1 for row in pixels for x in range(0, stride, bpp) if pred(row[x], row[x + 1], row[x + 2]))
non_white = count(lambda r, g, b: r < 240 or g < 240 or b < 240)
near = lambda rgb: (lambda r, g, b: abs(r - rgb[0]) + abs(g - rgb[1]) + abs(b - rgb[2]) < 40)
drain, reboot, ready = count(near((0x3f, 0x6f, 0xb5))), count(near((0x9c, 0x4f, 0xa8))), count(near((0x3a, 0x9a, 0x4a)))
print(f"png {w}x{h}: {non_white} non-white pixels, drain {drain}, reboot {reboot}, ready {ready}")
assert non_white > w * h // 100, "blank"
assert drain > 100 and reboot > 100 and ready > 100, "phase colours missing"
PY
echo "timeline on 3+3 (--time-scale 8): ok (order: $order; SVG ${W}x${H} rendered by chromium)"

# The user guide (docs/guide/) cannot drift from the tool: every layer spec it shows (a ```yaml
# block with `kind: LayerConfig`) passes `validate` and `render`; every message troubleshooting.md
# quotes (the code spans of its `### ` headings, `<...>` for the variable parts) is made of string
# literals of src/ (each fixed part found in one literal, or across adjacent ones as the code
# concatenates them); the other YAML blocks parse; relative links and their anchors resolve.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BIN=$1
SRC=$2
GUIDE=$SRC/docs/guide
[ -f "$GUIDE/troubleshooting.md" ] || fail "no guide in $GUIDE"

# --- layer specs: extract, validate, render ---------------------------------------------------
/usr/bin/python3 - "$GUIDE" "$WORK/specs" <<'PY' || fail "extracting the guide's YAML blocks failed"
import glob, os, re, sys, yaml
guide, out = sys.argv[1], sys.argv[2]
key = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGDocsGuideTestKey\n-----END PGP PUBLIC KEY BLOCK-----\n"
n = 0
for md in sorted(glob.glob(os.path.join(guide, "*.md"))):
    text = open(md).read()
    for i, block in enumerate(re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)):
        docs = list(yaml.safe_load_all(block))  # every YAML block must parse
        if not any(isinstance(d, dict) and d.get("kind") == "LayerConfig" for d in docs):
            continue
        n += 1
        d = os.path.join(out, "%02d-%s-%d" % (n, os.path.basename(md)[:-3], i))
        os.makedirs(d)
        open(os.path.join(d, "layer.yaml"), "w").write(block)
        for spec in docs:  # gpgKeyFile paths are relative to the spec: give them a key
            for repo in (spec.get("spec") or {}).get("repos") or []:
                if "gpgKeyFile" in repo:
                    kf = os.path.join(d, repo["gpgKeyFile"])
                    os.makedirs(os.path.dirname(kf), exist_ok=True)
                    open(kf, "w").write(key)
PY
count=$(ls "$WORK/specs" | wc -l)
[ "$count" -ge 5 ] || fail "only $count layer specs found in the guide (the recipes alone have 5)"
for d in "$WORK/specs"/*; do
  name=$(basename "$d")
  out=$("$BIN" validate -f "$d/layer.yaml" 2>&1) || fail "validate rejects the spec of $name: $out"
  "$BIN" render -f "$d/layer.yaml" > "$d/rendered.yaml" 2> "$d/render.err" ||
    fail "render fails on the spec of $name: $(cat "$d/render.err")"
  grep -q '^kind: MachineOSConfig$' "$d/rendered.yaml" || fail "render of $name has no MachineOSConfig"
done

# --- troubleshooting messages: made of the source's string literals ---------------------------
/usr/bin/python3 - "$GUIDE/troubleshooting.md" "$SRC/src" <<'PY' || fail "troubleshooting.md quotes messages the code does not print"
import os, re, sys

def literals(code):
    """The string literals of C++ source (comments, char literals and raw strings handled)."""
    out, i, n = [], 0, len(code)
    while i < n:
        c = code[i]
        if code.startswith("//", i):
            i = code.find("\n", i)
            i = n if i < 0 else i
        elif code.startswith("/*", i):
            i = code.find("*/", i + 2)
            i = n if i < 0 else i + 2
        elif c == "R" and i + 1 < n and code[i + 1] == '"' and (i == 0 or not (code[i - 1].isalnum() or code[i - 1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', code[i:])
            if not m:
                i += 1
                continue
            end = code.find(")" + m.group(1) + '"', i + m.end())
            out.append(code[i + m.end():end])
            i = end + len(m.group(1)) + 2
        elif c == "'":
            m = re.match(r"'(\\.|[^'\\])'", code[i:])
            i += m.end() if m else 1
        elif c == '"':
            j, s = i + 1, []
            while j < n and code[j] != '"':
                if code[j] == "\\" and j + 1 < n:
                    s.append({"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'"}.get(code[j + 1], "\\" + code[j + 1]))
                    j += 2
                else:
                    s.append(code[j])
                    j += 1
            out.append("".join(s))
            i = j + 1
        else:
            i += 1
    return out

guide, src = sys.argv[1], sys.argv[2]
lits = set()
for root, _, files in os.walk(src):
    for f in files:
        if f.endswith((".cpp", ".h")) and not f.endswith("_test.cpp") and not f.startswith("test_"):
            lits.update(l for l in literals(open(os.path.join(root, f), errors="replace").read()) if l)
full, prefixes, suffixes = lits, set(), set()
for l in lits:
    for k in range(1, min(len(l), 200) + 1):
        prefixes.add(l[:k])
        suffixes.add(l[-k:])
big = "\0".join(lits)

def covered(seg):
    """seg is inside one literal, or is a literal's end + whole literals + a literal's start."""
    if seg in big:
        return True
    reach = [k for k in range(1, len(seg)) if seg[:k] in suffixes]
    seen = set(reach)
    while reach:
        p = reach.pop()
        if seg[p:] in prefixes:
            return True
        for q in range(p + 1, len(seg)):
            if q not in seen and seg[p:q] in full:
                seen.add(q)
                reach.append(q)
    return False

bad, checked = [], 0
for line in open(guide):
    if not line.startswith("### "):
        continue
    spans = re.findall(r"`([^`]+)`", line)
    if not spans:
        bad.append("heading without a quoted message: " + line.strip())
    for msg in spans:
        parts = [p.strip() for p in re.split(r"<[^<>]+>", msg)]
        parts = [p for p in parts if len(p) >= 4]
        if not parts or max(len(p) for p in parts) < 8:
            bad.append("too little fixed text to check: " + msg)
        for p in parts:
            if not covered(p):
                bad.append('"%s" (from `%s`)' % (p, msg))
        checked += 1
if checked < 40:
    bad.append("only %d messages found: did the heading format change?" % checked)
for b in bad:
    print("not in src/:", b, file=sys.stderr)
print("%d messages checked" % checked)
sys.exit(1 if bad else 0)
PY

# --- links between the docs: files exist, anchors are headings ----------------------------------
/usr/bin/python3 - "$SRC" <<'PY' || fail "the guide has broken links"
import glob, os, re, sys
root = sys.argv[1]
def slug(h):
    h = re.sub(r"[^\w\- ]", "", h.strip().lower())
    return h.replace(" ", "-")
def anchors(path):
    text = re.sub(r"^```.*?^```", "", open(path).read(), flags=re.S | re.M)
    return {slug(m) for m in re.findall(r"^#+ (.*)$", text, re.M)}
bad = []
for md in glob.glob(os.path.join(root, "docs/guide/*.md")):
    text = re.sub(r"^```.*?^```", "", open(md).read(), flags=re.S | re.M)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        full = os.path.normpath(os.path.join(os.path.dirname(md), path)) if path else md
        if not os.path.exists(full):
            bad.append("%s: %s (no such file)" % (os.path.basename(md), target))
        elif anchor and full.endswith(".md") and anchor not in anchors(full):
            bad.append("%s: %s (no such heading)" % (os.path.basename(md), target))
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
echo "docs guide: ok ($count layer specs validated and rendered)"

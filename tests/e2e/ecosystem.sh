# doca-layer in the kubectl/oc ecosystem, with the real tools: the kubectl plugin mechanism
# (plugin list, `kubectl doca-layer`, KUBECONFIG lists, --context, -n, kubectl's plugin completion)
# against `doca-layer sim`;
# the generated bash completion run in bash (static words and names asked of the sim); the zsh
# script loaded by compinit; every generated man page through groff with all warnings.
source "$(dirname "${BASH_SOURCE[0]}")/../sim/lib.sh" "$1"
export HOME=$WORK/home
mkdir -p "$HOME"
unset KUBECONFIG
# expect_code CODE PATTERN CMD...: CMD exits with CODE and its output matches PATTERN.
expect_code() {
  local code=$1 pattern=$2 out rc=0; shift 2
  out=$("$@" 2>&1) || rc=$?
  [ "$rc" = "$code" ] || fail "'$*' exited $rc, wanted $code: $out"
  echo "$out" | grep -Eq -- "$pattern" || fail "'$*' printed: $out (wanted /$pattern/)"
}

# --- a. the kubectl plugin mechanism ----------------------------------------------------------
mkdir -p "$WORK/plugins"
ln -s "$BIN" "$WORK/plugins/kubectl-doca_layer"
export PATH="$WORK/plugins:$PATH"
expect_out "$WORK/plugins/kubectl-doca_layer" kubectl plugin list
expect_out '^doca-layer [0-9]+\.[0-9]+' kubectl doca-layer version
expect_out 'Usage: kubectl doca-layer ' kubectl doca-layer --help
expect_out 'Usage: kubectl doca-layer status ' kubectl doca-layer status --help
expect_code 2 "Run 'kubectl doca-layer --help'" kubectl doca-layer stauts
expect_out 'Usage: doca-layer ' "$BIN" --help
"$BIN" --help | grep -q '__complete\|__man' && fail "--help lists the hidden commands"

start_sim
"$BIN" init -f "$WORK/layer.yaml" > /dev/null
ctx=$(sed -n 's/^current-context: *//p' "$KC")
[ -n "$ctx" ] || fail "no current-context in $KC"
# A second kubeconfig whose context points nowhere, listed after the sim's (first file wins for
# current-context, as in client-go), and a missing file that must be skipped.
cat > "$WORK/other.kubeconfig" <<EOF
apiVersion: v1
kind: Config
current-context: nowhere
clusters:
- name: nowhere
  cluster:
    server: https://127.0.0.1:1
contexts:
- name: nowhere
  context:
    cluster: nowhere
    user: nobody
users:
- name: nobody
  user:
    token: not-a-token
EOF
LIST="$WORK/missing.kubeconfig:$KC:$WORK/other.kubeconfig"
S=(status -f "$WORK/layer.yaml")
KUBECONFIG=$KC expect_out 'master' kubectl doca-layer "${S[@]}"
KUBECONFIG=$LIST expect_out 'master' kubectl doca-layer "${S[@]}"
KUBECONFIG=$LIST expect_code 1 '127\.0\.0\.1:1' kubectl doca-layer "${S[@]}" --context nowhere
KUBECONFIG=$WORK/other.kubeconfig expect_out 'master' kubectl doca-layer "${S[@]}" --kubeconfig "$KC" --context "$ctx"
expect_out 'master' kubectl doca-layer "${S[@]}" --kubeconfig "$KC" -n openshift-machine-config-operator
expect_out 'master' kubectl doca-layer "${S[@]}" --kubeconfig "$KC" --namespace=openshift-machine-config-operator
# kubectl's own plugin completion (kubectl doca-layer <TAB>) through kubectl_complete-doca_layer.
ln -s "$BIN" "$WORK/plugins/kubectl_complete-doca_layer"
expect_out '^apply$' kubectl __complete doca-layer ap
expect_out '^--skip-verify$' kubectl __complete doca-layer apply --skip-v
KUBECONFIG=$KC expect_out '^worker$' kubectl __complete doca-layer init --pool w
expect_out '^:4$' kubectl __complete doca-layer init --pool w --kubeconfig "$WORK/missing.kubeconfig"
expect_code 2 'only in openshift-machine-config-operator' kubectl doca-layer "${S[@]}" --kubeconfig "$KC" -n default
expect_code 2 'only in openshift-machine-config-operator' "$BIN" verify --kubeconfig "$KC" --namespace kube-system

# --- b. bash completion in bash ---------------------------------------------------------------
"$BIN" completion bash > "$WORK/doca-layer.bash"
# comp WORDS...: COMPREPLY (one a line) for the line WORDS, the last word being completed.
comp() {
  bash --norc --noprofile -c 'source "$1" || exit 9; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _doca_layer; printf "%s\n" "${COMPREPLY[@]}"' _ "$WORK/doca-layer.bash" "$@"
}
# expect_comp WANTED WORDS...: the replies, sorted and space-joined, are exactly WANTED.
expect_comp() {
  local wanted=$1 got; shift
  got=$(comp "$@" | sort | tr '\n' ' ' | sed 's/ $//') || fail "completion of '$*' failed"
  [ "$got" = "$wanted" ] || fail "completion of '$*': '$got', wanted '$wanted'"
}
top=$(comp doca-layer "")
for c in init validate render packages preflight apply status logs verify rollback sim demo version completion --help; do
  grep -qx -- "$c" <<< "$top" || fail "top-level completion lacks $c: $top"
done
grep -q '__' <<< "$top" && fail "top-level completion offers a hidden command: $top"
expect_comp 'apply' doca-layer ap
expect_comp '--skip-packages --skip-preflight --skip-verify' doca-layer apply --sk
apply_flags=$(comp doca-layer apply -)
for f in --dry-run --wait --no-wait --timeout --kubeconfig --context -n --namespace -f --file --installed-from; do
  grep -qx -- "$f" <<< "$apply_flags" || fail "apply's flags lack $f: $apply_flags"
done
expect_comp 'json text yaml' doca-layer validate -o ""
expect_comp 'json' kubectl-doca_layer version --output = j
expect_comp 'bash zsh' doca-layer completion ""
expect_comp 'openshift-machine-config-operator' doca-layer apply -n ""
expect_comp "$WORK/layer.yaml" doca-layer apply -f "$WORK/lay"
# Names from the sim through `__complete`, the binary being the line's first word.
KUBECONFIG=$KC expect_comp 'master worker' "$BIN" init --pool ""
KUBECONFIG=$KC expect_comp 'worker' "$BIN" init --pool w
expect_comp 'master worker' "$BIN" init --kubeconfig "$KC" --pool ""
expect_comp 'master worker' "$BIN" init --kubeconfig = "$KC" --pool ""
expect_comp '' "$BIN" init --pool ""  # no kubeconfig at all: nothing, no error
nodes=$(KUBECONFIG=$KC kubectl get nodes -o name | sed 's#node/##' | sort | tr '\n' ' ' | sed 's/ $//')
[ -n "$nodes" ] || fail "the sim has no nodes"
KUBECONFIG=$KC expect_comp "$nodes" "$BIN" verify --node ""
KUBECONFIG=$LIST expect_comp "$(printf "%s\n" "$ctx" nowhere | sort | tr "\n" " " | sed "s/ $//")" "$BIN" status --context ""
# Unreachable or silent API servers: nothing, exit 0, quickly.
sed 's#server: .*#server: https://127.0.0.1:1#' "$KC" > "$WORK/refused.kubeconfig"
/usr/bin/python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
open(sys.argv[1], "w").write(str(s.getsockname()[1])); time.sleep(120)' "$WORK/silent.port" &
SILENT_PID=$!
cleanup_hooks+=("kill $SILENT_PID")
wait_file '^[0-9]+$' 10 "$WORK/silent.port"
sed "s#server: .*#server: https://127.0.0.1:$(cat "$WORK/silent.port")#" "$KC" > "$WORK/silent.kubeconfig"
# elapsed_ms CMD...: how long CMD took (its output in $out; fails when it exits non-zero).
elapsed_ms() {
  local start; start=$(date +%s%N)
  out=$("$@" 2>&1) || fail "'$*' exited non-zero: $out"
  echo $((($(date +%s%N) - start) / 1000000))
}
for kc in refused silent; do
  # The same binary failing without any network (no such kubeconfig): its start-up cost, which a
  # sanitizer build on a busy machine makes large; the wait for the server must stay under 2.5 s.
  base=$(elapsed_ms "$BIN" __complete pools --kubeconfig "$WORK/no-such.kubeconfig")
  ms=$(elapsed_ms "$BIN" __complete pools --kubeconfig "$WORK/$kc.kubeconfig")
  out=$("$BIN" __complete pools --kubeconfig "$WORK/$kc.kubeconfig" 2>&1) || fail "__complete ($kc) exited non-zero"
  [ -z "$out" ] || fail "__complete against a $kc server printed: $out"
  [ $((ms - base)) -lt 2500 ] || fail "__complete against a $kc server took ${ms} ms (start-up ${base} ms)"
  KUBECONFIG=$WORK/$kc.kubeconfig expect_comp '' "$BIN" init --pool ""
done

# --- c. zsh: the script loads through compinit (fpath) and when sourced --------------------------
mkdir -p "$WORK/zfunc"
"$BIN" completion zsh > "$WORK/zfunc/_doca-layer"
zsh -n "$WORK/zfunc/_doca-layer" || fail "zsh -n rejects the script"
out=$(zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit; compinit -u -d "$2"
  [[ $_comps[doca-layer] == _doca-layer && $_comps[kubectl-doca_layer] == _doca-layer ]] || { echo "not registered"; exit 3; }
  autoload +X _doca-layer || exit 4
  (( $+functions[_doca-layer] )) || { echo "no _doca-layer"; exit 5; }' _ "$WORK/zfunc" "$WORK/zcompdump" 2>&1) ||
  fail "zsh compinit with the script in fpath: $out"
[ -z "$out" ] || fail "zsh printed while loading the script: $out"
out=$(zsh -f -c 'autoload -Uz compinit; compinit -u -d "$2"; source "$1"
  [[ $_comps[doca-layer] == _doca-layer ]] && (( $+functions[_doca-layer] && $+functions[__doca-layer_names] )) ||
  { echo "sourcing did not define the completion"; exit 3; }' _ "$WORK/zfunc/_doca-layer" "$WORK/zcompdump2" 2>&1) ||
  fail "zsh source: $out"
[ -z "$out" ] || fail "zsh printed while sourcing the script: $out"

# --- d. man pages: one per visible command plus the overview, clean under groff -ww ---------------
"$BIN" __man "$WORK/man"
expected=$(( $(echo "$top" | grep -cv '^-') + 1 ))
[ "$(ls "$WORK/man"/*.1 | wc -l)" = "$expected" ] || fail "wanted $expected man pages: $(ls "$WORK/man")"
for page in "$WORK/man"/*.1; do
  warnings=$(groff -man -ww -z "$page" 2>&1) || fail "groff failed on $page: $warnings"
  [ -z "$warnings" ] || fail "groff warns on $(basename "$page"): $warnings"
done
text=$(groff -man -Tascii "$WORK/man/doca-layer-apply.1" | col -b)
grep -q -- '--skip-preflight' <<< "$text" || fail "doca-layer-apply(1) does not document --skip-preflight: $text"
text=$(groff -man -Tascii "$WORK/man/doca-layer.1" | col -b)
grep -Eq '^[[:space:]]*completion([[:space:]]|$)' <<< "$text" || fail "doca-layer(1) does not list completion: $text"
echo "ecosystem: ok"

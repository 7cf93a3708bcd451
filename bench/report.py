#!/usr/bin/python3
"""The benchmark report: every benchmark of bench/ in one run, on one machine, side by side.

Runs, in this order, each with --json, and renders one Markdown report with ratios:
  1. apply_bench.py       doca-layer apply / re-apply vs the kubectl script vs Ansible kubernetes.core;
                          status of a W-worker pool vs kubectl get nodes + get mcp
  2. kube_client.py       list of 500 objects and watch event latency vs kubectl
  3. rpmrepo_resolve.py   libsolv package resolution (preflight/packages) vs dnf, cold and warm cache
  4. per-command startup  wall time and peak RSS of every subcommand on a finished SNO sim
  5. rollout_watchers.py  a W-worker rollout while 50 watchers follow it: the sim's requests/s, memory
The report names the machine, the versions and the exact commands. With --write FILE it replaces
the part of FILE between `<!-- report:begin -->` and `<!-- report:end -->`; else it prints.

    /usr/bin/python3 bench/report.py build-release [--quick] [--skip-ansible] [--write docs/benchmarks.md]
"""
import argparse, datetime, json, os, platform, re, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"
sys.path.insert(0, HERE)
from apply_bench import Sim, timed  # noqa: E402


def sh(cmd):
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True)
    return (r.stdout or r.stderr).strip().splitlines()[0] if (r.stdout or r.stderr).strip() else "?"


def machine():
    cpu = re.search(r"model name\s*:\s*(.*)", open("/proc/cpuinfo").read())
    mem = int(re.search(r"MemTotal:\s*(\d+)", open("/proc/meminfo").read()).group(1)) / 2**20
    osr = re.search(r'PRETTY_NAME="([^"]*)"', open("/etc/os-release").read())
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": f"{os.cpu_count()} x {cpu.group(1) if cpu else '?'}", "memory": f"{mem:.1f} GiB",
        "os": f"{osr.group(1) if osr else '?'} (kernel {platform.release()})",
        "load_at_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "git": sh(f"git -C {HERE}/.. describe --always --dirty"),
        "compiler": sh("c++ --version"), "kubectl": sh("kubectl version --client 2>/dev/null | head -1"),
        "kubectl_1_33": sh("/usr/lib/google-cloud-sdk/bin/kubectl.1.33 version --client 2>/dev/null | head -1"),
        "ansible": sh("ansible --version | head -1"),
        "kubernetes.core": sh("ansible-galaxy collection list kubernetes.core 2>/dev/null | grep kubernetes.core"),
        "dnf": "dnf " + sh("dnf --version | head -1"), "libsolv": sh("dpkg-query -W libsolv1"),
    }


def run_json(name, cmd, log):
    """Runs one benchmark script with --json; returns (its figures, the command as text)."""
    text = " ".join(cmd)
    print(f"[report] {name}: {text}", file=sys.stderr)
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    log.append({"name": name, "command": text, "seconds": round(time.monotonic() - t0), "exit": r.returncode})
    try:
        return json.loads(r.stdout), text
    except ValueError:
        sys.exit(f"{name} failed ({r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-2000:]}")


COMMANDS = [  # subcommand -> its arguments on a finished SNO sim (K = kubeconfig, L = layer.yaml, T = temp dir)
    ("version", []), ("init", ["-f", "{T}/init.yaml", "--force"]), ("validate", ["--file", "{L}"]),
    ("render", ["--file", "{L}"]), ("preflight", ["--file", "{L}", "--kubeconfig", "{K}", "--skip-packages"]),
    ("apply --dry-run", ["--file", "{L}", "--kubeconfig", "{K}", "--skip-packages", "--dry-run"]),
    ("apply (re-apply, verify)", ["--file", "{L}", "--kubeconfig", "{K}", "--skip-packages"]),
    ("status", ["--file", "{L}", "--kubeconfig", "{K}"]), ("logs", ["--file", "{L}", "--kubeconfig", "{K}"]),
    ("verify", ["--file", "{L}", "--kubeconfig", "{K}"]), ("rollback --dry-run", ["--file", "{L}", "--kubeconfig", "{K}", "--dry-run"]),
]


def per_command(binary, repeats):
    """Wall time and peak RSS (median of `repeats`) of each subcommand against a finished SNO sim."""
    with tempfile.TemporaryDirectory(prefix="dl-report-") as t:
        layer = os.path.join(t, "layer.yaml")
        subprocess.run([binary, "init", "-f", layer], check=True, capture_output=True)
        sim = Sim(binary, t, ["--topology", "sno"])
        try:
            subprocess.run([binary, "apply", "-f", layer, "--kubeconfig", sim.kc, "--skip-packages"], check=True,
                           capture_output=True)
            rows = [{"command": "sim (SNO, until serving)", "wall_ms": round(sim.startup * 1000),
                     "rss_mib": round(vm_hwm(sim.proc.pid) / 1024, 1)}]
            for name, args in COMMANDS:
                argv = [binary, name.split()[0]] + [a.format(K=sim.kc, L=layer, T=t) for a in args]
                runs = [timed(argv, out=subprocess.DEVNULL) for _ in range(repeats)]
                rows.append({"command": name, "wall_ms": round(statistics.median(w for w, _ in runs) * 1000),
                             "rss_mib": round(statistics.median(m for _, m in runs) / 1024, 1)})
        finally:
            sim.stop()
    return rows


def vm_hwm(pid):
    return int(re.search(r"VmHWM:\s*(\d+)", open(f"/proc/{pid}/status").read()).group(1))


def med(xs):
    return statistics.median(xs)


def ratio(theirs, ours):
    return f"{theirs / ours:.1f}x" if ours else "n/a"


def md_apply(a):
    out = ["| task | doca-layer | kubectl script | Ansible kubernetes.core | kubectl / doca-layer | Ansible / doca-layer |",
           "|---|---|---|---|---|---|"]
    ap = a["apply"]
    dl = ap.get("doca-layer apply --skip-verify", [])
    for phase, label in (("apply", "full apply on SNO, s (doca-layer `--skip-verify`)"), ("reapply", "re-apply, s")):
        ours = med([r[phase]["wall"] for r in dl])
        k = med([r[phase]["wall"] for r in ap["kubectl script"]])
        an = med([r[phase]["wall"] for r in ap["ansible-playbook"]]) if "ansible-playbook" in ap else None
        out.append(f"| {label} | {ours:.2f} | {k:.2f} | {an:.2f} | {ratio(k, ours)} | {ratio(an, ours)} |" if an
                   else f"| {label} | {ours:.2f} | {k:.2f} | skipped | {ratio(k, ours)} | |")
    for phase in ("apply", "reapply"):
        cells = []
        for name in ("doca-layer apply --skip-verify", "kubectl script", "ansible-playbook"):
            rows = ap.get(name)
            cells.append("/".join(str(int(med([r[phase][k] for r in rows]))) for k in ("reads", "writes", "watches"))
                         if rows else "skipped")
        out.append(f"| {phase} API requests (reads/writes/watches) | " + " | ".join(cells) + " | | |")
    if "doca-layer apply" in ap:
        full = ap["doca-layer apply"]
        out.append(f"| apply with node verify (doca-layer only), s | {med([r['apply']['wall'] for r in full]):.2f} | | | | |")
    if a["status"]:
        s = a["status"]
        ours, k = med([r["doca_wall"] for r in s]), med([r["kubectl_wall"] for r in s])
        out.append(f"| status of the {a['workers']}-worker pool, ms (kubectl: get nodes + get mcp) | {ours * 1000:.0f} | "
                   f"{k * 1000:.0f} | | {ratio(k, ours)} | |")
        out.append(f"| its peak RSS, MiB | {med([r['doca_rss_kib'] for r in s]) / 1024:.1f} | "
                   f"{med([r['kubectl_rss_kib'] for r in s]) / 1024:.1f} | | | |")
    return out


def md_client(c):
    out = [f"| {c['objects']} objects | doca-layer client p50 / p95 ms | kubectl {c.get('kubectl_version', '')} p50 / p95 ms | kubectl / doca-layer (p50) |",
           "|---|---|---|---|"]
    for what, label in (("list", "list (client: one process, connection reused; kubectl: a process per call)"),
                        ("watch_latency", "watch: create sent to event read")):
        o, k = c["doca-layer"][what], c["kubectl"][what]
        out.append(f"| {label} | {o['p50_ms']:.2f} / {o['p95_ms']:.2f} | {k['p50_ms']:.2f} / {k['p95_ms']:.2f} | "
                   f"{ratio(k['p50_ms'], o['p50_ms'])} |")
    return out


def md_packages(p):
    d, n = p["doca_layer"], p["dnf"]
    return [f"| {p['packages']} packages + DOCA | doca-layer (libsolv) ms | dnf ms | dnf / doca-layer |", "|---|---|---|---|",
            f"| cold metadata cache | {d['miss_ms']} | {n['miss_ms']} | {ratio(n['miss_ms'], d['miss_ms'])} |",
            f"| warm metadata cache | {d['hit_ms']} | {n['hit_ms']} | {ratio(n['hit_ms'], d['hit_ms'])} |",
            f"| transaction size (packages) | {p['doca_layer_download_count']} | {p['dnf_install_count']} | "
            f"{'agree' if p['agree'] else 'DISAGREE'} |"]


def md_commands(rows):
    return ["| command | wall ms (median) | peak RSS MiB |", "|---|---|---|"] + [
        f"| `{r['command']}` | {r['wall_ms']} | {r['rss_mib']} |" for r in rows]


def md_rollout(r):
    q = r["requests_per_s"]
    return ["| figure | value |", "|---|---|",
            f"| rollout, apply from nothing to every worker Done | {r['rollout_wall_s']} s (apply exit {r['apply_exit']}) |",
            f"| API requests of the applying client (the watch streams were opened before) | {r['requests']['reads']} reads, "
            f"{r['requests']['writes']} writes, "
            f"{r['requests']['watches']} watches |",
            f"| the same per second | {q['reads']} reads/s, {q['writes']} writes/s, {q['watches']} watches/s |",
            f"| watch events delivered to the watchers | {r['events_delivered_per_s']}/s |",
            f"| events per watcher (min = max) | {r['events_per_watcher']['min']} = {r['events_per_watcher']['max']} "
            f"({r['stream_mib_per_watcher']} MiB each) |",
            f"| workers Done as every watcher saw them | {r['workers_done_seen_by_watchers']['min']}/{r['workers']} |",
            f"| sim CPU during the rollout | {r['sim_cpu_s']} s |",
            f"| sim RSS start / peak | {r['sim_rss_mib']['start']} / {r['sim_rss_mib']['peak']} MiB |",
            f"| errors | {len(r['errors'])} {'; '.join(r['errors'])} |"]


def render(m, parts, log, args):
    out = ["<!-- report:begin -->", f"## The report (`bench/report.py`, {m['date']})", "",
           f"Produced in one run by `/usr/bin/python3 bench/report.py {' '.join(sys.argv[1:])}` "
           f"({'quick settings' if args.quick else 'full settings'}); total {sum(s['seconds'] for s in log)} s.", "",
           "| machine and versions | |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in m.items()]
    out += ["", "### apply, re-apply and status next to kubectl and Ansible", ""] + md_apply(parts["apply"])
    out += ["", "### The API client next to kubectl", ""] + md_client(parts["client"])
    out += ["", "### Package resolution next to dnf", ""] + md_packages(parts["packages"])
    out += ["", "### Startup time and peak memory of each command (release build, finished SNO sim)", ""]
    out += md_commands(parts["commands"])
    out += ["", f"### A {parts['rollout']['workers']}-worker rollout with {parts['rollout']['watchers']} watchers following it", ""]
    out += md_rollout(parts["rollout"])
    out += ["", "Commands, as run:", "", "```sh"] + [f"{s['command']}   # {s['seconds']} s, exit {s['exit']}" for s in log]
    out += ["```", "", f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}.", "<!-- report:end -->"]
    return "\n".join(out) + "\n"


def write(path, text):
    doc = open(path).read()
    begin, end = doc.find("<!-- report:begin -->"), doc.find("<!-- report:end -->")
    if begin < 0 or end < 0:
        doc = doc.rstrip("\n") + "\n\n" + text
    else:
        doc = doc[:begin] + text + doc[end + len("<!-- report:end -->") + 1:]
    open(path, "w").write(doc)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("build_dir", help="a release build with doca-layer, dl_kube_bench and dl_rpmrepo_bench")
    p.add_argument("--quick", action="store_true", help="1 repeat, 100 workers, 5,000 packages (minutes, not a report)")
    p.add_argument("--skip-ansible", action="store_true")
    p.add_argument("--write", metavar="FILE", help="replace the report part of FILE (docs/benchmarks.md)")
    args = p.parse_args()
    b = os.path.abspath(args.build_dir) + "/bin/"
    dl = b + "doca-layer"
    repeats, workers, pkgs = (1, 100, 5000) if args.quick else (3, 500, 30000)
    m, log, parts = machine(), [], {}
    extra = ["--skip-ansible"] if args.skip_ansible else []
    parts["apply"], _ = run_json("apply", [PY, f"{HERE}/apply_bench.py", dl, "--repeats", str(repeats), "--workers",
                                           str(workers), "--json", *extra], log)
    parts["apply"]["workers"] = workers
    parts["client"], _ = run_json("client", [PY, f"{HERE}/kube_client.py", dl, b + "dl_kube_bench", "--json"] +
                                  (["--repeats", "5"] if args.quick else []), log)
    parts["packages"], _ = run_json("packages", [PY, f"{HERE}/rpmrepo_resolve.py", b + "dl_rpmrepo_bench", "--packages",
                                                 str(pkgs), "--repeats", str(repeats + 2), "--json"], log)
    t0 = time.monotonic()
    parts["commands"] = per_command(dl, 5 if not args.quick else 2)
    log.append({"name": "commands", "command": f"(report.py: each subcommand on a finished SNO sim, /usr/bin/time -v)",
                "seconds": round(time.monotonic() - t0), "exit": 0})
    parts["rollout"], _ = run_json("rollout", [PY, f"{HERE}/rollout_watchers.py", dl, "--workers", str(workers),
                                               "--max-unavailable", str(workers // 10), "--json"], log)
    text = render(m, parts, log, args)
    if args.write:
        write(args.write, text)
    print(text)


if __name__ == "__main__":
    main()

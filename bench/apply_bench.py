#!/usr/bin/python3
"""doca-layer's main job next to its peers, against `doca-layer sim` on loopback.

1. Full apply on a fresh SNO sim (fast timing) and a re-apply on the finished cluster, for:
   doca-layer apply (with and without its node verify), the kubectl way (bench/apply_kubectl.sh)
   and the Ansible way (bench/apply_ansible.yml). Wall time and the sim's request counters.
2. Status of an N-worker pool: `doca-layer status -o json` vs `kubectl get nodes` + `kubectl get
   mcp` (warm kubectl cache): wall time and peak RSS (/usr/bin/time -v).
3. `doca-layer version`: wall time and peak RSS.
Medians over --repeats runs, each on its own fresh sim. Standard library only.
"""
import argparse, base64, json, os, re, shutil, ssl, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


class Sim:
    def __init__(self, binary, work, args):
        self.kc = os.path.join(work, "kubeconfig")
        self.log = os.path.join(work, "sim.log")
        t0 = time.monotonic()
        self.proc = subprocess.Popen([binary, "sim", "--kubeconfig-out", self.kc, *args],
                                     stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        while "sim: serving" not in open(self.log).read():
            if self.proc.poll() is not None:
                sys.exit("sim exited: " + open(self.log).read())
            if time.monotonic() - t0 > 600:
                self.stop(); sys.exit("sim did not start in 600 s")
            time.sleep(0.02)
        self.startup = time.monotonic() - t0
        text = open(self.kc).read()
        self.url = re.search(r"server: (\S+)", text).group(1)
        self.token = re.search(r"token: (\S+)", text).group(1)
        ca = base64.b64decode(re.search(r"certificate-authority-data: (\S+)", text).group(1)).decode()
        self.ctx = ssl.create_default_context(cadata=ca)

    def stats(self):
        req = urllib.request.Request(self.url + "/sim/stats", headers={"Authorization": "Bearer " + self.token})
        with urllib.request.urlopen(req, context=self.ctx) as r:
            return json.load(r)["requests"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)


def timed(cmd, env=None, out=None):
    """Runs cmd; returns (wall seconds, peak RSS KiB or None). Fails the benchmark on a non-zero exit."""
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, stdout=out or subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{(r.stdout or '')[-3000:]}\n{r.stderr[-3000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    return wall, int(m.group(1)) if m else None


def delta(a, b):
    return {k: b[k] - a[k] for k in ("reads", "writes", "watches")}


def apply_methods(args, work, render_dir):
    env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="False", ANSIBLE_INVENTORY_UNPARSED_WARNING="False",
               ANSIBLE_NOCOLOR="1", HOME=os.path.join(work, "home"))
    layer = os.path.join(work, "layer.yaml")
    dl = lambda *extra: lambda kc, t: [args.binary, "apply", "-f", layer, "--kubeconfig", kc, "--skip-packages", *extra]
    methods = {
        "doca-layer apply": dl(),
        "doca-layer apply --skip-verify": dl("--skip-verify"),
        "kubectl script": lambda kc, t: ["bash", os.path.join(HERE, "apply_kubectl.sh"), kc, render_dir, "master", t],
    }
    if not args.skip_ansible:
        methods["ansible-playbook"] = lambda kc, t: ["env", "K8S_AUTH_KUBECONFIG=" + kc, "ansible-playbook",
                                                     os.path.join(HERE, "apply_ansible.yml"), "-e", "render_dir=" + render_dir,
                                                     "-e", "pool=master"]
    results = {}
    for name, cmd in methods.items():
        rows = []
        for i in range(args.repeats):
            run = tempfile.mkdtemp(dir=work)
            sim = Sim(args.binary, run, ["--topology", "sno"])
            try:
                row = {}
                for phase in ("apply", "reapply"):
                    s0 = sim.stats()
                    wall, rss = timed(cmd(sim.kc, os.path.join(run, "t")), env=env,
                                      out=open(os.path.join(run, phase + ".out"), "w"))
                    row[phase] = {"wall": wall, "rss_kib": rss, **delta(s0, sim.stats())}
                if name == "doca-layer apply":
                    wall, rss = timed([args.binary, "status", "-f", layer, "--kubeconfig", sim.kc, "-o", "json"])
                    row["status_sno"] = {"wall": wall, "rss_kib": rss}
            finally:
                sim.stop()
            rows.append(row)
            print(f"  {name} run {i + 1}: " + json.dumps(row), file=sys.stderr)
        results[name] = rows
    return results


def status_pool(args, work):
    layer = os.path.join(work, "worker.yaml")
    subprocess.run([args.binary, "init", "-f", layer, "--pool", "worker"], check=True, capture_output=True)
    rows = []
    for i in range(args.repeats):
        run = tempfile.mkdtemp(dir=work)
        sim = Sim(args.binary, run, ["--topology", "standard", "--workers", str(args.workers), "--node-backend", "memory"])
        try:
            k = ["kubectl", "--kubeconfig", sim.kc, "--cache-dir", os.path.join(run, "kcache")]
            env = dict(os.environ, HOME=os.path.join(run, "home"))
            timed(k + ["get", "mcp", "worker", "-o", "json"], env=env)  # warm kubectl's discovery cache
            s0 = sim.stats()
            dl_wall, dl_rss = timed([args.binary, "status", "-f", layer, "--kubeconfig", sim.kc, "-o", "json"])
            dl_req = delta(s0, sim.stats())
            n_wall, n_rss = timed(k + ["get", "nodes", "-l", "node-role.kubernetes.io/worker", "-o", "json"], env=env)
            p_wall, p_rss = timed(k + ["get", "mcp", "worker", "-o", "json"], env=env)
            rows.append({"startup": sim.startup, "doca_wall": dl_wall, "doca_rss_kib": dl_rss, "doca_requests": dl_req,
                         "kubectl_wall": n_wall + p_wall, "kubectl_nodes_wall": n_wall, "kubectl_rss_kib": max(n_rss, p_rss)})
        finally:
            sim.stop()
        print(f"  status {args.workers} workers run {i + 1}: " + json.dumps(rows[-1]), file=sys.stderr)
    return rows


def med(values):
    return statistics.median(values)


def report(apply_results, status_rows, version_rows, args):
    if apply_results:
        print_apply(apply_results, args)
    if status_rows:
        print_status(status_rows, args)
    print(f"doca-layer version: {med([w for w, _ in version_rows]) * 1000:.1f} ms, {med([m for _, m in version_rows]) / 1024:.1f} MiB")


def print_apply(apply_results, args):
    print(f"## apply on SNO (median of {args.repeats} fresh sims; wall s, requests reads/writes/watches)")
    print("| | apply wall | apply r/w/w | re-apply wall | re-apply r/w/w | peak RSS apply (MiB) |")
    print("|---|---|---|---|---|---|")
    for name, rows in apply_results.items():
        cells = []
        for phase in ("apply", "reapply"):
            cells.append(f"{med([r[phase]['wall'] for r in rows]):.2f}")
            cells.append("/".join(str(int(med([r[phase][k] for r in rows]))) for k in ("reads", "writes", "watches")))
        rss = med([r["apply"]["rss_kib"] for r in rows]) / 1024
        print(f"| {name} | " + " | ".join(cells) + f" | {rss:.1f} |")
    if "doca-layer apply" in apply_results:
        st = apply_results["doca-layer apply"]
        print(f"status on the finished SNO: {med([r['status_sno']['wall'] for r in st]) * 1000:.0f} ms, "
              f"{med([r['status_sno']['rss_kib'] for r in st]) / 1024:.1f} MiB")


def print_status(s, args):
    print(f"## status of a {args.workers}-worker pool (median of {len(s)})")
    print(f"sim startup {med([r['startup'] for r in s]):.2f} s")
    print(f"doca-layer status -o json: {med([r['doca_wall'] for r in s]) * 1000:.0f} ms, "
          f"{med([r['doca_rss_kib'] for r in s]) / 1024:.1f} MiB, requests {s[0]['doca_requests']}")
    print(f"kubectl get nodes + get mcp: {med([r['kubectl_wall'] for r in s]) * 1000:.0f} ms "
          f"(nodes {med([r['kubectl_nodes_wall'] for r in s]) * 1000:.0f} ms), {med([r['kubectl_rss_kib'] for r in s]) / 1024:.1f} MiB")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binary")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--workers", type=int, default=500, help="1..500, the sim's maximum")
    p.add_argument("--skip-ansible", action="store_true")
    p.add_argument("--only", choices=["apply", "status"], help="run one part only")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    args.binary = os.path.abspath(args.binary)
    if not args.skip_ansible and not shutil.which("ansible-playbook"):
        sys.exit("ansible-playbook not found (apt-get install ansible) or pass --skip-ansible")
    work = tempfile.mkdtemp(prefix="dl-apply-bench-")
    try:
        layer = os.path.join(work, "layer.yaml")
        subprocess.run([args.binary, "init", "-f", layer], check=True, capture_output=True)
        render_dir = os.path.join(work, "render")
        subprocess.run([args.binary, "render", "-f", layer, "-d", render_dir], check=True, capture_output=True)
        version_rows = [timed([args.binary, "version"]) for _ in range(max(args.repeats, 5))]
        apply_results = apply_methods(args, work, render_dir) if args.only != "status" else {}
        for name, rows in apply_results.items():  # the one machine-independent verdict
            if name.startswith("doca-layer") and any(r["reapply"]["writes"] for r in rows):
                sys.exit(f"{name}: a re-apply on the finished cluster wrote: {[r['reapply'] for r in rows]}")
        status_rows = status_pool(args, work) if args.only != "apply" else []
        if args.json:
            print(json.dumps({"apply": apply_results, "status": status_rows, "version": version_rows}, indent=1))
        else:
            report(apply_results, status_rows, version_rows, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""A big pool's rollout in simulated time while N watchers follow it (`doca-layer sim`).

Starts `doca-layer sim --topology standard --workers W --node-backend memory` (default 500
workers), sets pool worker's maxUnavailable to M (default 50), opens N watches on the nodes
(default 50, each on its own HTTPS connection, all from one list's resourceVersion), then runs
`doca-layer apply --skip-verify` from nothing to every worker on the layered image. While it runs,
it samples the simulator every 0.5 s: requests served (/sim/stats), RSS and CPU (/proc/PID).

Figures: rollout wall time, workers Done, requests/s the simulator served (the client's and the
watchers' together, by kind), events each watcher read (all watchers must read the same number:
the verdict), bytes streamed, the simulator's CPU and RSS (start, peak). Exit 0 only when every
worker reached the layered image and every watcher read every event without an error.

    /usr/bin/python3 bench/rollout_watchers.py build-release/bin/doca-layer [--workers 500]
        [--max-unavailable 50] [--watchers 50] [--json]
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sim_load import Api, Sim, sim_stats  # noqa: E402

NODES = "/api/v1/nodes"


class NodeWatcher(threading.Thread):
    """One watch on all nodes from `rv`; counts events and bytes, remembers each node's last state."""

    def __init__(self, api, rv):
        super().__init__(daemon=True)
        self.api, self.rv = api, rv
        self.events = self.bytes = 0
        self.state = {}
        self.error = None
        self.ready = threading.Event()
        self.conn = None
        self.stopping = False

    def run(self):
        try:
            self.conn = self.api.connect(timeout=None)
            self.conn.request("GET", f"{NODES}?watch=true&resourceVersion={self.rv}&timeoutSeconds=3600",
                              headers=self.api.headers())
            resp = self.conn.getresponse()
            self.ready.set()
            if resp.status != 200:
                self.error = f"watch answered {resp.status}"
                return
            for line in iter(resp.readline, b""):
                if not line.strip():
                    continue
                ev = json.loads(line)
                if ev["type"] == "ERROR":
                    self.error = f"watch ERROR event: {ev['object'].get('message')}"
                    return
                self.events += 1
                self.bytes += len(line)
                md = ev["object"]["metadata"]
                self.state[md["name"]] = md.get("annotations", {}).get("machineconfiguration.openshift.io/state")
        except (OSError, ValueError, KeyError) as e:
            if not self.stopping:
                self.error = f"watch failed after {self.events} events: {e!r}"
        finally:
            self.ready.set()

    def stop(self):
        """Unblocks the reading thread (shutdown, not close: a close does not wake a blocked read)."""
        self.stopping = True
        if self.conn is not None and self.conn.sock is not None:
            try:
                self.conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def call(api, method, path, body=None, ctype="application/json"):
    conn = api.connect()
    try:
        status, raw = api.call(conn, method, path, body, ctype)
    finally:
        conn.close()
    if status >= 300:
        sys.exit(f"{method} {path} answered {status}: {raw[:300]!r}")
    return json.loads(raw)


def sample(sim, api, samples, stop):
    while not stop.is_set():
        samples.append((time.monotonic(), sim.proc_figures(), sim_stats(api).get("requests", {})))
        stop.wait(0.5)


def run(args, tmp):
    sim = Sim(args.binary, tmp, ["--topology", "standard", "--workers", str(args.workers), "--node-backend", "memory"])
    try:
        sim.wait_ready(600)
        api = Api(sim.kubeconfig)
        call(api, "PATCH", "/apis/machineconfiguration.openshift.io/v1/machineconfigpools/worker",
             {"spec": {"maxUnavailable": args.max_unavailable}}, "application/merge-patch+json")
        layer = os.path.join(tmp, "layer.yaml")
        subprocess.run([args.binary, "init", "-f", layer, "--pool", "worker"], check=True, capture_output=True)
        rv = call(api, "GET", NODES)["metadata"]["resourceVersion"]
        watchers = [NodeWatcher(api, rv) for _ in range(args.watchers)]
        for w in watchers:
            w.start()
        for w in watchers:
            w.ready.wait(30)
        samples, stop = [], threading.Event()
        sampler = threading.Thread(target=sample, args=(sim, api, samples, stop), daemon=True)
        before = (time.monotonic(), sim.proc_figures(), sim_stats(api)["requests"])
        t0 = time.monotonic()
        sampler.start()
        apply = subprocess.run([args.binary, "apply", "-f", layer, "--kubeconfig", sim.kubeconfig, "--skip-packages",
                                "--skip-verify", "--timeout", "1h", "-o", "json"], capture_output=True, text=True)
        wall = time.monotonic() - t0
        stop.set()
        sampler.join()
        after = (time.monotonic(), sim.proc_figures(), sim_stats(api)["requests"])
        time.sleep(1.0)  # the last events reach the watchers
        for w in watchers:
            w.stop()
        for w in watchers:
            w.join(10)
        return figures(args, apply, wall, before, after, samples, watchers)
    finally:
        sim.stop()


def figures(args, apply, wall, before, after, samples, watchers):
    seconds = after[0] - before[0]
    req = {k: after[2][k] - before[2][k] for k in ("reads", "writes", "watches")}
    events = [w.events for w in watchers]
    done = [sum(1 for n, s in w.state.items() if n.startswith("worker-") and s == "Done") for w in watchers]
    fig = {
        "workers": args.workers, "max_unavailable": args.max_unavailable, "watchers": args.watchers,
        "apply_exit": apply.returncode, "rollout_wall_s": round(wall, 1),
        "requests": req, "requests_per_s": {k: round(v / seconds, 1) for k, v in req.items()},
        "events_per_watcher": {"min": min(events), "max": max(events)},
        "events_delivered_per_s": round(sum(events) / seconds, 1),
        "stream_mib_per_watcher": round(max(w.bytes for w in watchers) / 2**20, 1),
        "workers_done_seen_by_watchers": {"min": min(done), "max": max(done)},
        "sim_cpu_s": round(after[1]["cpu_s"] - before[1]["cpu_s"], 1),
        "sim_rss_mib": {"start": before[1]["VmRSS"] // 1024,
                        "peak": max([s[1]["VmHWM"] for s in samples] + [after[1]["VmHWM"]]) // 1024},
        "sim_threads_peak": max(s[1]["Threads"] for s in samples) if samples else None,
        "errors": [w.error for w in watchers if w.error],
    }
    if apply.returncode != 0:
        fig["errors"].append(f"apply exited {apply.returncode}: {apply.stderr[-500:]}")
    if min(events) != max(events):
        fig["errors"].append("watchers read different numbers of events")
    if min(done) != args.workers:
        fig["errors"].append(f"a watcher saw only {min(done)}/{args.workers} workers Done")
    return fig


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("binary")
    p.add_argument("--workers", type=int, default=500)
    p.add_argument("--max-unavailable", type=int, default=50)
    p.add_argument("--watchers", type=int, default=50)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    args.binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory(prefix="dl-rollout-watchers-") as tmp:
        fig = run(args, tmp)
    if args.json:
        print(json.dumps(fig, indent=1))
    else:
        r = fig["requests_per_s"]
        print(f"{fig['workers']} workers, maxUnavailable {fig['max_unavailable']}, {fig['watchers']} watchers on nodes: "
              f"rollout {fig['rollout_wall_s']} s (apply exit {fig['apply_exit']})")
        print(f"sim served {fig['requests']} = {r['reads']} reads/s, {r['writes']} writes/s, {r['watches']} watches/s")
        print(f"each watcher read {fig['events_per_watcher']['max']} events ({fig['stream_mib_per_watcher']} MiB; "
              f"{fig['events_delivered_per_s']} events/s delivered to all watchers), "
              f"saw {fig['workers_done_seen_by_watchers']['min']}/{fig['workers']} workers Done")
        print(f"sim CPU {fig['sim_cpu_s']} s, RSS start {fig['sim_rss_mib']['start']} MiB, peak {fig['sim_rss_mib']['peak']} MiB, "
              f"threads peak {fig['sim_threads_peak']}")
        for e in fig["errors"]:
            print("ERROR:", e)
    sys.exit(1 if fig["errors"] else 0)


if __name__ == "__main__":
    main()

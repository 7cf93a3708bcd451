#!/usr/bin/python3
"""Load benchmark for the simulated Kubernetes API server (`doca-layer sim`).

Measures whether the simulator serves N concurrent watchers (default 50) while R requests/s
(default 200) of mixed reads and writes hit it for S seconds (default 60) without an error or a
lost event, and how fast and how big it is while doing so:

- requests sent, achieved rate, errors (any non-2xx except the expected 404 of a get of a name
  this benchmark deleted; any transport failure);
- for every watcher: the events it saw against the writes the server acknowledged (ADDED,
  MODIFIED, DELETED with the same resourceVersions, in resourceVersion order): lost, duplicated,
  out-of-order and unexpected events;
- client-side latency p50/p95/p99 per request type and the watch delivery lag (write sent to
  event read by a watcher);
- the simulator's peak and current RSS (VmHWM, VmRSS), threads, and CPU seconds (/proc/PID).

Standard library only, loopback only: it starts the simulator itself, stops it at the end, and
exits 0 only when there was no error, no lost event and the achieved rate was >= 95 % of R.

    /usr/bin/python3 bench/sim_load.py build-release/bin/doca-layer [--watchers 50] [--rate 200]
        [--seconds 60] [--workers 8] [--json]
"""

import argparse
import base64
import http.client
import json
import os
import random
import re
import select
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time

NS = "load"
CM_PATH = f"/api/v1/namespaces/{NS}/configmaps"
# Operation mix in percent: 40 % writes, 60 % reads.
MIX = (("create", 13), ("patch", 14), ("delete", 13), ("get", 45), ("list", 15))
DRAIN_SECONDS = 10
MAX_LIVE_PER_WORKER = 50
MAX_ERRORS_KEPT = 20


# ---------------------------------------------------------------------------------- simulator


class Sim:
    """The `doca-layer sim` process: started with a kubeconfig in a temporary directory."""

    def __init__(self, binary, workdir, extra_args=()):
        self.kubeconfig = os.path.join(workdir, "sim.kubeconfig")
        self.stderr_path = os.path.join(workdir, "sim.stderr")
        self.stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen([binary, "sim", "--kubeconfig-out", self.kubeconfig, *extra_args],
                                     stdout=subprocess.PIPE, stderr=self.stderr)
        self.pid = self.proc.pid

    def wait_ready(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.proc.stdout], [], [], 0.2)
            if ready:
                line = self.proc.stdout.readline().decode(errors="replace")
                if line.startswith("sim: serving"):
                    return line.strip()
                if not line:
                    break
        raise RuntimeError(f"simulator did not report 'sim: serving' (exit code {self.proc.poll()})")

    def proc_figures(self):
        """VmHWM/VmRSS (KiB), threads, and user+system CPU seconds of the simulator."""
        fig = {}
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS", "Threads"):
                    fig[key] = int(value.split()[0])
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        fig["cpu_s"] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return fig

    def stop(self):
        """SIGTERM, then the exit code and the tail of stderr (SIGKILL after 15 s)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.stderr.close()
        with open(self.stderr_path, errors="replace") as f:
            return rc, f.read()[-2000:]


class Api:
    """Connection factory and request helper for the simulator's kubeconfig."""

    def __init__(self, kubeconfig_path):
        with open(kubeconfig_path) as f:
            text = f.read()
        server = re.search(r"^\s*server:\s*(\S+)", text, re.M).group(1)
        ca = base64.b64decode(re.search(r"certificate-authority-data:\s*(\S+)", text).group(1))
        self.token = re.search(r"^\s*token:\s*(\S+)", text, re.M).group(1)
        m = re.fullmatch(r"https://(127\.0\.0\.1|localhost|\[::1\]):(\d+)/?", server)
        if not m:
            raise RuntimeError(f"not a loopback server: {server}")
        self.host, self.port = m.group(1).strip("[]"), int(m.group(2))
        self.ctx = ssl.create_default_context(cadata=ca.decode())

    def connect(self, timeout=30.0):
        conn = http.client.HTTPSConnection(self.host, self.port, context=self.ctx, timeout=timeout)
        conn.connect()
        return conn

    def headers(self, ctype=None):
        h = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        if ctype:
            h["Content-Type"] = ctype
        return h

    def call(self, conn, method, path, body=None, ctype="application/json"):
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers=self.headers(ctype if data else None))
        resp = conn.getresponse()
        return resp.status, resp.read()


# ----------------------------------------------------------------------------------- watchers


class Watcher(threading.Thread):
    """One watch stream on its own connection; records (type, rv, name, time read) per event."""

    def __init__(self, api, from_rv, bound_seconds):
        super().__init__(daemon=True)
        self.api, self.from_rv, self.bound = api, from_rv, bound_seconds
        self.events = []
        self.error = None
        self.ready = threading.Event()
        self.stopping = False
        self.sock = None

    def run(self):
        try:
            conn = self.api.connect(timeout=None)
            self.sock = conn.sock
            conn.request("GET", f"{CM_PATH}?watch=true&resourceVersion={self.from_rv}"
                                f"&timeoutSeconds={self.bound}", headers=self.api.headers())
            resp = conn.getresponse()
            if resp.status != 200:
                self.error = f"watch answered {resp.status}: {resp.read()[:200]!r}"
                return
            self.ready.set()
            self.read_events(resp)
        except (OSError, http.client.HTTPException, ValueError, KeyError) as e:
            if not self.stopping:
                self.error = f"watch failed after {len(self.events)} events: {e!r}"
        finally:
            self.ready.set()

    def read_events(self, resp):
        while True:
            line = resp.readline()
            if not line:
                if not self.stopping:
                    self.error = f"watch stream ended early after {len(self.events)} events"
                return
            now = time.perf_counter()
            if line.strip():
                ev = json.loads(line)
                md = ev["object"].get("metadata", {})
                self.events.append((ev["type"], int(md.get("resourceVersion") or 0), md.get("name", ""), now))

    def stop(self):
        self.stopping = True
        if self.sock is not None:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


# ------------------------------------------------------------------------------------ workers


class Worker(threading.Thread):
    """Sends its share of the rate on one keep-alive connection, on a fixed schedule.

    Names are private to a worker, so every answer is predictable: a get of a live name must be
    200, a get of a name it deleted must be 404, patches and deletes always find their object.
    """

    def __init__(self, api, index, count, rate, t0, seconds):
        super().__init__(daemon=True)
        self.api, self.index, self.count, self.rate = api, index, count, rate
        self.t0, self.end = t0, t0 + seconds
        self.rng = random.Random(index)
        self.live, self.deleted = [], []
        self.seq = 0
        self.sent = 0
        self.writes = []  # (rv, event type, name, time sent)
        self.latency = {op: [] for op, _ in MIX}
        self.errors = []
        self.error_count = 0

    def run(self):
        try:
            self.loop()
        except (OSError, http.client.HTTPException) as e:
            self.fail(f"worker {self.index} stopped: {e!r}")

    def loop(self):
        conn = self.api.connect()
        i = 0
        while True:
            due = self.t0 + (self.index + i * self.count) / self.rate
            if due >= self.end:
                break
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            i += 1
            conn = self.one_request(conn)
        conn.close()

    def choose(self):
        op = self.rng.choices([o for o, _ in MIX], [w for _, w in MIX])[0]
        if op in ("patch", "delete") and not self.live:
            return "create"
        if op == "create" and len(self.live) >= MAX_LIVE_PER_WORKER:
            return "delete"
        if op == "get" and not self.live and not self.deleted:
            return "list"
        return op

    def plan(self, op):
        """(method, path, body, content type, name, expected statuses) for one operation."""
        if op == "create":
            self.seq += 1
            name = f"w{self.index}-{self.seq}"
            body = {"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": name, "labels": {"bench": "sim-load", "worker": str(self.index)}},
                    "data": {"n": "0", "payload": "x" * 128}}
            return "POST", CM_PATH, body, "application/json", name, (201,)
        if op == "list":
            return "GET", CM_PATH, None, None, "", (200,)
        if op == "get" and self.deleted and (not self.live or self.rng.random() < 0.2):
            return "GET", f"{CM_PATH}/{self.rng.choice(self.deleted)}", None, None, "", (404,)
        name = self.rng.choice(self.live)
        if op == "patch":
            self.seq += 1
            return ("PATCH", f"{CM_PATH}/{name}", {"data": {"n": str(self.seq)}},
                    "application/merge-patch+json", name, (200,))
        method = "DELETE" if op == "delete" else "GET"
        return method, f"{CM_PATH}/{name}", None, None, name, (200,)

    def one_request(self, conn):
        op = self.choose()
        method, path, body, ctype, name, expect = self.plan(op)
        self.sent += 1
        start = time.perf_counter()
        try:
            status, raw = self.api.call(conn, method, path, body, ctype)
        except (OSError, http.client.HTTPException) as e:
            self.fail(f"{method} {path}: {e!r}")
            conn.close()
            return self.api.connect()
        self.latency[op].append(time.perf_counter() - start)
        if status not in expect:
            self.fail(f"{method} {path}: {status} (expected {expect[0]}): {raw[:200]!r}")
        elif op in ("create", "patch", "delete"):
            self.record_write(op, name, raw, start)
        return conn

    def record_write(self, op, name, raw, start):
        try:
            rv = int(json.loads(raw)["metadata"]["resourceVersion"])
        except (ValueError, KeyError, TypeError) as e:
            self.fail(f"{op} {name}: no resourceVersion in the answer: {e!r}")
            return
        self.writes.append((rv, {"create": "ADDED", "patch": "MODIFIED", "delete": "DELETED"}[op], name, start))
        if op == "create":
            self.live.append(name)
        elif op == "delete":
            self.live.remove(name)
            self.deleted = (self.deleted + [name])[-100:]

    def fail(self, message):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(message)


# ----------------------------------------------------------------------------------- analysis


def percentiles(values):
    """p50/p95/p99 in milliseconds (nearest rank), and the count."""
    if not values:
        return {"n": 0}
    s = sorted(values)

    def at(p):
        return round(s[min(len(s) - 1, int(p / 100 * len(s)))] * 1000, 2)

    return {"n": len(s), "p50_ms": at(50), "p95_ms": at(95), "p99_ms": at(99), "max_ms": round(s[-1] * 1000, 2)}


def check_watcher(events, expected):
    """Compares one watcher's events with the acknowledged writes (sorted by resourceVersion)."""
    want = {rv: (typ, name) for rv, typ, name, _ in expected}
    seen_rvs = [rv for _, rv, _, _ in events]
    return {
        "events": len(events),
        "lost": len(set(want) - set(seen_rvs)),
        "duplicates": len(seen_rvs) - len(set(seen_rvs)),
        "out_of_order": sum(1 for a, b in zip(seen_rvs, seen_rvs[1:]) if b <= a),
        "unexpected": sum(1 for typ, rv, name, _ in events if want.get(rv) != (typ, name)),
        "exact": [(t, rv, n) for t, rv, n, _ in events] == [(t, rv, n) for rv, t, n, _ in expected],
    }


def delivery_lag(watchers, expected):
    sent_at = {rv: t for rv, _, _, t in expected}
    return [t - sent_at[rv] for w in watchers for _, rv, _, t in w.events if rv in sent_at]


def wait_drained(watchers, count, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(len(w.events) >= count or w.error for w in watchers):
            return True
        time.sleep(0.05)
    return False


# ---------------------------------------------------------------------------------------- run


def setup(api):
    """Creates the namespace; returns the resourceVersion of a configmap list taken after it."""
    conn = api.connect()
    status, raw = api.call(conn, "POST", "/api/v1/namespaces",
                           {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NS}})
    if status != 201:
        raise RuntimeError(f"creating namespace {NS}: {status} {raw[:200]!r}")
    status, raw = api.call(conn, "GET", CM_PATH)
    if status != 200:
        raise RuntimeError(f"listing configmaps: {status} {raw[:200]!r}")
    conn.close()
    return int(json.loads(raw)["metadata"]["resourceVersion"])


def open_watchers(api, count, from_rv, bound):
    watchers = [Watcher(api, from_rv, bound) for _ in range(count)]
    for w in watchers:
        w.start()
    deadline = time.monotonic() + 30
    for w in watchers:
        w.ready.wait(max(0.0, deadline - time.monotonic()))
    return watchers


def drive(api, args):
    t0 = time.perf_counter() + 0.2
    workers = [Worker(api, i, args.workers, args.rate, t0, args.seconds) for i in range(args.workers)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(args.seconds + 120)
    return workers, max(time.perf_counter(), t0 + args.seconds) - t0


def sim_stats(api):
    conn = api.connect()
    status, raw = api.call(conn, "GET", "/sim/stats")
    conn.close()
    return json.loads(raw) if status == 200 else {"status": status}


def run(args):
    with tempfile.TemporaryDirectory(prefix="sim-load-") as tmp:
        sim = Sim(args.binary, tmp)
        try:
            sim.wait_ready()
            figures = measure(Api(sim.kubeconfig), sim, args)
        finally:
            rc, stderr_tail = sim.stop()
    figures["sim_exit_code"] = rc
    if rc != 0:
        figures["failures"].append(f"simulator exited with {rc}: {stderr_tail[-500:]}")
    return figures


def measure(api, sim, args):
    from_rv = setup(api)
    idle = sim.proc_figures()
    watchers = open_watchers(api, args.watchers, from_rv, args.seconds + 300)
    with_watchers = sim.proc_figures()
    client_cpu0 = sum(os.times()[:2])
    workers, elapsed = drive(api, args)
    after_load = sim.proc_figures()
    client_cpu = sum(os.times()[:2]) - client_cpu0
    expected = sorted(w for wk in workers for w in wk.writes)
    drained = wait_drained(watchers, len(expected), DRAIN_SECONDS)
    stats = sim_stats(api)
    for w in watchers:
        w.stop()
    for w in watchers:
        w.join(5)
    return summarize(args, {"workers": workers, "watchers": watchers, "expected": expected, "elapsed": elapsed,
                            "from_rv": from_rv, "stats": stats, "drained": drained, "idle": idle,
                            "with_watchers": with_watchers, "after_load": after_load, "client_cpu": client_cpu})


def summarize(args, v):
    workers, watchers, expected = v["workers"], v["watchers"], v["expected"]
    sent = sum(w.sent for w in workers)
    errors = [e for w in workers for e in w.errors]
    errors += [f"watcher {i}: {w.error}" for i, w in enumerate(watchers) if w.error]
    checks = [check_watcher(w.events, expected) for w in watchers]
    total = {k: sum(c[k] for c in checks) for k in ("lost", "duplicates", "out_of_order", "unexpected")}
    rvs = [rv for rv, _, _, _ in expected]
    server_rv = v["stats"].get("resourceVersion", 0)
    fig = {
        "settings": {"watchers": args.watchers, "rate": args.rate, "seconds": args.seconds, "workers": args.workers},
        "requests": sent,
        "elapsed_s": round(v["elapsed"], 2),
        "achieved_rate": round(sent / v["elapsed"], 1),
        "writes_acknowledged": len(expected),
        "errors": sum(w.error_count for w in workers) + sum(1 for w in watchers if w.error),
        "error_samples": errors[:MAX_ERRORS_KEPT],
        "rv_range": [v["from_rv"], server_rv],
        "unacknowledged_server_writes": server_rv - v["from_rv"] - len(set(rvs)),
        "watchers_drained": v["drained"],
        "events_per_watcher": {"min": min((c["events"] for c in checks), default=0),
                               "max": max((c["events"] for c in checks), default=0),
                               "expected": len(expected)},
        "watchers_exact": sum(1 for c in checks if c["exact"]),
        "events_total": total,
        "latency": {op: percentiles(sum((w.latency[op] for w in workers), [])) for op, _ in MIX},
        "watch_delivery_lag": percentiles(delivery_lag(watchers, expected)),
        "sim": {"idle": v["idle"], "with_watchers": v["with_watchers"], "after_load": v["after_load"],
                "cpu_s_during_load": round(v["after_load"]["cpu_s"] - v["with_watchers"]["cpu_s"], 2)},
        "client_cpu_s": round(v["client_cpu"], 2),
        "sim_stats": v["stats"],
    }
    fig["failures"] = failures(fig)
    return fig


def failures(fig):
    out = []
    if fig["errors"]:
        out.append(f"{fig['errors']} errors")
    if any(fig["events_total"].values()) or fig["watchers_exact"] != fig["settings"]["watchers"]:
        out.append(f"watch mismatch: {fig['events_total']}, exact watchers {fig['watchers_exact']}")
    if fig["unacknowledged_server_writes"]:
        out.append(f"{fig['unacknowledged_server_writes']} server writes without an acknowledged request")
    if fig["achieved_rate"] < 0.95 * fig["settings"]["rate"]:
        out.append(f"achieved rate {fig['achieved_rate']}/s is below 95% of {fig['settings']['rate']}/s")
    return out


def print_summary(fig):
    s, sim = fig["settings"], fig["sim"]
    print(f"sim_load: {s['watchers']} watchers, {s['rate']} req/s target, {s['seconds']} s, {s['workers']} workers")
    print(f"requests      {fig['requests']} in {fig['elapsed_s']} s = {fig['achieved_rate']}/s; "
          f"writes acknowledged {fig['writes_acknowledged']}; errors {fig['errors']}")
    e = fig["events_per_watcher"]
    print(f"watch events  per watcher min {e['min']} max {e['max']} expected {e['expected']}; "
          f"exact {fig['watchers_exact']}/{s['watchers']}; {fig['events_total']}")
    print(f"rv range      {fig['rv_range'][0]}..{fig['rv_range'][1]}, unacknowledged server writes "
          f"{fig['unacknowledged_server_writes']}, drained {fig['watchers_drained']}")
    for op, p in list(fig["latency"].items()) + [("watch lag", fig["watch_delivery_lag"])]:
        if p["n"]:
            print(f"  {op:<10} n={p['n']:<6} p50 {p['p50_ms']:>7} ms  p95 {p['p95_ms']:>7} ms  "
                  f"p99 {p['p99_ms']:>7} ms  max {p['max_ms']:>7} ms")
    for when in ("idle", "with_watchers", "after_load"):
        p = sim[when]
        print(f"sim {when:<14} VmHWM {p['VmHWM'] // 1024} MiB  VmRSS {p['VmRSS'] // 1024} MiB  "
              f"threads {p['Threads']}  cpu {p['cpu_s']:.2f} s")
    print(f"sim cpu during load {sim['cpu_s_during_load']} s; client cpu {fig['client_cpu_s']} s; "
          f"sim exit code {fig['sim_exit_code']}")
    for err in fig["error_samples"]:
        print(f"  error: {err}")
    print("RESULT: " + ("FAIL: " + "; ".join(fig["failures"]) if fig["failures"] else "PASS"))


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("binary", help="path to the doca-layer binary")
    p.add_argument("--watchers", type=int, default=50)
    p.add_argument("--rate", type=float, default=200.0, help="requests per second")
    p.add_argument("--seconds", type=float, default=60.0)
    p.add_argument("--workers", type=int, default=8, help="request threads (own keep-alive connections)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    if not (1 <= args.watchers <= 500 and 0 < args.rate <= 5000 and 0 < args.seconds <= 3600
            and 1 <= args.workers <= 64):
        p.error("out of bounds: watchers 1..500, rate 0..5000, seconds 0..3600, workers 1..64")
    return args


def main(argv):
    args = parse_args(argv)
    try:
        fig = run(args)
    except (RuntimeError, OSError, http.client.HTTPException) as e:
        print(f"sim_load: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(fig, indent=2, sort_keys=True))
    else:
        print_summary(fig)
    return 1 if fig["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

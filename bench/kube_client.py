#!/usr/bin/python3
"""The client's list and watch figures next to kubectl's, against `doca-layer sim`.

Usage: kube_client.py DOCA_LAYER_BINARY DL_KUBE_BENCH_BINARY [--objects N] [--repeats R] [--kubectl PATH] [--json]

Starts the simulator, creates N ConfigMaps (label bench=kube), then measures:
  - list: dl_kube_bench lists them R times in one process (connection reused);
    kubectl runs `get configmaps -l bench=kube -o json` R times (a process each, as a script would);
  - watch latency: time from a create's request to the event reaching the watcher, for
    dl_kube_bench's watch and for `kubectl get configmaps -w --watch-only -o name`.
"""
import argparse
import base64
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import yaml


def summary(values):
    values = sorted(values)
    pick = lambda q: values[int(q * (len(values) - 1))]
    return {"n": len(values), "p50_ms": pick(0.5), "p95_ms": pick(0.95), "max_ms": values[-1]}


class Api:
    def __init__(self, kubeconfig):
        doc = yaml.safe_load(open(kubeconfig))
        cluster = doc["clusters"][0]["cluster"]
        self.server = cluster["server"]
        self.token = doc["users"][0]["user"]["token"]
        self.ctx = ssl.create_default_context(cadata=base64.b64decode(cluster["certificate-authority-data"]).decode())

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.server + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": "Bearer " + self.token,
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, context=self.ctx) as r:
            return json.loads(r.read())


def config_map(name, labels=None):
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": labels or {}},
            "data": {"k": "x" * 200}}


def kubectl_watch_latency(kubectl, env, api, repeats):
    proc = subprocess.Popen([kubectl, "get", "configmaps", "-n", "default", "-w", "--watch-only", "-o", "name"],
                            stdout=subprocess.PIPE, text=True, env=env)
    seen = {}
    def reader():
        for line in proc.stdout:
            seen[line.strip().split("/")[-1]] = time.perf_counter()
    t = threading.Thread(target=reader, daemon=True)
    t.start()
    time.sleep(2.0)  # kubectl's startup and discovery
    sent = {}
    for i in range(repeats):
        name = f"kwatched-{i}"
        sent[name] = time.perf_counter()
        api.call("POST", "/api/v1/namespaces/default/configmaps", config_map(name))
        time.sleep(0.02)
    deadline = time.time() + 10
    while len([n for n in sent if n in seen]) < repeats and time.time() < deadline:
        time.sleep(0.05)
    proc.terminate()
    for name in sent:
        api.call("DELETE", f"/api/v1/namespaces/default/configmaps/{name}")
    return summary([(seen[n] - sent[n]) * 1000 for n in sent if n in seen])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("doca_layer")
    ap.add_argument("bench")
    ap.add_argument("--objects", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--kubectl", default="/usr/lib/google-cloud-sdk/bin/kubectl.1.33")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        kc = os.path.join(d, "kubeconfig")
        sim = subprocess.Popen([a.doca_layer, "sim", "--kubeconfig-out", kc], stdout=subprocess.PIPE, text=True)
        try:
            sim.stdout.readline()
            api = Api(kc)
            for i in range(a.objects):
                api.call("POST", "/api/v1/namespaces/default/configmaps", config_map(f"bench-{i}", {"bench": "kube"}))
            ours = json.loads(subprocess.check_output([a.bench, kc, "default", str(a.objects), str(a.repeats)]))
            env = dict(os.environ, KUBECONFIG=kc, HOME=d)
            lists = []
            for _ in range(a.repeats):
                t = time.perf_counter()
                out = subprocess.check_output([a.kubectl, "get", "configmaps", "-n", "default", "-l", "bench=kube",
                                               "-o", "json", "--cache-dir", os.path.join(d, "cache")], env=env)
                lists.append((time.perf_counter() - t) * 1000)
                assert len(json.loads(out)["items"]) >= a.objects
            theirs = {"list": summary(lists), "watch_latency": kubectl_watch_latency(a.kubectl, env, api, a.repeats)}
        finally:
            sim.terminate()
            sim.wait()
    result = {"objects": a.objects, "repeats": a.repeats, "doca-layer": ours, "kubectl": theirs,
              "kubectl_version": subprocess.run([a.kubectl, "version", "--client", "-o", "json"], capture_output=True,
                                                text=True).stdout and json.loads(subprocess.run(
                                                    [a.kubectl, "version", "--client", "-o", "json"],
                                                    capture_output=True, text=True).stdout)["clientVersion"]["gitVersion"]}
    if a.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{a.objects} ConfigMaps, {a.repeats} repeats, kubectl {result['kubectl_version']}")
    for what in ("list", "watch_latency"):
        o, k = ours[what], theirs[what]
        print(f"{what:14s} doca-layer p50 {o['p50_ms']:8.2f} ms p95 {o['p95_ms']:8.2f} ms | "
              f"kubectl p50 {k['p50_ms']:8.2f} ms p95 {k['p95_ms']:8.2f} ms | ratio p50 {k['p50_ms'] / o['p50_ms']:.1f}x")


if __name__ == "__main__":
    sys.exit(main())

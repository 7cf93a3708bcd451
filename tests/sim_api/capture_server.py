#!/usr/bin/python3
"""Plain-HTTP stand-in for the API server that records what kubectl POSTs.

Usage: capture_server.py CAPTURE_DIR
Prints the port it listens on (127.0.0.1, ephemeral), then serves until killed. Every POST body is
written to CAPTURE_DIR/last_post.bin and its Content-Type to CAPTURE_DIR/last_post.ct, so the
driving script can file them under a name after each kubectl command.
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CAPTURE_DIR = sys.argv[1]

VERSION = {"major": "1", "minor": "33", "gitVersion": "v1.33.1", "gitCommit": "capture",
           "gitTreeState": "clean", "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.24",
           "compiler": "gc", "platform": "linux/amd64"}
CORE_RESOURCES = {"groupVersion": "v1", "kind": "APIResourceList", "apiVersion": "v1", "resources": [
    {"name": "nodes", "singularName": "node", "namespaced": False, "kind": "Node",
     "verbs": ["get", "list", "watch"], "shortNames": ["no"]},
    {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
     "verbs": ["create", "get", "list", "watch", "delete"], "shortNames": ["po"]},
]}
NODE = {"kind": "Node", "apiVersion": "v1",
        "metadata": {"name": "node1", "uid": "00000000-0000-0000-0000-000000000001",
                     "labels": {"kubernetes.io/hostname": "node1", "kubernetes.io/os": "linux"}},
        "status": {"nodeInfo": {"operatingSystem": "linux", "architecture": "amd64"}}}
GETS = {
    "/version": VERSION,
    "/api": {"kind": "APIVersions", "versions": ["v1"]},
    "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": []},
    "/api/v1": CORE_RESOURCES,
    "/api/v1/nodes/node1": NODE,
}
# POST path suffix -> (apiVersion, kind) of the minimal object echoed back.
KINDS = [("/token", "authentication.k8s.io/v1", "TokenRequest"), ("/secrets", "v1", "Secret"),
         ("/configmaps", "v1", "ConfigMap"), ("/namespaces", "v1", "Namespace"),
         ("/serviceaccounts", "v1", "ServiceAccount"), ("/pods", "v1", "Pod")]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # keep the test output quiet
        pass

    def send_json(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path in GETS:
            self.send_json(200, GETS[path])
        else:
            self.send_json(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                                 "reason": "NotFound", "code": 404, "message": path + " not found"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(os.path.join(CAPTURE_DIR, "last_post.bin"), "wb") as f:
            f.write(body)
        with open(os.path.join(CAPTURE_DIR, "last_post.ct"), "w") as f:
            f.write(self.headers.get("Content-Type", ""))
        path = self.path.split("?", 1)[0]
        for suffix, api_version, kind in KINDS:
            if path.endswith(suffix):
                obj = {"kind": kind, "apiVersion": api_version, "metadata": {"name": "captured"}}
                if kind == "TokenRequest":
                    obj["status"] = {"token": "tok-captured"}
                if kind == "Pod":  # kubectl debug reads the first container's name back
                    obj["spec"] = {"containers": [{"name": "debugger", "image": "busybox"}]}
                self.send_json(201, obj)
                return
        self.send_json(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": 404})


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

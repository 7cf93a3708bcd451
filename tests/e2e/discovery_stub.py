#!/usr/bin/python3
"""TEST DOUBLE of a Kubernetes API server's discovery endpoints, for the render test only.

kubectl needs discovery to map kinds to resources even for --dry-run=client. Until the
project's simulator serves these (issue: simulated API server), this stub answers legacy
discovery for exactly the groups render emits and 404 for every object GET. It listens on
127.0.0.1 on a free port and prints the port on stdout.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RESOURCES = {
    "/api/v1": [("persistentvolumeclaims", "PersistentVolumeClaim", True), ("configmaps", "ConfigMap", True),
                ("secrets", "Secret", True), ("namespaces", "Namespace", False)],
    "/apis/imageregistry.operator.openshift.io/v1": [("configs", "Config", False)],
    "/apis/machineconfiguration.openshift.io/v1": [("machineosconfigs", "MachineOSConfig", False)],
}


def resource_list(gv, items):
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv.replace("/apis/", "").replace("/api/", ""),
            "resources": [{"name": n, "singularName": k.lower(), "namespaced": ns, "kind": k,
                           "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]} for n, k, ns in items]}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/api":
            return self.reply(200, {"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": []})
        if path == "/apis":
            groups = [{"name": g.split("/")[2], "versions": [{"groupVersion": g[6:], "version": "v1"}],
                       "preferredVersion": {"groupVersion": g[6:], "version": "v1"}} for g in RESOURCES if g.startswith("/apis/")]
            return self.reply(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
        if path in RESOURCES:
            return self.reply(200, resource_list(path, RESOURCES[path]))
        if path == "/version":
            return self.reply(200, {"major": "1", "minor": "33", "gitVersion": "v1.33.0"})
        self.reply(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound",
                         "message": "not found", "code": 404})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()

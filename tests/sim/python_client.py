#!/usr/bin/python3
"""Debian's python3-kubernetes against `doca-layer sim`: list, watch, create, patch, delete, logs."""
import sys
import threading

from kubernetes import client, config, watch

config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
co = client.CustomObjectsApi()
ns = "py-" + sys.argv[2]

v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
names = [n.metadata.name for n in v1.list_node().items]
assert names == ["master-0"], names

events = []
ready = threading.Event()


def watcher():
    w = watch.Watch()
    for ev in w.stream(v1.list_namespaced_config_map, ns, timeout_seconds=5):
        events.append((ev["type"], ev["object"].metadata.name, dict(ev["object"].data or {})))
        if ev["type"] == "DELETED":
            w.stop()


t = threading.Thread(target=watcher)
t.start()
import time
time.sleep(0.5)
v1.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="pycm", labels={"x": "y"}), data={"a": "1"}))
v1.patch_namespaced_config_map("pycm", ns, {"data": {"b": "2"}})
v1.patch_namespaced_config_map("pycm", ns, [{"op": "replace", "path": "/data/a", "value": "3"}])
listed = v1.list_namespaced_config_map(ns, label_selector="x=y", field_selector="metadata.name=pycm")
assert [c.metadata.name for c in listed.items] == ["pycm"], listed
assert listed.items[0].data == {"a": "3", "b": "2"}, listed.items[0].data
v1.delete_namespaced_config_map("pycm", ns)
t.join(10)
types = [e[0] for e in events]
assert types == ["ADDED", "MODIFIED", "MODIFIED", "DELETED"], events

pools = co.list_cluster_custom_object("machineconfiguration.openshift.io", "v1", "machineconfigpools")
assert sorted(p["metadata"]["name"] for p in pools["items"]) == ["master", "worker"], pools
co.patch_cluster_custom_object("machineconfiguration.openshift.io", "v1", "machineconfigpools", "worker",
                               {"metadata": {"labels": {"py": "patched"}}})
assert co.get_cluster_custom_object("machineconfiguration.openshift.io", "v1", "machineconfigpools", "worker")["metadata"]["labels"]["py"] == "patched"

pods = v1.list_namespaced_pod("openshift-image-registry").items
log = v1.read_namespaced_pod_log(pods[0].metadata.name, "openshift-image-registry")
assert "managementState is Removed" in log, log

try:
    v1.read_namespaced_config_map("nope", ns)
    raise AssertionError("expected 404")
except client.exceptions.ApiException as e:
    import json
    assert e.status == 404 and json.loads(e.body)["message"] == 'configmaps "nope" not found', e.body
v1.delete_namespace(ns)
print("python_client: ok")

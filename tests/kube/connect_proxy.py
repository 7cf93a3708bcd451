#!/usr/bin/python3
"""A tiny HTTP CONNECT proxy for the client's proxy tests (test double of a corporate proxy).

Usage: connect_proxy.py PORTFILE LOGFILE [LIFETIME_SECONDS]
Listens on 127.0.0.1 (any free port), writes "port pid" to PORTFILE, appends each
"CONNECT host:port" it serves (and each Proxy-Authorization it saw, as present/absent) to
LOGFILE, tunnels bytes both ways, and exits after LIFETIME_SECONDS (default 60).
"""
import os
import select
import socket
import sys
import threading
import time


def relay(a, b):
    socks = [a, b]
    try:
        while True:
            readable, _, _ = select.select(socks, [], [], 30)
            if not readable:
                return
            for s in readable:
                data = s.recv(65536)
                if not data:
                    return
                (b if s is a else a).sendall(data)
    except OSError:
        return
    finally:
        a.close()
        b.close()


def serve(client, log):
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = client.recv(4096)
        if not chunk:
            client.close()
            return
        head += chunk
    lines = head.split(b"\r\n")
    method, target, _ = lines[0].decode().split(" ", 2)
    auth = any(l.lower().startswith(b"proxy-authorization:") for l in lines[1:])
    with open(log, "a") as f:
        f.write(f"{method} {target} proxy-auth={'present' if auth else 'absent'}\n")
    if method != "CONNECT":
        client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
        client.close()
        return
    host, port = target.rsplit(":", 1)
    upstream = socket.create_connection((host.strip("[]"), int(port)))
    client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    relay(client, upstream)


def main():
    portfile, log = sys.argv[1], sys.argv[2]
    lifetime = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.5)
    with open(portfile + ".tmp", "w") as f:
        f.write(f"{server.getsockname()[1]} {os.getpid()}\n")
    os.rename(portfile + ".tmp", portfile)
    end = time.time() + lifetime
    while time.time() < end:
        try:
            client, _ = server.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(client, log), daemon=True).start()


if __name__ == "__main__":
    main()

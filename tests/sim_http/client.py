#!/usr/bin/python3
"""Real-client driver for the dl_sim_http tests: Python's http.client and ssl against the server.

Each subcommand prints plain lines the C++ test checks; exit code 0 on success.
"""
import argparse
import http.client
import socket
import ssl
import sys
import threading


def context(ca):
    ctx = ssl.create_default_context(cafile=ca)
    ctx.check_hostname = True
    return ctx


def connect(args):
    return http.client.HTTPSConnection(args.host, args.port, context=context(args.ca), timeout=20)


def cmd_get(args):
    conn = connect(args)
    for _ in range(args.n):
        conn.request("GET", args.path)
        resp = conn.getresponse()
        print(resp.status, resp.read().decode())
    conn.close()


def cmd_chunked_post(args):
    conn = connect(args)
    parts = [p.encode() for p in args.parts]
    conn.request("POST", args.path, body=iter(parts), encode_chunked=True,
                 headers={"Content-Type": "text/plain"})
    resp = conn.getresponse()
    print(resp.status, resp.read().decode())


def cmd_stream(args):
    stream = connect(args)
    acks = connect(args)
    stream.request("GET", args.path)
    resp = stream.getresponse()
    print("status", resp.status, resp.getheader("Transfer-Encoding"))
    n = 0
    while True:
        line = resp.readline()
        if not line:
            break
        n += 1
        print("line", line.decode().rstrip("\n"))
        acks.request("GET", "/ack?n=%d" % n)
        acks.getresponse().read()
    print("end", n)


def cmd_stream_then_close(args):
    conn = connect(args)
    conn.request("GET", args.path)
    resp = conn.getresponse()
    print("first", resp.readline().decode().rstrip("\n"))
    sys.stdout.flush()
    conn.sock.close()


def worker(args, index, failures):
    try:
        conn = connect(args)
        for i in range(args.requests):
            conn.request("GET", "/echo?c=%d&i=%d" % (index, i))
            resp = conn.getresponse()
            body = resp.read().decode()
            if resp.status != 200 or body != "c=%d&i=%d" % (index, i):
                failures.append("conn %d request %d: %d %r" % (index, i, resp.status, body))
        conn.close()
    except Exception as e:  # noqa: BLE001 - report every failure kind
        failures.append("conn %d: %r" % (index, e))


def cmd_concurrent(args):
    failures = []
    threads = [threading.Thread(target=worker, args=(args, i, failures)) for i in range(args.conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for f in failures:
        print("FAIL", f)
    print("done", args.conns * args.requests, "failures", len(failures))


def cmd_raw(args):
    data = args.data.encode().decode("unicode_escape").encode("latin-1").replace(b"{PAD}", b"x" * args.pad)
    raw = socket.create_connection((args.host, args.port), timeout=10)
    sock = context(args.ca).wrap_socket(raw, server_hostname=args.host)
    sock.sendall(data)
    out = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            out += chunk
    except (ConnectionResetError, ssl.SSLError) as e:
        out += ("\n<%s>" % type(e).__name__).encode()
    sys.stdout.write(out.decode("latin-1"))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--ca", required=True)
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("get")
    g.add_argument("path")
    g.add_argument("--n", type=int, default=1)
    c = sub.add_parser("chunked-post")
    c.add_argument("path")
    c.add_argument("parts", nargs="+")
    s = sub.add_parser("stream")
    s.add_argument("path")
    sc = sub.add_parser("stream-then-close")
    sc.add_argument("path")
    k = sub.add_parser("concurrent")
    k.add_argument("--conns", type=int, default=50)
    k.add_argument("--requests", type=int, default=20)
    r = sub.add_parser("raw")
    r.add_argument("data", help="bytes to send; Python escapes like \\r\\n are decoded")
    r.add_argument("--pad", type=int, default=0, help="replace {PAD} with this many 'x' bytes")
    args = p.parse_args()
    {"get": cmd_get, "chunked-post": cmd_chunked_post, "stream": cmd_stream,
     "stream-then-close": cmd_stream_then_close, "concurrent": cmd_concurrent, "raw": cmd_raw}[args.cmd](args)


if __name__ == "__main__":
    main()

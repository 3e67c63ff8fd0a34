#!/usr/bin/env python3
"""Benchmark (not a test): time from saving a release to the preview server's reload event.

Usage: reload_latency.py WARTA_BINARY SITE_DIR [RUNS]

Starts `warta serve` on SITE_DIR (a copy is edited, never the original), opens the Server-Sent
Events stream like a browser does, appends a sentence to one press release, and measures until
`event: reload` arrives. Prints the start-up build time, min / median / max over RUNS edits, and how
long the server took to exit after SIGTERM.
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

warta, source = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7

site = tempfile.mkdtemp(prefix="warta-bench-")
for item in ("site.yml", "content", "site-templates"):
    src = os.path.join(source, item)
    (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, item))
press = os.path.join(site, "content", "press")
target = os.path.join(press, sorted(os.listdir(press))[len(os.listdir(press)) // 2])

def rss(pid):
    """Resident memory of the server in KiB, from /proc (None where there is no /proc)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration):
        return None


with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
started = time.time()
samples = []
server = subprocess.Popen([warta, "serve", "--site", site, "--port", str(port), "--now", "2026-01-01T00:00:00+07:00"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.time() - started > 600 or server.poll() is not None:
                sys.exit("server did not start")
            time.sleep(0.05)
    startup = time.time() - started

    events = socket.create_connection(("127.0.0.1", port))
    # The preview answers only its own address (DNS rebinding), as a browser would send it.
    events.sendall(f"GET /.warta/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    buffered = b""
    while b": connected" not in buffered:
        buffered += events.recv(4096)

    for n in range(runs):
        time.sleep(0.3)  # let the previous rebuild settle
        with open(target, "a", encoding="utf-8") as f:
            t0 = time.perf_counter()
            f.write(f"\nKalimat tambahan nomor {n} untuk mengukur waktu pratinjau.\n")
        buffered = b""
        while b"event: reload" not in buffered:
            chunk = events.recv(4096)
            if not chunk:
                sys.exit("event stream closed")
            buffered += chunk
        samples.append((time.perf_counter() - t0) * 1000)
        if n == 0:
            rss_first = rss(server.pid)
    rss_last = rss(server.pid)
    events.close()
    items = sum(len(files) for _, _, files in os.walk(os.path.join(site, "content")) if files)
    print(f"site: {source} ({items} content files)")
    print(f"start-up (first full build, then listening): {startup * 1000:.0f} ms")
    print(f"save to reload event over {runs} edits: min {min(samples):.0f} ms, "
          f"median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms")
    if rss_first and rss_last:
        print(f"server RSS after the first rebuild {rss_first / 1024:.0f} MiB, after rebuild {runs} {rss_last / 1024:.0f} MiB "
              f"({(rss_last - rss_first) * 100 / rss_first:+.1f} %)")
finally:
    # Ended through its own pid; stopping removes the preview's private output folder, which on a busy
    # disk can take a while; past 300 s it is killed. Always reaped.
    stopping = time.time()
    server.terminate()
    try:
        server.wait(timeout=300)
        if samples:
            print(f"stop (SIGTERM to exit): {(time.time() - stopping) * 1000:.0f} ms")
    except subprocess.TimeoutExpired:
        print("the server did not stop within 300 s of SIGTERM; killed")
        server.kill()
        server.wait()
    shutil.rmtree(site, ignore_errors=True)

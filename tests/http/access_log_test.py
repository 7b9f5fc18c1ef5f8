#!/usr/bin/python3
"""The access log of `pairwise serve` is complete: one line per request, written out within
about a second while the server runs (its lines are gathered in memory and written in batches),
all of them at a graceful stop, and never a one-time token.

A `pairwise serve` process on SQLite, its stderr to a file: REQUESTS requests over four
keep-alive connections, each with its own X-Request-Id, half of them carrying a token in the
query; then
  while running -- within 3 s every request's id is in the log (spdlog flushes the batch once a
                   second);
  at the stop   -- after SIGTERM the log holds each id exactly once, in a line of its request,
                   and no token.

Usage: access_log_test.py PAIRWISE_BINARY
"""
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REQUESTS = 4000
CONNECTIONS = 4


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def logged_ids(path):
    with open(path, errors="replace") as f:
        return re.findall(r" id=(acc-\d+)\b", f.read())


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="pairwise-access-log-") as tmp:
        port = free_port()
        log_path = os.path.join(tmp, "server.log")
        with open(log_path, "w") as log:
            proc = subprocess.Popen(
                [binary, "--log-level", "info", "--database",
                 "sqlite:" + os.path.join(tmp, "pairwise.db"), "serve", "--listen",
                 "127.0.0.1:%d" % port], stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.time() + 60
            while True:
                if proc.poll() is not None:
                    fail("pairwise serve ended: " + open(log_path).read())
                try:
                    urllib.request.urlopen("http://127.0.0.1:%d/api/v1/health" % port, timeout=1)
                    break
                except Exception:
                    if time.time() > deadline:
                        fail("pairwise serve did not answer")
                    time.sleep(0.1)

            connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                           for _ in range(CONNECTIONS)]
            for i in range(REQUESTS):
                target = "/api/v1/health?n=%d" % i
                if i % 2:
                    target += "&token=SECRET%d" % i
                c = connections[i % CONNECTIONS]
                c.request("GET", target, headers={"X-Request-Id": "acc-%d" % i})
                r = c.getresponse()
                r.read()
                if r.status != 200:
                    fail("GET %s answered %d" % (target, r.status))
            for c in connections:
                c.close()
            sent = time.time()

            expected = {"acc-%d" % i for i in range(REQUESTS)}
            while True:
                seen = set(logged_ids(log_path))
                if seen == expected:
                    print("while running: all %d lines in the log %.2f s after the last answer" %
                          (REQUESTS, time.time() - sent), flush=True)
                    break
                if time.time() - sent > 3:
                    fail("3 s after the last answer the log holds %d of the %d requests' lines" %
                         (len(seen & expected), REQUESTS))
                time.sleep(0.05)
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    fail("pairwise serve did not stop on SIGTERM")

        text = open(log_path, errors="replace").read()
        ids = logged_ids(log_path)
        if sorted(ids) != sorted(expected):
            fail("after the stop the log holds %d ids (%d distinct) for %d requests" %
                 (len(ids), len(set(ids)), REQUESTS))
        for i in (0, 1, REQUESTS - 1):
            line = next(l for l in text.splitlines() if l.endswith(" id=acc-%d" % i))
            if " GET /api/v1/health?n=%d" % i not in line or " 200 " not in line:
                fail("the line of request %d does not show it: %s" % (i, line))
        if "SECRET" in text:
            fail("a token is in the access log: " +
                 next(l for l in text.splitlines() if "SECRET" in l))
        print("at the stop: %d lines, one per request, no token" % len(ids), flush=True)


if __name__ == "__main__":
    main()

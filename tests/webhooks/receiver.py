#!/usr/bin/env python3
"""A webhook receiver for the tests: python3's http.server on a loopback port.

Every POST is checked the way a receiver should: the Pairwise-Signature header
("t=<unix seconds>,v1=<hex>") must be the HMAC-SHA256, keyed with the secret, of "<t>.<body>",
and t within five minutes of now. Each request is written to DIR/<n>.json as
{"valid": bool, "why": str, "event": str, "delivery": str, "body": str} and answered 204 when
valid, 401 when not; with --fail-first N the first N requests are answered 503 (to exercise
retries). DIR/ready appears once the server listens. The secret is read from DIR/secret at each
request (the test writes it once the endpoint exists).
"""
import argparse
import hashlib
import hmac
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--dir", required=True)
parser.add_argument("--fail-first", type=int, default=0)
args = parser.parse_args()
lock = threading.Lock()
count = 0


def check(secret, header, body):
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts:
        return False, "no t or v1 in the signature header"
    if abs(time.time() - int(parts["t"])) > 300:
        return False, "the timestamp is too old"
    expected = hmac.new(secret.encode(), (parts["t"] + ".").encode() + body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, parts["v1"]):
        return False, "the signature does not match"
    return True, ""


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock:
            count += 1
            n = count
        try:
            with open(os.path.join(args.dir, "secret")) as f:
                secret = f.read().strip()
        except OSError:
            secret = ""
        valid, why = check(secret, self.headers.get("Pairwise-Signature", ""), body)
        record = {"valid": valid, "why": why, "event": self.headers.get("Pairwise-Event", ""),
                  "delivery": self.headers.get("Pairwise-Delivery", ""), "body": body.decode()}
        status = 503 if n <= args.fail_first else (204 if valid else 401)
        record["answered"] = status
        path = os.path.join(args.dir, f"{n}.json")
        with open(path + ".tmp", "w") as f:
            json.dump(record, f)
        os.rename(path + ".tmp", path)
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *a):
        pass


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
open(os.path.join(args.dir, "ready"), "w").close()
server.serve_forever()

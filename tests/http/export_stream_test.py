#!/usr/bin/python3
"""An export is written to disk as its rows are read and sent from disk: the server's memory does
not grow by the file's size, and a client that leaves mid-download leaves no file behind.

Against a `pairwise serve` process on SQLite with a directory of PEOPLE people (imported with
`pairwise import people`), as an admin:
  memory     -- the people export as CSV and as XLSX, each downloaded in pieces to a file: the
                server's peak resident memory (VmHWM in /proc/<pid>/status, reset to the
                present just before) grows by less than a quarter of the file's size (warmed
                first by an export that reads every row and matches none). Python's csv module (strict) and openpyxl read the files:
                a row per person.
  disconnect -- a client asks for the CSV export, reads the first piece and closes the
                connection: while it was reading, the server held the export open as one
                unnamed file (no pairwise-export-* name in its temporary directory); once it
                left, the server holds no export file and none is on disk, and it keeps serving
                (the health check, the export again).

Usage: export_stream_test.py PAIRWISE_BINARY
"""
import csv
import hashlib
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

PEOPLE = 20000
PASSWORD = "export-stream-test-password"


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def note(message):
    print(message, flush=True)


def people_csv(path):
    # Long titles that compress badly make files of some megabytes (the XLSX is zipped), so the
    # old behaviour (the whole file in memory) stands well clear of the bound.
    with open(path, "w") as f:
        f.write("employee_id,first_name,last_name,email,department,site,time_zone,job_title,"
                "level,manager_employee_id,hire_date,status,languages\r\n")
        for i in range(1, PEOPLE + 1):
            manager = "" if i == 1 else "S%06d" % ((i - 2) // 8 + 1)
            noise = hashlib.sha256(b"%d" % i).hexdigest()
            f.write("S%06d,First%d,Last%d,s%d@example.com,Department %d,Site %d,Europe/London,"
                    "Engineer %s %s,%d,%s,2020-01-01,active,en\r\n" %
                    (i, i, i, i, i % 12, i % 3, noise, noise[::-1], 1 + i % 9, manager))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status_kb(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    fail("no %s for the server" % field)


def reset_peak(pid):
    """Sets the server's VmHWM to its present resident size (proc(5), clear_refs "5"), so the
    peak read afterwards is the peak of what follows, not of anything before."""
    with open("/proc/%d/clear_refs" % pid, "w") as f:
        f.write("5")


def open_export_files(pid):
    """The server's descriptors on export files ("... (deleted)" once unlinked)."""
    out = []
    fd_dir = "/proc/%d/fd" % pid
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if "pairwise-export-" in target:
            out.append(target)
    return out


def named_export_files(directory):
    return [n for n in os.listdir(directory) if n.startswith("pairwise-export-")]


class Server:
    def __init__(self, binary, tmp):
        self.binary = binary
        self.database = "sqlite:" + os.path.join(tmp, "pairwise.db")
        self.exports = os.path.join(tmp, "exports")
        os.makedirs(self.exports)
        self.env = dict(os.environ, TMPDIR=self.exports, PAIRWISE_NOTES_KEY="cd" * 32)
        self.port = free_port()
        self.log = open(os.path.join(tmp, "server.log"), "w+")
        self.proc = None
        self.cookie = ""

    def run(self, *args, stdin=None):
        result = subprocess.run([self.binary, "--log-level", "warn", "--database", self.database] +
                                list(args), input=stdin, capture_output=True, text=True,
                                env=self.env)
        if result.returncode != 0:
            fail("pairwise %s: %s %s" % (" ".join(args), result.stdout, result.stderr))
        return result.stdout

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "--log-level", "warn", "--database", self.database, "serve",
             "--listen", "127.0.0.1:%d" % self.port], stdout=self.log, stderr=subprocess.STDOUT,
            env=self.env)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                fail("pairwise serve ended: " + self.log.read())
            try:
                urllib.request.urlopen(self.url("/api/v1/health"), timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        fail("pairwise serve did not answer")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def sign_in(self, email):
        body = json.dumps({"email": email, "password": PASSWORD}).encode()
        request = urllib.request.Request(self.url("/api/v1/auth/sign-in"), data=body,
                                         method="POST")
        request.add_header("Content-Type", "application/json")
        request.add_header("Origin", self.url(""))
        with urllib.request.urlopen(request, timeout=30) as r:
            self.cookie = r.headers["Set-Cookie"].split(";")[0]

    def download(self, target, path):
        """GETs target into path in 64 KiB pieces; returns the response."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        conn.request("GET", target, headers={"Cookie": self.cookie})
        r = conn.getresponse()
        size = 0
        with open(path, "wb") as out:
            while True:
                piece = r.read(65536)
                if not piece:
                    break
                size += len(piece)
                out.write(piece)
        conn.close()
        if r.status != 200:
            with open(path, "rb") as f:
                fail("GET %s: %d %s" % (target, r.status, f.read()[:300]))
        length = int(r.getheader("Content-Length", "-1"))
        if length != size:
            fail("GET %s: Content-Length %d but %d bytes came" % (target, length, size))
        return r


def case_memory(server, tmp):
    pid = server.proc.pid
    # Warm up: every row read, none matched (the directory's pages, the code paths).
    for fmt in ("csv", "xlsx"):
        server.download("/api/v1/people/export?format=%s&q=nobody-is-called-this" % fmt,
                        os.path.join(tmp, "warm." + fmt))
    for fmt in ("csv", "xlsx"):
        path = os.path.join(tmp, "people." + fmt)
        reset_peak(pid)
        before = status_kb(pid, "VmHWM")
        r = server.download("/api/v1/people/export?format=" + fmt, path)
        after = status_kb(pid, "VmHWM")
        size = os.path.getsize(path)
        grown = (after - before) * 1024
        note("memory: %s export of %d bytes; the server's peak grew by %d bytes (from %d kB)" %
             (fmt, size, grown, before))
        if size < 2 * 1024 * 1024:
            fail("the %s export is too small (%d bytes) for the check to mean anything" %
                 (fmt, size))
        if grown >= size // 4:
            fail("the server's peak memory grew by %d bytes for a %s file of %d bytes "
                 "(bound: a quarter of the file)" % (grown, fmt, size))
        expected_type = ("text/csv" if fmt == "csv" else "application/vnd.openxmlformats")
        if not r.getheader("Content-Type", "").startswith(expected_type):
            fail("Content-Type " + r.getheader("Content-Type", ""))
        if 'filename="people.%s"' % fmt not in r.getheader("Content-Disposition", ""):
            fail("Content-Disposition " + r.getheader("Content-Disposition", ""))
        if fmt == "csv":
            with open(path, newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f, strict=True))
            heading = 1
        else:
            from openpyxl import load_workbook
            book = load_workbook(path, read_only=True, data_only=True)
            rows = list(book.worksheets[0].iter_rows(values_only=True))
            heading = 2  # the title, the headings
        if len(rows) != PEOPLE + heading:
            fail("%s: %d rows read, expected %d" % (fmt, len(rows), PEOPLE + heading))
        if rows[heading][0] != "S000001" or rows[-1][0] != "S%06d" % PEOPLE:
            fail("%s: first/last rows %r %r" % (fmt, rows[heading], rows[-1]))
    if named_export_files(server.exports) or open_export_files(pid):
        fail("export files left after the downloads: %r %r" %
             (named_export_files(server.exports), open_export_files(pid)))


def case_disconnect(server, tmp):
    pid = server.proc.pid
    s = socket.socket()
    # A small receive window: the server cannot push the whole file into the kernel's buffers.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16384)
    s.connect(("127.0.0.1", server.port))
    s.sendall(("GET /api/v1/people/export?format=csv HTTP/1.1\r\nHost: x\r\nCookie: %s\r\n\r\n" %
               server.cookie).encode())
    received = b""
    while len(received) < 100000:
        piece = s.recv(16384)
        if not piece:
            fail("the server closed before the body was under way")
        received += piece
    if not received.startswith(b"HTTP/1.1 200"):
        fail("the export did not start: %r" % received[:200])
    # The answer is under way: the server holds the file, which has no name.
    deadline = time.time() + 10
    while not open_export_files(pid) and time.time() < deadline:
        time.sleep(0.05)
    held = open_export_files(pid)
    if len(held) != 1 or not held[0].endswith("(deleted)"):
        fail("mid-download the server should hold one unnamed export file, holds %r" % held)
    if named_export_files(server.exports):
        fail("an export file has a name: %r" % named_export_files(server.exports))
    s.close()
    deadline = time.time() + 15
    while open_export_files(pid) and time.time() < deadline:
        time.sleep(0.05)
    if open_export_files(pid):
        fail("the server still holds %r after the client left" % open_export_files(pid))
    if named_export_files(server.exports):
        fail("files left: %r" % named_export_files(server.exports))
    note("disconnect: the export file was closed once the client left, and nothing is on disk")
    with urllib.request.urlopen(server.url("/api/v1/health"), timeout=10) as r:
        if r.status != 200:
            fail("health after the disconnect: %d" % r.status)
    server.download("/api/v1/people/export?format=csv&q=First12345", os.path.join(tmp, "again.csv"))


def main():
    if len(sys.argv) != 2:
        fail("usage: export_stream_test.py PAIRWISE_BINARY")
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="pairwise-streamtest-") as tmp:
        server = Server(binary, tmp)
        started = time.time()
        server.run("migrate")
        people = os.path.join(tmp, "people.csv")
        people_csv(people)
        server.run("import", "people", people, "--confirm-new")
        server.run("account", "create-admin", "--employee-id", "S000001", "--password-file", "-",
                   stdin=PASSWORD + "\n")
        note("set up %d people in %.1f s" % (PEOPLE, time.time() - started))
        server.start()
        try:
            server.sign_in("s1@example.com")
            case_memory(server, tmp)
            case_disconnect(server, tmp)
        finally:
            server.stop()
        note("PASS in %.1f s" % (time.time() - started))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""kill -9 of the `pairwise` process on PostgreSQL leaves the database consistent.

Three cases, each on its own database of the cluster PAIRWISE_TEST_POSTGRES_URL names:
  migrate  -- `pairwise migrate` on an empty database, killed while its transaction has written:
              afterwards the recorded schema version matches the tables (none and no version,
              or every migration and exactly the tables of a clean migration), and migrating
              again succeeds.
  import   -- `pairwise import people` of a 5,000-person file, killed while its transaction
              has written: afterwards nobody or everybody is stored (departments too), and the
              import run again stores everybody.
  publish  -- `pairwise serve` with the demo organization, a matching run of the demo program,
              then publish, killed while the publishing transaction has written relationships:
              afterwards the proposal is published with one relationship per pair, or it is not
              published and has none; after a restart publishing completes.

The kill is aimed: the test watches pg_stat_activity and sends SIGKILL as soon as a backend of
the process holds a transaction id (it has written) with the statement of the case, so each
kill lands inside the transaction, not before or after it.

Usage: pg_kill9_test.py PAIRWISE_BINARY [case...]. Exit 77 (skipped) when
PAIRWISE_TEST_POSTGRES_URL is unset, unless PAIRWISE_REQUIRE_POSTGRES=1.
"""
import http.cookiejar
from contextlib import closing
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

SKIP = 77


def fail(message):
    print("FAIL: " + message, flush=True)
    sys.exit(1)


def note(message):
    print(message, flush=True)


try:
    import psycopg2
except ImportError:
    fail("python3-psycopg2 is missing (scripts/install-deps.sh installs it)")

BASE_URL = os.environ.get("PAIRWISE_TEST_POSTGRES_URL", "")


def url_for(database):
    parts = urllib.parse.urlsplit(BASE_URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + database))


def connect(database):
    conn = psycopg2.connect(url_for(database))
    conn.autocommit = True
    return conn


def fresh_database(name):
    with closing(connect(urllib.parse.urlsplit(BASE_URL).path.lstrip("/"))) as admin:
        cur = admin.cursor()
        cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                    (name,))
        cur.execute('DROP DATABASE IF EXISTS "%s"' % name)
        cur.execute('CREATE DATABASE "%s"' % name)
    return name


def scalar(conn, sql, args=()):
    cur = conn.cursor()
    cur.execute(sql, args)
    row = cur.fetchone()
    return None if row is None else row[0]


def tables(conn):
    cur = conn.cursor()
    cur.execute("SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' ORDER BY 1")
    return [r[0] for r in cur.fetchall()]


def kill_when_writing(proc, conn, database, statement_pattern, timeout=300):
    """SIGKILL `proc` as soon as a backend on `database` holds a transaction id while running
    (or having last run) a statement matching `statement_pattern`. True when it did; False when
    the process ended first."""
    pattern = re.compile(statement_pattern, re.IGNORECASE | re.DOTALL)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            return False
        cur = conn.cursor()
        cur.execute("SELECT query FROM pg_stat_activity WHERE datname = %s AND pid <> "
                    "pg_backend_pid() AND backend_xid IS NOT NULL", (database,))
        if any(pattern.search(q or "") for (q,) in cur.fetchall()):
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
    proc.kill()
    fail("timed out waiting for a writing transaction matching " + statement_pattern)


def wait_backends_gone(conn, database):
    """After the kill the server notices the closed socket and rolls back: wait for that."""
    for _ in range(300):
        if scalar(conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                        "pg_backend_pid()", (database,)) == 0:
            return
        time.sleep(0.05)
    fail("the killed process's connections did not end")


def run(binary, database, *args, check=True):
    result = subprocess.run([binary, "--log-level", "warn", "--database", url_for(database)] +
                            list(args), capture_output=True, text=True)
    if check and result.returncode != 0:
        fail("pairwise %s failed: %s %s" % (" ".join(args), result.stdout, result.stderr))
    return result


def start(binary, database, *args):
    # stderr to a file, not a pipe nobody reads while the process runs (it would block).
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([binary, "--log-level", "warn", "--database", url_for(database)] +
                            list(args), stdout=subprocess.DEVNULL, stderr=log)
    proc.log = log
    return proc


def log_of(proc):
    proc.log.seek(0)
    return proc.log.read().decode(errors="replace")


# --- migrate -------------------------------------------------------------------------------

def case_migrate(binary):
    reference = fresh_database("pairwise_kill9_reference")
    run(binary, reference, "migrate")
    with closing(connect(reference)) as conn:
        want_tables = tables(conn)
        want_version = scalar(conn, "SELECT max(version) FROM schema_migrations")
    kills = 0
    # Early (the first DDL), in the middle (the proposals tables) and late (meetings, among the
    # last migrations): a statement may run by between two looks, so not every aim lands.
    for attempt, aim in enumerate([r"CREATE|ALTER|INSERT", r"proposal", r"meeting"]):
        database = fresh_database("pairwise_kill9_migrate")
        with closing(connect(database)) as watch:
            proc = start(binary, database, "migrate")
            if not kill_when_writing(proc, watch, database, aim):
                note("migrate attempt %d: finished before a statement matching %s was seen" %
                     (attempt + 1, aim))
                continue
            kills += 1
            wait_backends_gone(watch, database)
            got = tables(watch)
            version = (scalar(watch, "SELECT max(version) FROM schema_migrations")
                       if "schema_migrations" in got else None)
            if version is None:
                if got not in ([], ["schema_migrations"]):
                    fail("no migration recorded, yet tables exist: %s" % got)
                if "schema_migrations" in got and scalar(
                        watch, "SELECT count(*) FROM schema_migrations") != 0:
                    fail("schema_migrations is not empty without a version")
            elif version != want_version or got != want_tables:
                fail("version %s recorded with tables %s; a clean migration gives version %s "
                     "with %s" % (version, got, want_version, want_tables))
            note("migrate attempt %d: killed mid-transaction; version %s, %d tables" %
                 (attempt + 1, version, len(got)))
            run(binary, database, "migrate")
            if tables(watch) != want_tables or scalar(
                    watch, "SELECT max(version) FROM schema_migrations") != want_version:
                fail("migrating again after the kill did not give the clean schema")
    if kills == 0:
        fail("no kill landed inside the migration's transaction")


# --- import --------------------------------------------------------------------------------

PEOPLE = 5000


def people_csv(path):
    with open(path, "w") as f:
        f.write("employee_id,first_name,last_name,email,department,site,time_zone,job_title,"
                "level,manager_employee_id,hire_date,status,languages\r\n")
        for i in range(1, PEOPLE + 1):
            manager = "" if i == 1 else "K%06d" % ((i - 2) // 8 + 1)
            f.write("K%06d,First%d,Last%d,k%d@example.com,Department %d,Site %d,Europe/London,"
                    "Engineer,%d,%s,2020-01-01,active,en\r\n" %
                    (i, i, i, i, i % 12, i % 3, 1 + i % 9, manager))


def case_import(binary):
    database = fresh_database("pairwise_kill9_import")
    run(binary, database, "migrate")
    with tempfile.TemporaryDirectory() as tmp:
        csv = os.path.join(tmp, "people.csv")
        people_csv(csv)
        with closing(connect(database)) as watch:
            proc = start(binary, database, "import", "people", csv, "--confirm-new")
            if not kill_when_writing(proc, watch, database, r"people"):
                fail("the import ended before a kill could land in its transaction")
            wait_backends_gone(watch, database)
            people = scalar(watch, "SELECT count(*) FROM people")
            departments = scalar(watch, "SELECT count(*) FROM departments")
            note("import: killed mid-transaction; %d people, %d departments stored" %
                 (people, departments))
            if (people, departments) not in ((0, 0), (PEOPLE, 12)):
                fail("import left %d people and %d departments: neither none nor all" %
                     (people, departments))
            run(binary, database, "import", "people", csv, "--confirm-new")
            if scalar(watch, "SELECT count(*) FROM people") != PEOPLE:
                fail("the import run again did not store everybody")


# --- publish -------------------------------------------------------------------------------

class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Origin", self.base)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.csrf:
            request.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(request, timeout=60) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read() or b"null")

    def sign_in(self, email, password):
        status, body = self.call("POST", "/api/v1/auth/sign-in",
                                 {"email": email, "password": password})
        if status != 200:
            fail("sign-in as %s: %s %s" % (email, status, body))
        self.csrf = body["csrf_token"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(binary, database, port, demo):
    args = ["serve", "--listen", "127.0.0.1:%d" % port]
    if demo:
        args += ["--demo-if-empty", "--demo-people", "600"]
    proc = start(binary, database, *args)
    deadline = time.time() + 900  # the demo loads first (slow in a debug build)
    while time.time() < deadline:
        if proc.poll() is not None:
            fail("pairwise serve ended: " + log_of(proc))
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/api/v1/health" % port, timeout=1)
            return proc
        except Exception:
            time.sleep(0.1)
    proc.kill()
    fail("pairwise serve did not answer")


def coordinator(binary, database, base):
    logins = run(binary, database, "account", "demo-logins").stdout
    emails = re.findall(r"coordinator\W+(\S+@\S+)", logins)
    if not emails:
        fail("no demo coordinator in: " + logins)
    client = Client(base)
    client.sign_in(emails[0], "pairwise-demo")
    return client


def case_publish(binary):
    database = fresh_database("pairwise_kill9_publish")
    os.environ.setdefault("PAIRWISE_NOTES_KEY", "ab" * 32)
    port = free_port()
    base = "http://127.0.0.1:%d" % port
    proc = serve(binary, database, port, demo=True)
    try:
        client = coordinator(binary, database, base)
        status, programs = client.call("GET", "/api/v1/programs")
        items = programs.get("items", programs) if isinstance(programs, dict) else programs
        program = next(p for p in items if p["name"] == "Cross-Team Mentoring")["id"]
        status, queued = client.call("POST", "/api/v1/programs/%s/proposals" % program, {})
        if status not in (200, 201, 202):
            fail("queueing the run: %s %s" % (status, queued))
        proposal = queued["id"]
        for _ in range(1200):
            status, run_state = client.call(
                "GET", "/api/v1/programs/%s/proposals/%s" % (program, proposal))
            if run_state.get("status") in ("done", "failed", "cancelled"):
                break
            time.sleep(0.25)
        if run_state.get("status") != "done":
            fail("the run did not finish: %s" % run_state.get("status"))
        with closing(connect(database)) as watch:
            pairs = scalar(watch, "SELECT count(*) FROM proposal_pairs WHERE proposal_id = %s",
                           (proposal,))
            before = scalar(watch, "SELECT count(*) FROM relationships")
            # Publishing is a request: send it from a thread-free child so this process can
            # watch the database meanwhile.
            publisher = subprocess.Popen([
                sys.executable, "-c",
                "import sys,urllib.request;r=urllib.request.Request(sys.argv[1],data=b'',"
                "method='POST',headers={'Origin':sys.argv[2],'X-CSRF-Token':sys.argv[3],"
                "'Cookie':sys.argv[4]})\n"
                "try: urllib.request.urlopen(r,timeout=120)\nexcept Exception: pass",
                base + "/api/v1/programs/%s/proposals/%s/publish" % (program, proposal), base,
                client.csrf, "; ".join("%s=%s" % (c.name, c.value) for c in client.jar)])
            if not kill_when_writing(proc, watch, database, r"relationships"):
                fail("publishing ended before a kill could land in its transaction")
            publisher.wait()
            wait_backends_gone(watch, database)
            state = scalar(watch, "SELECT status FROM proposals WHERE id = %s", (proposal,))
            made = scalar(watch, "SELECT count(*) FROM relationships WHERE proposal_id = %s",
                          (proposal,))
            note("publish: killed mid-transaction; proposal %s, %d of %d relationships" %
                 (state, made, pairs))
            if not ((state == "published" and made == pairs) or (state == "done" and made == 0)):
                fail("after the kill the proposal is %s with %d of %d relationships" %
                     (state, made, pairs))
            if scalar(watch, "SELECT count(*) FROM relationships") - before != made:
                fail("relationships of another proposal appeared")
            # A restarted server publishes it whole.
            proc = serve(binary, database, port, demo=False)
            client = coordinator(binary, database, base)
            status, body = client.call(
                "POST", "/api/v1/programs/%s/proposals/%s/publish" % (program, proposal))
            if status != 200:
                fail("publishing after the restart: %s %s" % (status, body))
            if scalar(watch, "SELECT count(*) FROM relationships WHERE proposal_id = %s",
                      (proposal,)) != pairs:
                fail("publishing after the restart did not create every relationship")
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait()


CASES = {"migrate": case_migrate, "import": case_import, "publish": case_publish}


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    if not BASE_URL:
        if os.environ.get("PAIRWISE_REQUIRE_POSTGRES") == "1":
            fail("PAIRWISE_TEST_POSTGRES_URL is unset but PAIRWISE_REQUIRE_POSTGRES=1")
        print("SKIPPED: PAIRWISE_TEST_POSTGRES_URL is unset (scripts/pg-test.sh start gives one)")
        return SKIP
    binary = sys.argv[1]
    for name in sys.argv[2:] or list(CASES):
        started = time.time()
        CASES[name](binary)
        note("%s: consistent after kill -9 (%.1f s)" % (name, time.time() - started))
    return 0


if __name__ == "__main__":
    sys.exit(main())

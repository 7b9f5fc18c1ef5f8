#!/usr/bin/python3
"""The cluster soak (`make bench`): two `pairwise serve` on one PostgreSQL behind haproxy
(scripts/cluster.sh), driven by wrk with signed-in mixed traffic (bench/cluster/soak.lua: profile
and relationship reads, directory searches, program lists, availability writes) while a matching
run and invitation mail go through the same haproxy.

Phase 1 (SOAK_SECONDS, 60): the errors (must be 0), the servers' RSS over the phase (flat:
the last third's mean within 10% of the first third's), every session valid on both servers
directly, and each mail sent once (the SMTP sink got exactly the outbox's sent messages, no
Message-ID twice, each invited person one invitation).
Phase 2 (SOAK_KILL_SECONDS, 30): a second matching run is queued; the server that leases it is
killed with SIGKILL a few seconds in; requests keep going through haproxy (errors counted, those
in flight at the kill included), and the run is taken over by the other server when its lease
ends (MatchingService::kLease, 120 s) and finishes.

Usage: soak.py [PAIRWISE_BINARY]. Prints the figures; exits non-zero when a check fails.
"""
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                         os.path.join(ROOT, "build/release/src/cli/pairwise"))
SOAK_SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
KILL_SECONDS = int(os.environ.get("SOAK_KILL_SECONDS", "30"))
PEOPLE = os.environ.get("SOAK_PEOPLE", "20000")
INVITATIONS = int(os.environ.get("SOAK_INVITATIONS", "100"))

import psycopg2  # noqa: E402  (Debian's python3-psycopg2, scripts/install-deps.sh)

failures = []


def check(ok, message):
    print(("ok   " if ok else "FAIL ") + message, flush=True)
    if not ok:
        failures.append(message)


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""

    def call(self, method, path, body=None, base=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request((base or self.base) + path, data=data, method=method)
        request.add_header("Origin", base or self.base)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.csrf:
            request.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(request, timeout=60) as r:
                return r.status, json.loads(r.read() or b"null")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw or b"null")
            except ValueError:
                return e.code, raw.decode(errors="replace")

    def sign_in(self, email):
        status, body = self.call("POST", "/api/v1/auth/sign-in",
                                 {"email": email, "password": "pairwise-demo"})
        if status != 200:
            raise SystemExit("sign-in as %s: %s %s" % (email, status, body))
        self.csrf = body["csrf_token"]

    def cookie(self):
        return "; ".join("%s=%s" % (c.name, c.value) for c in self.jar)


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def wrk(url, seconds, sessions_file, out):
    env = dict(os.environ, SOAK_SESSIONS=sessions_file)
    return subprocess.Popen(["wrk", "-t2", "-c32", "-d%ds" % seconds, "--timeout", "10s", "-s",
                             os.path.join(ROOT, "bench/cluster/soak.lua"), url],
                            stdout=out, stderr=subprocess.STDOUT, env=env, text=True)


def soak_line(text):
    m = re.search(r"^SOAK (.*)$", text, re.M)
    return dict(kv.split("=") for kv in m.group(1).split()) if m else {}


def main():
    workdir = tempfile.mkdtemp(prefix="pairwise-soak.")
    os.chmod(workdir, 0o755)  # PostgreSQL (its own user) keeps its data below
    cluster_dir = os.path.join(workdir, "cluster")
    env = dict(os.environ, PAIRWISE_BINARY=BINARY, CLUSTER_DIR=cluster_dir, DEMO_PEOPLE=PEOPLE)
    print("==> cluster: %s, %s people, database PostgreSQL 15" % (BINARY, PEOPLE), flush=True)
    cluster_log = open(os.path.join(workdir, "cluster.log"), "w+")
    cluster = subprocess.Popen([os.path.join(ROOT, "scripts/cluster.sh")], env=env,
                               stdout=cluster_log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        run(cluster, cluster_dir, workdir)
    except SystemExit as e:
        cluster_log.seek(0)
        print(cluster_log.read()[-3000:])
        failures.append(str(e))
    finally:
        if cluster.poll() is None:
            os.kill(cluster.pid, signal.SIGTERM)
        cluster.wait()
    print("==> soak: %s" % ("all checks passed" if not failures else
                            "%d check(s) failed" % len(failures)), flush=True)
    return 1 if failures else 0


def run(cluster, cluster_dir, workdir):
    env_file = os.path.join(cluster_dir, "cluster.env")
    for _ in range(6000):
        if os.path.exists(env_file) or cluster.poll() is not None:
            break
        time.sleep(0.1)
    if not os.path.exists(env_file):
        raise SystemExit("the cluster did not start")
    cfg = dict(line.strip().split("=", 1) for line in open(env_file) if "=" in line)
    url = cfg["CLUSTER_URL"]
    servers = {int(cfg["SERVER1_PID"]): cfg["SERVER1_URL"],
               int(cfg["SERVER2_PID"]): cfg["SERVER2_URL"]}
    db = psycopg2.connect(cfg["DATABASE_URL"])
    db.autocommit = True

    def q(sql, args=()):
        cur = db.cursor()
        cur.execute(sql, args)
        return cur.fetchall()

    logins = dict(re.findall(r"^\s+(\w+)\s+(\S+@\S+)$", open(cfg["DEMO_LOGINS"]).read(), re.M))
    clients = []
    for role in sorted(logins):
        for _ in range(2):
            c = Client(url)
            c.sign_in(logins[role])
            clients.append((role, c))
    sessions_file = os.path.join(workdir, "sessions.txt")
    with open(sessions_file, "w") as f:
        for _, c in clients:
            f.write("%s %s %s\n" % (c.cookie(), c.csrf, url))
    admin = next(c for r, c in clients if r == "admin")
    coordinator = next(c for r, c in clients if r == "coordinator")
    status, programs = coordinator.call("GET", "/api/v1/programs")
    items = programs.get("items", programs) if isinstance(programs, dict) else programs
    program = next(p for p in items if p["name"] == "Cross-Team Mentoring")["id"]

    # People to invite: those without an account.
    with_account = {r[0] for r in q("SELECT p.employee_id FROM people p JOIN accounts a "
                                   "ON a.person_id = p.id")}
    invitees = [r[0] for r in q("SELECT employee_id FROM people WHERE status = 'active' "
                                "ORDER BY employee_id LIMIT %s", (INVITATIONS * 2,))
                if r[0] not in with_account][:INVITATIONS]

    # --- phase 1 ---------------------------------------------------------------------------
    print("==> phase 1: %d s of mixed traffic through haproxy, a matching run, %d invitations" %
          (SOAK_SECONDS, len(invitees)), flush=True)
    status, queued = coordinator.call("POST", "/api/v1/programs/%s/proposals" % program, {})
    check(status in (200, 201, 202), "matching run queued through haproxy (%s)" % status)
    first_run = queued.get("id") if isinstance(queued, dict) else None
    invited = []
    invite_errors = []

    def invite():
        gap = SOAK_SECONDS * 0.8 / max(1, len(invitees))
        for employee_id in invitees:
            s, body = admin.call("POST", "/api/v1/accounts/invitations",
                                 {"employee_id": employee_id, "roles": []})
            (invited if s in (200, 201) else invite_errors).append((employee_id, s, body))
            time.sleep(gap)

    rss = {pid: [] for pid in servers}
    stop_sampling = threading.Event()

    def sample():
        while not stop_sampling.wait(1.0):
            for pid in servers:
                v = rss_kb(pid)
                if v:
                    rss[pid].append(v)

    inviter = threading.Thread(target=invite)
    sampler = threading.Thread(target=sample)
    with open(os.path.join(workdir, "wrk1.txt"), "w+") as out:
        w = wrk(url, SOAK_SECONDS, sessions_file, out)
        inviter.start()
        sampler.start()
        w.wait()
        stop_sampling.set()
        inviter.join()
        sampler.join()
        out.seek(0)
        text = out.read()
    figures = soak_line(text)
    for line in re.findall(r"^SOAK-EXAMPLE .*$", text, re.M):
        print("  " + line)
    print("phase 1: %s requests in %s s = %s requests/s, p50 %s ms, p99 %s ms, %s HTTP errors, "
          "%s socket errors" % (figures.get("requests"), figures.get("seconds"),
                                figures.get("rps"), figures.get("p50_ms"), figures.get("p99_ms"),
                                figures.get("http_errors"), figures.get("socket_errors")))
    check(figures and figures["http_errors"] == "0" and figures["socket_errors"] == "0",
          "phase 1: no errors")
    check(not invite_errors, "invitations: %d sent, %d refused %s" %
          (len(invited), len(invite_errors), invite_errors[:2]))
    for pid, samples in rss.items():
        third = max(1, len(samples) // 3)
        first, last = samples[:third], samples[-third:]
        a, b = sum(first) / len(first), sum(last) / len(last)
        print("server %d RSS: %.1f MB (first third mean) -> %.1f MB (last third mean), "
              "max %.1f MB" % (pid, a / 1024, b / 1024, max(samples) / 1024))
        check(b <= a * 1.10, "server %d memory flat (%+.1f%%)" % (pid, (b / a - 1) * 100))
    valid = 0
    for _, c in clients:
        for base in servers.values():
            s, _ = c.call("GET", "/api/v1/me/profile", base=base)
            valid += s == 200
    check(valid == 2 * len(clients), "sessions valid on both servers directly: %d of %d" %
          (valid, 2 * len(clients)))

    # The first run finishes (one of the two servers ran it).
    for _ in range(600):
        state = q("SELECT status, claimed_by FROM proposals WHERE id = %s", (first_run,))
        if state and state[0][0] in ("done", "failed", "cancelled"):
            break
        time.sleep(0.5)
    check(state and state[0][0] == "done", "first matching run done (%s)" % (state,))

    # --- phase 2 ---------------------------------------------------------------------------
    print("==> phase 2: %d s, a second matching run; its server is killed with SIGKILL" %
          KILL_SECONDS, flush=True)
    victim = None
    with open(os.path.join(workdir, "wrk2.txt"), "w+") as out:
        w = wrk(url, KILL_SECONDS, sessions_file, out)
        time.sleep(3)  # traffic first, then the run, then the kill while it runs
        status, queued = coordinator.call("POST", "/api/v1/programs/%s/proposals" % program, {})
        check(status in (200, 201, 202), "second matching run queued (%s)" % status)
        second_run = queued.get("id") if isinstance(queued, dict) else None
        deadline = time.time() + KILL_SECONDS / 2
        while time.time() < deadline and victim is None:
            row = q("SELECT status, claimed_by FROM proposals WHERE id = %s", (second_run,))
            if row and row[0][0] == "running" and row[0][1]:
                owner = int(row[0][1].split("-")[-2])
                if owner in servers:
                    victim = owner
                    break
            time.sleep(0.02)
        if victim is None:
            victim = next(iter(servers))
            print("the run was not seen running: killing server %d anyway" % victim)
        killed_at = time.time()
        os.kill(victim, signal.SIGKILL)
        print("killed server %d (%s), the run's lease holder, with SIGKILL" %
              (victim, servers[victim]), flush=True)
        w.wait()
        out.seek(0)
        text = out.read()
    figures = soak_line(text)
    for line in re.findall(r"^SOAK-EXAMPLE .*$", text, re.M):
        print("  " + line)
    print("phase 2: %s requests in %s s = %s requests/s, p99 %s ms, %s HTTP errors, %s socket "
          "errors" % (figures.get("requests"), figures.get("seconds"), figures.get("rps"),
                      figures.get("p99_ms"), figures.get("http_errors"),
                      figures.get("socket_errors")))
    survivor = next(p for p in servers if p != victim)
    ok_after = 0
    for _ in range(20):
        s, _ = clients[0][1].call("GET", "/api/v1/me/profile")
        ok_after += s == 200
    check(ok_after == 20, "after the kill, %d of 20 requests through haproxy succeed" % ok_after)
    print("waiting for the run's lease to end and the other server to take it over...",
          flush=True)
    for _ in range(2400):
        row = q("SELECT status, claimed_by FROM proposals WHERE id = %s", (second_run,))
        if row and row[0][0] in ("done", "failed", "cancelled"):
            break
        time.sleep(0.1)
    took = time.time() - killed_at
    # A finished run keeps no claim; the killed server cannot have finished it, so the survivor
    # did, once the lease the dead server held had ended.
    check(row and row[0][0] == "done",
          "the killed server's run was taken over and finished by server %d %.0f s after the "
          "kill (the lease is 120 s)" % (survivor, took))

    # --- mail ------------------------------------------------------------------------------
    for _ in range(600):
        pending = q("SELECT count(*) FROM mail_outbox WHERE status = 'queued'")[0][0]
        if pending == 0:
            break
        time.sleep(0.5)
    sent = q("SELECT count(*) FROM mail_outbox WHERE status = 'sent'")[0][0]
    mail_dir = cfg["MAIL_DIR"]
    ids, recipients = [], []
    for name in os.listdir(mail_dir):
        if name.endswith(".eml"):
            text = open(os.path.join(mail_dir, name), errors="replace").read()
            m = re.search(r"^Message-ID:\s*(\S+)", text, re.M | re.I)
            ids.append(m.group(1) if m else name)
            envelope = open(os.path.join(mail_dir, name[:-4] + ".env")).read().split("\n")
            recipients += [r for r in envelope[1:] if r]
    duplicates = len(ids) - len(set(ids))
    print("mail: %d sent by the outbox, %d received by the sink, %d duplicate Message-IDs, "
          "%d still queued" % (sent, len(ids), duplicates, pending))
    check(sent == len(ids) and duplicates == 0 and pending == 0, "each mail sent once")
    emails = {r[0]: r[1] for r in q("SELECT employee_id, email FROM people")}
    once = sum(1 for e, _, _ in invited if recipients.count(emails.get(e, "?")) == 1)
    check(once == len(invited), "each invited person got one invitation: %d of %d" %
          (once, len(invited)))


if __name__ == "__main__":
    sys.exit(main())

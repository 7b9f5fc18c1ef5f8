#!/usr/bin/python3
"""A real SMTP server on loopback for the mail tests (aiosmtpd, Debian's python3-aiosmtpd).

Each accepted message is written to DIR/<n>.eml (the DATA exactly as received, dot-stuffing
undone by the server) with DIR/<n>.env holding "MAIL FROM" then each "RCPT TO" on its own
line. When the server listens, the file DIR/ready appears. --reject CODE answers every RCPT
with that code (e.g. 550 or 451). --tls starttls|implicit with --cert and --key offers STARTTLS
(and then requires it) or speaks TLS from the first byte; --auth USER:PASSWORD requires AUTH
(PLAIN or LOGIN, only over TLS; --auth-exclude PLAIN leaves one out) with those credentials, and DIR/<n>.auth records who signed in.
Stops on SIGTERM.
"""
import argparse
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, directory, reject):
        self.directory = directory
        self.reject = reject
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject:
            return f"{self.reject} {'5.1.1' if self.reject >= 500 else '4.3.0'} not now"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.directory, str(n))
        with open(base + ".tmp", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".env", "w") as f:
            f.write("\n".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        if session.authenticated:
            with open(base + ".auth", "w") as f:
                f.write(session.auth_data.login.decode() + "\n")
        os.rename(base + ".tmp", base + ".eml")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--reject", type=int, default=0)
    parser.add_argument("--tls", choices=["starttls", "implicit"])
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--auth")
    parser.add_argument("--auth-exclude", action="append", default=[])
    args = parser.parse_args()
    options = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        if args.tls == "starttls":
            options.update(tls_context=context, require_starttls=True)
        else:
            options.update(ssl_context=context)
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = auth_data.login.decode() == user and auth_data.password.decode() == password
            # handled=False: aiosmtpd then answers a failure with 535 itself.
            return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)

        # aiosmtpd counts only STARTTLS as TLS; with implicit TLS every byte is encrypted anyway.
        options.update(authenticator=authenticator, auth_required=True,
                       auth_require_tls=args.tls != "implicit",
                       auth_exclude_mechanism=args.auth_exclude)
    controller = Controller(Sink(args.dir, args.reject), hostname="127.0.0.1", port=args.port,
                            **options)
    controller.start()
    open(os.path.join(args.dir, "ready"), "w").close()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()

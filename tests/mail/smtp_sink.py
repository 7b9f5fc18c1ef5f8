#!/usr/bin/python3
"""A real SMTP server on loopback for the mail tests (aiosmtpd, Debian's python3-aiosmtpd).

Each accepted message is written to DIR/<n>.eml (the DATA exactly as received, dot-stuffing
undone by the server) with DIR/<n>.env holding "MAIL FROM" then each "RCPT TO" on its own
line. When the server listens, the file DIR/ready appears. --reject CODE answers every RCPT
with that code (e.g. 550 or 451). Stops on SIGTERM.
"""
import argparse
import os
import signal
import threading

from aiosmtpd.controller import Controller


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
        os.rename(base + ".tmp", base + ".eml")
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--reject", type=int, default=0)
    args = parser.parse_args()
    controller = Controller(Sink(args.dir, args.reject), hostname="127.0.0.1", port=args.port)
    controller.start()
    open(os.path.join(args.dir, "ready"), "w").close()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()

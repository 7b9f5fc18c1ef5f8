#!/usr/bin/env python3
"""An OpenID Connect provider for tests, on loopback over HTTPS, built on python3-authlib.

It has its own signing keys (RSA for RS256, P-256 for ES256), serves discovery, the JWKS, an
authorization endpoint (a sign-in form where one types an email or employee id, as a real
provider would ask) and a token endpoint (client_secret_basic or _post, PKCE S256 checked,
codes single use). The form's `mode` field makes it issue a bad ID token on purpose:

  rs256 / es256     a good token signed with the RSA or EC key
  wrong_signature   signed by a key that is not in the JWKS (but claims its key id)
  wrong_audience    issued for another client
  expired           expired an hour ago
  wrong_issuer      names another issuer
  replay            the previous good ID token again (its nonce belongs to another sign-in)
  rotate            signed by a new RSA key that appears in the JWKS only now
  none              alg "none", unsigned

Writes DIR/ready once it listens; stops on SIGTERM.
"""

import argparse
import base64
import html
import json
import os
import secrets
import signal
import ssl
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from authlib.jose import JsonWebKey, jwt
from authlib.oauth2.rfc7636 import create_s256_code_challenge


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--client-id", default="pairwise")
    parser.add_argument("--client-secret", default="provider secret")
    args = parser.parse_args()

    issuer = f"https://127.0.0.1:{args.port}"
    rsa_key = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "rsa-1"})
    ec_key = JsonWebKey.generate_key("EC", "P-256", is_private=True, options={"kid": "ec-1"})
    # Claims the key id of the RSA key but is another key: its signatures cannot verify.
    impostor = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": "rsa-1"})
    lock = threading.RLock()
    state = {"keys": [rsa_key, ec_key], "codes": {}, "last_token": None}

    def public_jwks():
        keys = []
        for k in state["keys"]:
            d = k.as_dict(is_private=False)
            d["use"] = "sig"
            d["alg"] = "RS256" if d["kty"] == "RSA" else "ES256"
            keys.append(d)
        return {"keys": keys}

    def sign(claims, mode):
        if mode == "es256":
            return jwt.encode({"alg": "ES256", "kid": "ec-1"}, claims, ec_key).decode()
        if mode == "wrong_signature":
            return jwt.encode({"alg": "RS256", "kid": "rsa-1"}, claims, impostor).decode()
        if mode == "rotate":
            kid = "rsa-" + secrets.token_hex(4)
            fresh = JsonWebKey.generate_key("RSA", 2048, is_private=True, options={"kid": kid})
            with lock:
                state["keys"].append(fresh)
            return jwt.encode({"alg": "RS256", "kid": kid}, claims, fresh).decode()
        if mode == "none":
            def b64(d):
                return base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()
            return b64({"alg": "none"}) + "." + b64(claims) + "."
        return jwt.encode({"alg": "RS256", "kid": "rsa-1"}, claims, rsa_key).decode()

    def id_token(grant):
        mode = grant["mode"]
        if mode == "replay" and state["last_token"]:
            return state["last_token"]
        now = int(time.time())
        login = grant["login"]
        claims = {
            "iss": "https://other.example" if mode == "wrong_issuer" else issuer,
            "sub": "sub-" + login,
            "aud": "another-client" if mode == "wrong_audience" else args.client_id,
            "iat": now - 7200 if mode == "expired" else now,
            "exp": now - 3600 if mode == "expired" else now + 600,
            "nonce": grant["nonce"],
            "name": "Test Person",
        }
        if "@" in login:
            claims["email"] = login
            claims["email_verified"] = True
        else:
            claims["employee_id"] = login
        token = sign(claims, mode)
        if mode in ("rs256", "es256", "rotate"):
            state["last_token"] = token
        return token

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *a):
            sys.stderr.write("oidc_provider: " + (fmt % a) + "\n")

        def send(self, status, body, content_type="application/json", headers=()):
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def send_json(self, status, obj):
            self.send(status, json.dumps(obj))

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/.well-known/openid-configuration":
                return self.send_json(200, {
                    "issuer": issuer,
                    "authorization_endpoint": issuer + "/authorize",
                    "token_endpoint": issuer + "/token",
                    "jwks_uri": issuer + "/jwks",
                    "response_types_supported": ["code"],
                    "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": ["RS256", "ES256"],
                    "code_challenge_methods_supported": ["S256"],
                    "token_endpoint_auth_methods_supported":
                        ["client_secret_basic", "client_secret_post"],
                })
            if url.path == "/jwks":
                with lock:
                    return self.send_json(200, public_jwks())
            if url.path == "/authorize":
                problem = self.check_authorize(query)
                if problem:
                    return self.send(400, problem, "text/plain")
                hidden = "".join(
                    f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                    for k, v in query.items())
                page = f"""<!doctype html><html lang="en"><head><title>Test provider</title></head>
<body><main><h1>Test identity provider</h1>
<form method="post" action="/authorize">{hidden}
<label>Email or employee id <input name="login" autocomplete="username"></label>
<label>Token <select name="mode"><option>rs256</option><option>es256</option></select></label>
<button type="submit">Continue</button></form></main></body></html>"""
                return self.send(200, page, "text/html; charset=utf-8")
            self.send_json(404, {"error": "not_found"})

        def check_authorize(self, q):
            if q.get("response_type") != "code":
                return "response_type must be code"
            if q.get("client_id") != args.client_id:
                return "unknown client"
            if "openid" not in q.get("scope", "").split():
                return "scope must include openid"
            if not q.get("state") or not q.get("nonce") or not q.get("redirect_uri"):
                return "state, nonce and redirect_uri are required"
            if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
                return "PKCE S256 is required"
            return None

        def read_form(self):
            length = int(self.headers.get("Content-Length", "0"))
            return dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))

        def do_POST(self):
            url = urllib.parse.urlsplit(self.path)
            form = self.read_form()
            if url.path == "/authorize":
                problem = self.check_authorize(form)
                if problem:
                    return self.send(400, problem, "text/plain")
                code = secrets.token_urlsafe(24)
                with lock:
                    state["codes"][code] = {
                        "login": form.get("login", ""), "mode": form.get("mode", "rs256"),
                        "nonce": form["nonce"], "challenge": form["code_challenge"],
                        "redirect_uri": form["redirect_uri"], "at": time.time()}
                target = form["redirect_uri"] + ("&" if "?" in form["redirect_uri"] else "?") + \
                    urllib.parse.urlencode({"code": code, "state": form["state"]})
                return self.send(302, "", "text/plain", [("Location", target)])
            if url.path == "/token":
                client_id, secret = form.get("client_id"), form.get("client_secret")
                auth = self.headers.get("Authorization", "")
                if auth.startswith("Basic "):
                    pair = base64.b64decode(auth[6:]).decode()
                    cid, _, sec = pair.partition(":")
                    client_id, secret = urllib.parse.unquote(cid), urllib.parse.unquote(sec)
                if client_id != args.client_id or secret != args.client_secret:
                    return self.send_json(401, {"error": "invalid_client"})
                if form.get("grant_type") != "authorization_code":
                    return self.send_json(400, {"error": "unsupported_grant_type"})
                with lock:
                    grant = state["codes"].pop(form.get("code", ""), None)
                if not grant or time.time() - grant["at"] > 60:
                    return self.send_json(400, {"error": "invalid_grant"})
                if form.get("redirect_uri") != grant["redirect_uri"]:
                    return self.send_json(400, {"error": "invalid_grant"})
                verifier = form.get("code_verifier", "")
                if create_s256_code_challenge(verifier) != grant["challenge"]:
                    return self.send_json(400, {"error": "invalid_grant",
                                                "error_description": "PKCE verifier mismatch"})
                with lock:
                    token = id_token(grant)
                return self.send_json(200, {"access_token": secrets.token_urlsafe(24),
                                            "token_type": "Bearer", "expires_in": 600,
                                            "id_token": token})
            self.send_json(404, {"error": "not_found"})

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    with open(os.path.join(args.dir, "ready"), "w") as f:
        f.write(issuer)
    server.serve_forever()


if __name__ == "__main__":
    main()

"""The real `foyer` binary as a test fixture: start it on a free port, wait for /healthz, stop it."""
import os
import signal
import socket
import subprocess
import tempfile
import time

import requests

BINARY = os.environ.get("FOYER_BINARY", ".build/debug/foyer")
BOOTSTRAP = "e2e-bootstrap-token-0123456789"
PASSWORD = "correct horse battery"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Foyer:
    """One `foyer serve` process; start() waits until /healthz answers."""

    def __init__(self, args, env=None):
        self.port = free_port()
        self.args = args
        # Most tests read without signing in and create accounts quickly; the access tests say otherwise.
        self.env = {**os.environ, "FOYER_BOOTSTRAP_TOKEN": BOOTSTRAP, "FOYER_AUTH_ALLOW_GUESTS": "true",
                    "FOYER_AUTH_BCRYPT_COST": "4", **(env or {})}
        self.process = None
        self.log = tempfile.NamedTemporaryFile(prefix="foyer-e2e-", suffix=".log", delete=False)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=30):
        self.process = subprocess.Popen(
            [BINARY, "serve", "--port", str(self.port), *self.args],
            env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"foyer exited with {self.process.returncode}:\n{self.output()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise AssertionError("foyer did not answer /healthz in time:\n" + self.output())

    def output(self):
        with open(self.log.name) as f:
            return f.read()

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError("foyer did not stop in time")
        return self.process.returncode

    def admin(self):
        return {"Authorization": f"Bearer {BOOTSTRAP}"}

    def create_account(self, username, role="viewer", password=PASSWORD):
        """An account made by an admin over the API (already there is fine)."""
        answer = requests.post(self.url + "/api/auth/accounts", json={"username": username, "password": password, "role": role},
                               headers=self.admin())
        assert answer.status_code in (201, 409), answer.text

    def session_as(self, username, role="viewer"):
        """A `requests.Session` signed in as `username` the way a browser is: through the demo's
        picker on a demo server, else through the password form; it sends the form token as a header."""
        session = requests.Session()
        session.get(self.url + "/sign-in")
        token = session.cookies.get("foyer_csrf")
        if "--demo" in self.args:
            answer = session.post(self.url + "/sign-in/as", data={"user": f"user:default/{username}", "csrf": token}, allow_redirects=False)
        else:
            self.create_account(username, role)
            answer = session.post(self.url + "/sign-in", data={"username": username, "password": PASSWORD, "csrf": token},
                                  allow_redirects=False)
        assert answer.status_code == 303, answer.text
        session.headers["X-CSRF-Token"] = session.cookies.get("foyer_csrf")
        return session

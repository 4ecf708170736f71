"""Fixtures that run the real `foyer` binary against SQLite and a real PostgreSQL."""
import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from urllib.parse import urlparse, urlunparse

import pytest
import requests

BINARY = os.environ.get("FOYER_BINARY", ".build/debug/foyer")
BOOTSTRAP = "e2e-bootstrap-token-0123456789"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Foyer:
    """One `foyer serve` process; start() waits until /healthz answers."""

    def __init__(self, args, env=None):
        self.port = free_port()
        self.args = args
        self.env = {**os.environ, "FOYER_BOOTSTRAP_TOKEN": BOOTSTRAP, **(env or {})}
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


@pytest.fixture
def serve():
    """Factory: serve(args, env) starts a server; all are stopped at the end of the test."""
    started = []

    def start(args, env=None):
        server = Foyer(args, env).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop(signal.SIGKILL)


def run_foyer(*args, env=None, timeout=60):
    """Runs a foyer command to completion; returns the CompletedProcess."""
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def data_dir(tmp_path):
    return str(tmp_path / "data")


def postgres_admin_url():
    url = os.environ.get("FOYER_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("FOYER_TEST_POSTGRES_URL is not set (scripts/test sets it)")
    return url


@pytest.fixture
def postgres_url():
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin = postgres_admin_url()
    name = "foyer_e2e_" + uuid.uuid4().hex[:12]
    subprocess.run(["psql", admin, "-q", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    parts = urlparse(admin)
    yield urlunparse(parts._replace(path="/" + name))
    subprocess.run(["psql", admin, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


@pytest.fixture(params=["sqlite", "postgres"])
def storage_args(request, tmp_path):
    """Command-line storage flags for each engine: a data folder, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return ["--data-dir", str(tmp_path / "data")]
    return ["--database", request.getfixturevalue("postgres_url")]

"""Fixtures that run the real `foyer` binary against SQLite and a real PostgreSQL."""
import os
import signal
import subprocess
import sys
import uuid
from urllib.parse import urlparse, urlunparse

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from foyer_server import BINARY, BOOTSTRAP, Foyer, free_port  # noqa: E402,F401  (re-exported to the tests)


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

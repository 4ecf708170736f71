"""The foyer binary as an operator meets it: start, persist, stop, crash, restart."""
import os
import signal
import socket
import threading
import time

import requests

from conftest import Foyer, run_foyer


def create_token(server, name, role="viewer"):
    response = requests.post(server.url + "/api/auth/tokens", json={"name": name, "role": role},
                             headers=server.admin(), timeout=10)
    assert response.status_code == 201, response.text
    return response.json()


def list_token_ids(server):
    response = requests.get(server.url + "/api/auth/tokens", headers=server.admin(), timeout=10)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def test_empty_data_folder_gets_its_sqlite_file_and_answers_healthz(serve, data_dir):
    server = serve(["--data-dir", data_dir])
    assert requests.get(server.url + "/healthz").status_code == 200
    assert requests.get(server.url + "/readyz").status_code == 200
    assert os.path.isfile(os.path.join(data_dir, "foyer.sqlite"))


def test_restart_on_the_same_storage_keeps_the_data(serve, storage_args):
    first = serve(storage_args)
    token = create_token(first, "kept")
    assert first.stop() == 0
    second = serve(storage_args)
    assert token["token"]["id"] in list_token_ids(second)
    response = requests.get(second.url + "/api/auth/tokens", headers={"Authorization": "Bearer " + token["secret"]})
    assert response.status_code == 403  # the viewer token still authenticates after the restart


def test_sigterm_lets_an_in_flight_request_finish_and_exits_zero(serve, data_dir):
    server = serve(["--data-dir", data_dir])
    body = b'{"name":"in-flight","role":"viewer"}'
    sock = socket.create_connection(("127.0.0.1", server.port))
    head = (f"POST /api/auth/tokens HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {server.admin()['Authorization'][7:]}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    sock.sendall(head + body[:10])
    time.sleep(0.3)
    server.process.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    sock.sendall(body[10:])
    reply = b""
    sock.settimeout(10)
    while b"\r\n\r\n" not in reply:
        chunk = sock.recv(4096)
        if not chunk:
            break
        reply += chunk
    sock.close()
    assert reply.startswith(b"HTTP/1.1 201"), reply[:200]
    server.process.wait(timeout=15)
    assert server.process.returncode == 0, server.output()
    assert "Foyer stopped" in server.output()


def test_sigint_stops_gracefully_with_exit_zero(serve, data_dir):
    server = serve(["--data-dir", data_dir])
    assert server.stop(signal.SIGINT) == 0


def test_sigkill_during_writes_loses_nothing_acknowledged(serve, storage_args):
    server = serve(storage_args)
    acknowledged = []
    stop = threading.Event()

    def writer():
        while not stop.is_set():
            try:
                response = requests.post(server.url + "/api/auth/tokens", json={"name": "w", "role": "viewer"},
                                         headers=server.admin(), timeout=5)
            except requests.RequestException:
                return
            if response.status_code == 201:
                acknowledged.append(response.json()["token"]["id"])

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    server.process.send_signal(signal.SIGKILL)
    stop.set()
    for thread in threads:
        thread.join()
    server.process.wait()
    assert len(acknowledged) > 10

    restarted = serve(storage_args)
    stored = set(list_token_ids(restarted))
    assert set(acknowledged) <= stored


def test_demo_loads_into_an_empty_database_and_says_so(serve, data_dir):
    server = serve(["--data-dir", data_dir, "--demo"])
    assert "loaded the demo organisation" in server.output()


def test_demo_never_touches_a_database_that_holds_data(serve, data_dir):
    first = serve(["--data-dir", data_dir])
    create_token(first, "existing")
    first.stop()
    second = serve(["--data-dir", data_dir, "--demo"])
    assert "demo organisation not loaded: the database already holds data" in second.output()
    assert "loaded the demo organisation" not in second.output()


def test_environment_variables_configure_serve(serve, data_dir):
    server = serve([], env={"FOYER_DATA_DIR": data_dir, "FOYER_MAX_BODY_SIZE": "2048"})
    big = {"name": "x" * 4000, "role": "viewer"}
    response = requests.post(server.url + "/api/auth/tokens", json=big, headers=server.admin())
    assert response.status_code == 413
    assert response.json()["error"]["name"] == "PayloadTooLargeError"
    assert os.path.isfile(os.path.join(data_dir, "foyer.sqlite"))


def test_config_file_configures_serve_and_flags_win(serve, tmp_path):
    config = tmp_path / "foyer.yaml"
    config.write_text(f"dataDir: {tmp_path / 'from-file'}\nlogLevel: warning\n")
    server = serve(["--config", str(config), "--log-level", "info"])
    assert os.path.isfile(tmp_path / "from-file" / "foyer.sqlite")
    assert "Foyer is serving" in server.output()

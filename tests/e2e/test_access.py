"""Identity and access end to end, on SQLite and PostgreSQL: accounts from the command line,
single sign-on from a trusted proxy only, closed servers, and secrets kept out of the logs."""
import subprocess

import requests

from conftest import BINARY, run_foyer

PASSWORD = "a long enough passphrase"
CLOSED = {"FOYER_AUTH_ALLOW_GUESTS": "false"}


def create_user(storage_args, *args, password=PASSWORD):
    return subprocess.run([BINARY, "user", "create", *storage_args, *args], input=password + "\n", capture_output=True, text=True,
                          timeout=60)


def signed_in(server, username, password=PASSWORD):
    session = requests.Session()
    session.get(server.url + "/sign-in")
    answer = session.post(server.url + "/sign-in", data={"username": username, "password": password, "csrf": session.cookies.get("foyer_csrf")},
                          allow_redirects=False)
    return session, answer


def test_an_account_made_on_the_command_line_signs_in_and_is_linked_to_its_catalog_user(serve, storage_args, tmp_path):
    catalog = tmp_path / "catalog-info.yaml"
    catalog.write_text("apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: jane\nspec:\n  profile: {email: jane@example.com}\n  memberOf: []\n")
    server = serve(storage_args + ["--catalog", str(catalog), "--catalog-allowed-roots", str(tmp_path)], env=CLOSED)
    made = create_user(storage_args, "--username", "j.doe", "--email", "Jane@Example.com", "--role", "editor")
    assert made.returncode == 0, made.stderr
    assert "linked to user:default/jane" in made.stdout
    weak = create_user(storage_args, "--username", "weak", password="short")
    assert weak.returncode != 0 and "at least 10 characters" in weak.stderr
    commands = requests.get(server.url + "/api/audit", params={"method": "CLI"}, headers=server.admin()).json()["items"]
    assert commands[0]["path"] == "user create j.doe as editor" and commands[0]["actor"].startswith("cli:"), commands
    listed = run_foyer("user", "list", *storage_args)
    assert "j.doe" in listed.stdout and "editor" in listed.stdout and PASSWORD not in listed.stdout

    session, answer = signed_in(server, "J.Doe")
    assert answer.status_code == 303, answer.text
    me = session.get(server.url + "/api/auth/me").json()
    assert me == {"name": "j.doe", "role": "editor", "source": "session", "user": "user:default/jane"}
    assert requests.get(server.url + "/api/catalog/entities").status_code == 401
    assert session.get(server.url + "/api/catalog/entities").status_code == 200

    disabled = run_foyer("user", "disable", *storage_args, "j.doe")
    assert disabled.returncode == 0, disabled.stderr
    assert session.get(server.url + "/api/auth/me").status_code == 401, "disabling ends the session"
    assert signed_in(server, "j.doe")[1].status_code == 401


def test_the_proxy_signs_people_in_only_from_its_trusted_address(serve, storage_args):
    trusted = serve(storage_args + ["--auth-trusted-proxies", "127.0.0.1"], env=CLOSED)
    me = requests.get(trusted.url + "/api/auth/me", headers={"X-Forwarded-Email": "Sam@Example.com", "X-Forwarded-User": "sam"})
    assert me.status_code == 200, me.text
    assert me.json()["name"] == "sam" and me.json()["source"] == "proxy" and me.json()["role"] == "viewer"
    page = requests.get(trusted.url + "/catalog", headers={"X-Forwarded-User": "sam", "Accept": "text/html"}, allow_redirects=False)
    assert page.status_code == 200
    # A write with the proxy's identity still needs the page's form token: the proxy adds its
    # headers to any request the browser makes, including one another site triggered.
    forged = requests.post(trusted.url + "/api/feedback/helpful", json={"subject": "x", "helpful": True}, headers={"X-Forwarded-User": "sam"})
    assert forged.status_code == 403

    # An account an admin made before sign-on is found by its name; a forwarded Authorization
    # header of the proxy's own does not push the person aside; the audit log names the browser.
    trusted.create_account("kim")
    kim = requests.get(trusted.url + "/api/auth/me", headers={"X-Forwarded-User": "kim", "X-Forwarded-Email": "kim@example.com",
                                                            "Authorization": "Bearer an-id-token-of-the-proxy"})
    assert kim.status_code == 200 and kim.json()["name"] == "kim" and kim.json()["source"] == "proxy", kim.text
    session = requests.Session()
    session.get(trusted.url + "/sign-in", headers={"X-Forwarded-User": "sam"})
    token = session.cookies.get("foyer_csrf")
    helped = session.post(trusted.url + "/api/feedback/helpful", json={"subject": "page:/x", "helpful": True},
                          headers={"X-Forwarded-User": "sam", "X-CSRF-Token": token, "X-Forwarded-For": "198.51.100.7"})
    assert helped.status_code in (201, 403), helped.text
    audit = requests.get(trusted.url + "/api/audit", params={"path": "/api/feedback/helpful"}, headers=trusted.admin()).json()["items"]
    assert audit[0]["address"] == "198.51.100.7", audit[0]
    made = requests.get(trusted.url + "/api/audit", params={"method": "PROXY"}, headers=trusted.admin()).json()["items"]
    assert any("sam" in entry["path"] for entry in made), made
    trusted.stop()

    elsewhere = serve(storage_args + ["--auth-trusted-proxies", "10.9.9.9"], env=CLOSED)
    ignored = requests.get(elsewhere.url + "/api/auth/me", headers={"X-Forwarded-Email": "sam@example.com", "X-Forwarded-User": "sam"})
    assert ignored.status_code == 401, "headers from an untrusted address name nobody"


def test_a_bad_proxy_address_stops_the_start_with_one_clear_line(data_dir):
    result = run_foyer("serve", "--data-dir", data_dir, "--auth-trusted-proxies", "proxy.internal", timeout=30)
    assert result.returncode != 0
    assert "foyer: error:" in result.stderr and "proxy.internal" in result.stderr


def test_passwords_and_session_secrets_never_reach_the_log(serve, storage_args):
    server = serve(storage_args + ["--log-level", "trace"], env=CLOSED)
    server.create_account("logged", password=PASSWORD)
    session, answer = signed_in(server, "logged")
    assert answer.status_code == 303
    secret = session.cookies.get("foyer_session")
    assert secret and session.get(server.url + "/api/auth/me").status_code == 200
    signed_in(server, "logged", password="a wrong guess here")
    log = server.output()
    assert "sign-in" in log
    for text in (PASSWORD, "a wrong guess here", secret, "$2b$"):
        assert text not in log, text


def test_secrets_can_come_from_files_as_mounted_container_secrets(serve, data_dir, tmp_path):
    secret = tmp_path / "bootstrap-token"
    secret.write_text("token-from-a-file-0123456789\n")
    server = serve(["--data-dir", data_dir], env={"FOYER_BOOTSTRAP_TOKEN": "", "FOYER_BOOTSTRAP_TOKEN_FILE": str(secret), **CLOSED})
    me = requests.get(server.url + "/api/auth/me", headers={"Authorization": "Bearer token-from-a-file-0123456789"})
    assert me.status_code == 200 and me.json()["role"] == "admin"
    missing = run_foyer("serve", "--data-dir", data_dir, env={"FOYER_BOOTSTRAP_TOKEN_FILE": str(tmp_path / "nope")}, timeout=30)
    assert missing.returncode != 0 and "FOYER_BOOTSTRAP_TOKEN_FILE" in missing.stderr

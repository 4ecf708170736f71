"""The command line: migrate, token, version, help, and one clear line for every bad start."""
import socket
import subprocess

from conftest import BINARY, Foyer, free_port, run_foyer


def assert_one_clear_line(result, *fragments):
    """Exit non-zero with exactly one `foyer: error:` line (log lines may precede it) and no crash."""
    assert result.returncode not in (0, None) and result.returncode > 0, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("foyer: error: ")]
    assert len(errors) == 1, result.stderr
    for fragment in fragments:
        assert fragment in errors[0], errors[0]
    for crash_sign in ("Fatal error", "Assertion failed", "crashed", "Backtrac"):
        assert crash_sign not in result.stderr, result.stderr


def serve_briefly(*args, env=None):
    return run_foyer("serve", "--port", str(free_port()), *args, env=env, timeout=30)


def test_version_prints_the_version():
    result = run_foyer("version")
    assert result.returncode == 0
    assert result.stdout.startswith("foyer 0.")


def test_serve_help_names_every_environment_variable():
    result = run_foyer("serve", "--help")
    assert result.returncode == 0
    for variable in ["FOYER_HOST", "FOYER_PORT", "FOYER_DATA_DIR", "FOYER_DATABASE", "FOYER_CATALOG", "FOYER_DEMO",
                     "FOYER_MAX_BODY_SIZE", "FOYER_LOG_LEVEL", "FOYER_DATABASE_POOL_SIZE", "FOYER_CATALOG_REFRESH_INTERVAL",
                     "FOYER_CATALOG_ALLOWED_ROOTS", "FOYER_CATALOG_ALLOWED_HOSTS", "FOYER_CATALOG_MAX_FILE_SIZE",
                     "FOYER_INSIGHTS_RETENTION_DAYS", "FOYER_INSIGHTS_HEADCOUNT"]:
        assert variable in result.stdout


def test_migrate_dry_run_lists_pending_then_migrate_applies_them(storage_args):
    dry = run_foyer("migrate", "--dry-run", *storage_args)
    assert dry.returncode == 0, dry.stderr
    assert "core.001-api-tokens" in dry.stdout
    applied = run_foyer("migrate", *storage_args)
    assert applied.returncode == 0, applied.stderr
    assert "core.001-api-tokens" in applied.stdout
    again = run_foyer("migrate", "--dry-run", *storage_args)
    assert "No pending migrations." in again.stdout


def test_token_create_list_revoke_on_the_servers_storage(serve, storage_args):
    created = run_foyer("token", "create", "--name", "ci", "--role", "editor", *storage_args)
    assert created.returncode == 0, created.stderr
    token_id = created.stdout.split()[2]
    secret = created.stdout.strip().splitlines()[-1]
    assert secret.startswith("foyer_")

    listed = run_foyer("token", "list", *storage_args)
    assert token_id in listed.stdout and "active" in listed.stdout and secret not in listed.stdout

    import requests
    server = serve(storage_args)
    assert requests.get(server.url + "/api/auth/tokens", headers={"Authorization": "Bearer " + secret}).status_code == 403
    server.stop()

    revoked = run_foyer("token", "revoke", token_id, *storage_args)
    assert revoked.returncode == 0, revoked.stderr
    assert "revoked" in run_foyer("token", "list", *storage_args).stdout


def test_token_revoke_of_an_unknown_id_fails_clearly(data_dir):
    assert_one_clear_line(run_foyer("token", "revoke", "tok_nope", "--data-dir", data_dir), "tok_nope")


def test_bad_database_url_fails_with_one_clear_line():
    assert_one_clear_line(serve_briefly("--database", "mysql://root:secret@db/x"), "not supported")
    assert "secret" not in serve_briefly("--database", "mysql://root:secret@db/x").stderr


def test_unreachable_postgres_fails_with_one_clear_line():
    port = free_port()
    result = serve_briefly("--database", f"postgres://foyer:pw@127.0.0.1:{port}/foyer")
    assert_one_clear_line(result, "cannot connect to PostgreSQL", f"127.0.0.1:{port}", "connection refused")
    assert ":pw@" not in result.stderr


def test_unwritable_data_folder_fails_with_one_clear_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert_one_clear_line(serve_briefly("--data-dir", str(blocker / "data")), "cannot create data folder")
    assert_one_clear_line(serve_briefly("--data-dir", str(blocker)), "is not a folder")


def test_port_in_use_fails_with_one_clear_line(data_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_foyer("serve", "--port", str(port), "--data-dir", data_dir, timeout=30)
    assert_one_clear_line(result, f"cannot listen on 127.0.0.1:{port}: the address is already in use")


def test_unknown_config_key_fails_with_one_clear_line(tmp_path):
    config = tmp_path / "foyer.yaml"
    config.write_text("port: 7007\nprot: 8080\n")
    assert_one_clear_line(serve_briefly("--config", str(config)), "foyer.yaml:2", "unknown key 'prot'")


def test_malformed_config_file_fails_with_one_clear_line(tmp_path):
    config = tmp_path / "foyer.yaml"
    config.write_text("port: [7007\n")
    assert_one_clear_line(serve_briefly("--config", str(config)), "foyer.yaml")


def test_missing_config_file_fails_with_one_clear_line(tmp_path):
    assert_one_clear_line(serve_briefly("--config", str(tmp_path / "nope.yaml")), "cannot be read")


def test_bad_port_value_names_its_source(data_dir):
    assert_one_clear_line(run_foyer("serve", "--data-dir", data_dir, env={"FOYER_PORT": "seventy"}), "FOYER_PORT", "seventy")


def test_database_from_a_newer_foyer_is_refused(data_dir):
    import os
    import sqlite3
    assert run_foyer("migrate", "--data-dir", data_dir).returncode == 0
    with sqlite3.connect(os.path.join(data_dir, "foyer.sqlite")) as db:
        db.execute("INSERT INTO foyer_migrations (name, applied_at) VALUES ('core.999-from-the-future', 0)")
    assert_one_clear_line(serve_briefly("--data-dir", data_dir), "newer Foyer", "core.999-from-the-future")

"""Hostile input against a running server: descriptors built to exhaust the parser, and locations
aimed outside what the server may read. Each gets a clear refusal naming the file or target; the
server's memory stays bounded and it keeps serving what it already stored."""
import os

import pytest
import requests

GOOD = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: good\nspec: {type: service, lifecycle: production, owner: team}\n"
HEADER = b"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n"


def alias_bomb():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    return (HEADER.decode() + "  name: bomb\nspec:\n" + "\n".join("  " + line for line in lines) + "\n").encode()


HOSTILE = {
    "alias-bomb.yaml": (alias_bomb(), "alias"),
    "deep.yaml": (HEADER + b"  name: deep\nspec:\n  x: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "nest"),
    "huge.yaml": (HEADER + b"  name: huge\n" + b"# padding padding padding padding padding padding padding\n" * 900_000, "the limit is"),
    "invalid-utf8.yaml": (HEADER + b"  name: bad\xff\xfe\n", "UTF-8"),
    "nul.yaml": (HEADER + b"  name: nul\x00led\n", "NUL"),
}


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    raise AssertionError("no VmHWM")


@pytest.fixture
def guarded(serve, tmp_path):
    root = tmp_path / "allowed"
    root.mkdir()
    (root / "good.yaml").write_text(GOOD)
    server = serve(["--data-dir", str(tmp_path / "data"), "--catalog-allowed-roots", str(root), "--catalog-allowed-hosts", "git.example.com"])
    answer = requests.post(server.url + "/api/catalog/locations", headers=server.admin(), json={"type": "file", "target": str(root / "good.yaml")})
    assert answer.status_code == 201, answer.text
    return server, root


def test_parser_abuse_gets_clear_problems_with_bounded_memory_and_the_server_keeps_serving(guarded):
    server, root = guarded
    for name, (content, reason) in HOSTILE.items():
        (root / name).write_bytes(content)
    assert os.path.getsize(root / "huge.yaml") > 50_000_000
    for name, (_, reason) in HOSTILE.items():
        target = str(root / name)
        dry = requests.post(server.url + "/api/catalog/locations?dryRun=true", headers=server.admin(), json={"type": "file", "target": target})
        assert dry.status_code == 201, (name, dry.text)
        problems = dry.json()["problems"]
        assert problems and dry.json()["entities"] == [], (name, problems)
        assert any(reason.lower() in p["message"].lower() and p["file"].endswith(name) for p in problems), (name, problems)
        if name == "nul.yaml":
            assert problems[0]["line"] == 4, problems
        stored = requests.post(server.url + "/api/catalog/locations", headers=server.admin(), json={"type": "file", "target": target})
        assert stored.status_code == 201 and stored.json()["entities"] == [], (name, stored.text)
        assert requests.get(server.url + "/healthz").status_code == 200
    assert requests.get(server.url + "/api/catalog/entities/by-name/component/default/good").status_code == 200
    assert peak_rss_mib(server.process.pid) < 1024


def test_locations_aimed_outside_what_the_server_may_read_are_refused(guarded, tmp_path):
    server, root = guarded
    (tmp_path / "secret.yaml").write_text(GOOD.replace("good", "secret"))
    (root / "escape").symlink_to(tmp_path)
    attempts = [
        ({"type": "file", "target": str(root / ".." / "secret.yaml")}, "outside the allowed catalog folders"),
        ({"type": "file", "target": str(root / "escape" / "secret.yaml")}, "outside the allowed catalog folders"),
        ({"type": "file", "target": "/etc/passwd"}, "outside the allowed catalog folders"),
        ({"type": "url", "target": "file:///etc/passwd"}, "outside the allowed catalog folders"),
        ({"type": "git", "target": "https://evil.example.org/org/repo.git"}, "evil.example.org"),
        ({"type": "url", "target": "https://evil.example.org/catalog-info.yaml"}, "evil.example.org"),
    ]
    for body, reason in attempts:
        answer = requests.post(server.url + "/api/catalog/locations", headers=server.admin(), json=body)
        assert answer.status_code in (400, 403), (body, answer.text)
        assert reason in answer.json()["error"]["message"], (body, answer.text)
    names = [e["metadata"]["name"] for e in requests.get(server.url + "/api/catalog/entities").json()]
    assert names == ["good"]

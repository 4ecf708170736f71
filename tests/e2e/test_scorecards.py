"""Scorecards end to end: the demo's track and campaigns, an exemption through the API, and
`foyer validate` on tracks naming checks that do not exist, on SQLite and PostgreSQL."""
import textwrap
from datetime import date, timedelta

import requests

from conftest import BOOTSTRAP, run_foyer

ADMIN = {"Authorization": f"Bearer {BOOTSTRAP}"}


def test_validate_reports_a_track_naming_an_unknown_check(tmp_path):
    path = tmp_path / "catalog-info.yaml"
    path.write_text(textwrap.dedent("""\
        apiVersion: foyer.dev/v1alpha1
        kind: Check
        metadata: { name: has-readme }
        spec:
          rule: { fact: metadata.annotations.example.com/readme, operator: exists }
        ---
        apiVersion: foyer.dev/v1alpha1
        kind: Track
        metadata: { name: basics }
        spec:
          levels:
            - { name: One, checks: [has-readme, has-docs] }
            - { name: Two, checks: [has-wiki] }
        ---
        apiVersion: foyer.dev/v1alpha1
        kind: Campaign
        metadata: { name: soon }
        spec:
          target: { track: basics }
          startDate: "2026-01-01"
          deadline: "2025-12-01"
        """))
    result = run_foyer("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.endswith(":7: track:default/basics: spec.levels[1].checks[0]: there is no check named 'has-wiki'") for line in lines), lines
    assert not any("has-docs" in line for line in lines), "has-docs is built in"
    assert any("campaign:default/soon: spec.target.level: is required with a track" in line for line in lines), lines
    assert any("campaign:default/soon: spec.deadline: 2025-12-01 is before the start date 2026-01-01" in line for line in lines), lines


def test_the_demo_has_a_track_and_two_campaigns_one_of_them_late(serve, storage_args):
    server = serve(storage_args + ["--demo"])
    assert "2 campaigns" in server.output()
    campaigns = {c["name"]: c for c in requests.get(server.url + "/api/scorecards/campaigns").json()["items"]}
    assert set(campaigns) == {"docs-for-every-service", "production-ready-silver"}
    assert date.fromisoformat(campaigns["production-ready-silver"]["deadline"]) < date.today()
    docs = requests.get(server.url + "/api/scorecards/campaigns/docs-for-every-service").json()
    assert 0 < docs["done"] < docs["total"]
    assert len(docs["history"]) >= 30 and docs["history"][-1]["done"] == docs["done"]
    assert sum(owner["total"] for owner in docs["byOwner"]) == docs["total"]
    track = requests.get(server.url + "/api/scorecards/tracks/production-readiness").json()
    counted = track["none"] + sum(level["entities"] for level in track["levels"])
    assert counted > 20
    assert sum(g["none"] + sum(g["levels"].values()) for g in track["groups"]) <= counted


def test_an_exemption_lifts_an_entity_until_it_is_deleted(serve, storage_args, tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "catalog-info.yaml").write_text(textwrap.dedent("""\
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata: { name: team-a }
        spec: { type: team, children: [] }
        ---
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: shop, description: The shop front for every customer }
        spec: { type: service, lifecycle: production, owner: team-a, system: retail }
        """))
    server = serve(storage_args + ["--catalog", str(folder / "catalog-info.yaml")])
    before = requests.get(server.url + "/api/scorecards/entities/component/default/shop").json()["tracks"][0]
    assert before["level"] == "Bronze"
    expires = (date.today() + timedelta(days=7)).isoformat()
    created = requests.post(server.url + "/api/scorecards/exemptions", headers=ADMIN,
                            json={"entityRef": "component:default/shop", "check": "has-docs", "reason": "docs arrive next sprint", "expires": expires})
    assert created.status_code == 201, created.text
    checks = {c["check"]: c for c in requests.get(server.url + "/api/scorecards/entities/component/default/shop").json()["tracks"][0]["checks"]}
    assert checks["has-docs"]["result"] == "exempt"
    assert checks["has-docs"]["message"] == "Exempt: docs arrive next sprint"
    refused = requests.post(server.url + "/api/scorecards/exemptions", headers=ADMIN,
                            json={"entityRef": "component:default/shop", "check": "has-docs", "reason": "x", "expires": "2000-01-01"})
    assert refused.status_code == 400 and "past" in refused.json()["error"]["message"]
    assert requests.delete(server.url + "/api/scorecards/exemptions/" + created.json()["id"], headers=ADMIN).status_code == 204
    checks = {c["check"]: c for c in requests.get(server.url + "/api/scorecards/entities/component/default/shop").json()["tracks"][0]["checks"]}
    assert checks["has-docs"]["result"] == "failed"

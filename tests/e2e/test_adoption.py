"""Adoption end to end: the demo's features and learning paths, descriptors added through a location,
and `foyer validate` on Foyer's own kinds, on SQLite and PostgreSQL."""
import os
import textwrap
import time

import requests

from conftest import BOOTSTRAP, run_foyer

DEMO_LEARNING = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "Adoption", "Demo", "learning")

BROKEN = textwrap.dedent("""\
    apiVersion: foyer.dev/v1alpha1
    kind: Feature
    metadata:
      name: broken-feature
    spec:
      unlockedWhen:
        all:
          - { fact: spec.type, operator: exists }
          - { fact: metadata.name, operator: matches, value: "([a-z" }
    ---
    apiVersion: foyer.dev/v1alpha1
    kind: LearningPath
    metadata:
      name: broken-path
    spec:
      steps:
        - { id: a, title: A, stage: someday, complete: manual }
    """)


def test_validate_reports_bad_rules_and_steps_with_file_line_and_field(tmp_path):
    path = tmp_path / "catalog-info.yaml"
    path.write_text(BROKEN)
    result = run_foyer("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2, result.stdout
    assert lines[0].endswith(":9: feature:default/broken-feature: spec.unlockedWhen.all[1].value: "
                             "operator 'matches' '([a-z' is not a valid regular expression"), lines[0]
    assert ":17: learningpath:default/broken-path: spec.steps[0].stage: 'someday' is not a stage" in lines[1], lines[1]
    ok = run_foyer("validate", DEMO_LEARNING)
    assert ok.returncode == 0, ok.stdout + ok.stderr


def test_the_demo_has_features_paths_and_progress_from_its_activity(serve, storage_args):
    server = serve(storage_args + ["--demo"])
    assert "learning paths" in server.output()
    paths = {p["name"]: p for p in requests.get(server.url + "/api/learning/paths").json()["items"]}
    assert paths["first-week"]["onboarding"] is True
    assert {"docs-101", "ci-101", "kubernetes-101", "on-call-101"} <= set(paths)
    features = {f["name"] for f in requests.get(server.url + "/api/adoption/features").json()["items"]}
    assert {"techdocs", "ci", "kubernetes", "on-call", "ownership"} <= features
    summary = requests.get(server.url + "/api/adoption/summary").json()
    assert summary["entities"] > 60 and 0 < summary["percent"] < 100
    assert len(summary["groups"]) >= 8
    # The background sync records the steps the demo's synthetic activity completed.
    for _ in range(60):
        stats = requests.get(server.url + "/api/learning/paths/first-week/stats").json()
        if any(step["completed"] > 0 for step in stats["steps"]):
            break
        time.sleep(0.5)
    assert stats["steps"][0]["completed"] > 0, stats
    history = summary["history"]
    assert history[-1]["percent"] == summary["percent"]


def test_a_feature_registered_through_a_location_is_evaluated(serve, storage_args, tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "catalog-info.yaml").write_text(textwrap.dedent("""\
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata: { name: shop, annotations: { example.com/flag: "on" } }
        spec: { type: service, lifecycle: production, owner: team-a }
        ---
        apiVersion: foyer.dev/v1alpha1
        kind: Feature
        metadata: { name: flagged, title: Flagged }
        spec:
          appliesTo: kind=component
          unlockedWhen: { fact: metadata.annotations.example.com/flag, operator: equals, value: "on" }
        """))
    server = serve(storage_args + ["--catalog-allowed-roots", str(tmp_path)])
    created = requests.post(server.url + "/api/catalog/locations", json={"type": "file", "target": str(folder)},
                            headers={"Authorization": f"Bearer {BOOTSTRAP}"})
    assert created.status_code == 201, created.text
    answer = requests.get(server.url + "/api/adoption/entities/component/default/shop").json()
    assert "flagged" in answer["unlocked"]
    assert "ownership" in answer["unlocked"]
    assert abs(answer["percent"] - 100 * len(answer["unlocked"]) / answer["applicable"]) <= 0.05

"""Feedback end to end: `foyer validate` on surveys, the demo's surveys and ratings, and bad input
through the API that never costs stored data, on SQLite and PostgreSQL."""
import textwrap

import requests

from conftest import run_foyer

BROKEN = textwrap.dedent("""\
    apiVersion: foyer.dev/v1alpha1
    kind: Survey
    metadata:
      name: broken-survey
    spec:
      audience: {visited: docs}
      window: {start: 2026-10-31, end: 2026-10-01}
      questions:
        - {id: score, type: stars, text: Score}
    """)


def test_validate_reports_a_bad_survey_with_file_line_and_field(tmp_path):
    path = tmp_path / "catalog-info.yaml"
    path.write_text(BROKEN)
    result = run_foyer("validate", str(path))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3, result.stdout
    assert ":6: survey:default/broken-survey: spec.audience.visited: must be a path starting with /" in lines[0], lines[0]
    assert ":7: survey:default/broken-survey: spec.window.end: 2026-10-01 is before the start 2026-10-31" in lines[1], lines[1]
    assert ":9: survey:default/broken-survey: spec.questions[0].type: 'stars' is not a question type" in lines[2], lines[2]


def test_the_demo_has_surveys_answers_and_ratings_and_bad_input_changes_nothing(serve, storage_args):
    server = serve(storage_args + ["--demo"])
    assert "surveys" in server.output()
    surveys = {s["name"]: s for s in requests.get(server.url + "/api/feedback/surveys").json()["items"]}
    assert set(surveys) == {"portal-nps", "new-hire"} and surveys["portal-nps"]["open"]
    results = requests.get(server.url + "/api/feedback/surveys/portal-nps/results").json()
    assert results["responses"] > 10 and results["nps"] is not None and results["eligible"] >= results["responses"]
    assert requests.get(server.url + "/api/feedback/surveys/new-hire/results").json()["responses"] > 0
    components = requests.get(server.url + "/api/catalog/entities", params={"filter": "kind=component", "fields": "metadata.name"}).json()
    rated = [c["metadata"]["name"] for c in components
             if requests.get(f"{server.url}/api/feedback/entities/component/default/{c['metadata']['name']}").json()["count"] > 0]
    assert len(components) // 4 <= len(rated) <= len(components) // 2

    name = rated[0]
    uri = f"{server.url}/api/feedback/entities/component/default/{name}"
    before = requests.get(uri).json()
    person = server.session_as("dana.mensah")
    for body in ('{"rating": 6}', '{"rating": "five"}', "[", '{"rating": 3, "comment": "' + "x" * 4001 + '"}', '{"rating": 3, "reasons": ["nope"]}'):
        answer = person.post(uri, data=body, headers={"Content-Type": "application/json"})
        assert answer.status_code == 400, (body[:40], answer.status_code, answer.text)
    assert requests.post(uri, json={"rating": 3}).status_code == 401
    respond = server.url + "/api/feedback/surveys/portal-nps/responses"
    assert person.post(respond, json={"answers": {"recommend": 11}}).status_code == 400
    assert person.post(respond, json={"answers": {"unknown": 1}}).status_code == 400
    assert requests.get(uri).json() == before

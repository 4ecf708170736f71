"""The catalog as a Backstage user meets it: reference examples in, schema-valid entities and
OpenAPI-shaped answers out, on SQLite and PostgreSQL."""
import glob
import json
import os
import subprocess

import pytest
import requests
import yaml
from jsonschema import Draft7Validator
from openapi_schema_validator import OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

REFERENCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "../../../shared/reference/backstage"))
EXAMPLES = os.path.join(REFERENCE, "examples")


@pytest.fixture
def catalog_server(serve, storage_args):
    return serve([*storage_args, "--catalog", os.path.join(EXAMPLES, "all.yaml")])


def entities(server, query=""):
    response = requests.get(server.url + "/api/catalog/entities" + query, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_serving_the_example_catalog_answers_every_valid_example_entity(catalog_server):
    served = entities(catalog_server)
    refs = {f"{e['kind'].lower()}:{e['metadata'].get('namespace', 'default')}/{e['metadata']['name']}" for e in served}
    assert len(served) == 38
    assert {"component:default/artist-lookup", "api:default/petstore", "system:default/podcast", "location:default/example-all"} <= refs
    errors = requests.get(catalog_server.url + "/api/catalog/problems").json()["items"]
    assert {e["entityRef"] for e in errors} == {"api:default/spotify", "api:default/wayback-archive", "api:default/wayback-search"}


def test_relations_follow_the_spec_table_in_both_directions(catalog_server):
    artist = requests.get(catalog_server.url + "/api/catalog/entities/by-name/component/default/artist-lookup").json()
    relations = {(r["type"], r["targetRef"]) for r in artist["relations"]}
    owner = artist["spec"]["owner"]
    assert ("ownedBy", f"group:default/{owner}") in relations or ("ownedBy", owner) in relations
    system = artist["spec"]["system"]
    assert ("partOf", f"system:default/{system}") in relations
    parts = requests.get(catalog_server.url + f"/api/catalog/entities/by-name/system/default/{system}").json()["relations"]
    assert {"type": "hasPart", "targetRef": "component:default/artist-lookup"} in parts


def schema_registry():
    resources = []
    for path in glob.glob(os.path.join(REFERENCE, "schemas", "**", "*.json"), recursive=True):
        with open(path) as f:
            contents = json.load(f)
        resources.append((contents["$id"], Resource.from_contents(contents, default_specification=DRAFT7)))
    return Registry().with_resources(resources)


def schema_for(entity):
    kind, version = entity["kind"], entity["apiVersion"].split("/")[-1]
    spec_type = entity.get("spec", {}).get("type")
    candidates = [f"{kind}.{version}.{spec_type}.schema.json", f"{kind}.{version}.schema.json", f"{kind}.v1alpha1.schema.json"]
    for name in candidates:
        path = os.path.join(REFERENCE, "schemas", "kinds", name)
        if os.path.exists(path):
            with open(path) as f:
                return json.load(f)
    return None


def test_every_served_entity_validates_against_backstages_json_schemas(catalog_server):
    registry = schema_registry()
    checked = 0
    for entity in entities(catalog_server):
        schema = schema_for(entity)
        assert schema is not None, entity["kind"]
        # The kind schemas describe descriptors; relations are derived by the catalog and served in
        # the OpenAPI shape ({type, targetRef}), which the OpenAPI test below checks.
        descriptor = {k: v for k, v in entity.items() if k != "relations"}
        errors = list(Draft7Validator(schema, registry=registry).iter_errors(descriptor))
        assert not errors, f"{entity['kind']}:{entity['metadata']['name']}: {[e.message for e in errors]}"
        checked += 1
    assert checked == 38


def openapi_validator(component):
    with open(os.path.join(REFERENCE, "openapi", "catalog-backend.openapi.yaml")) as f:
        spec = yaml.safe_load(f)
    registry = Registry().with_resource("urn:catalog", Resource.from_contents(spec, default_specification=DRAFT7))
    return OAS31Validator({"$ref": f"urn:catalog#/components/schemas/{component}"}, registry=registry)


def assert_shape(component, value):
    errors = list(openapi_validator(component).iter_errors(value))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_answers_have_the_shapes_of_backstages_openapi_spec(catalog_server):
    url = catalog_server.url + "/api/catalog"
    for entity in requests.get(url + "/entities").json():
        assert_shape("Entity", entity)
    page = requests.get(url + "/entities/by-query?limit=5&filter=kind=component").json()
    assert_shape("EntitiesQueryResponse", page)
    assert page["totalItems"] > 5 and "nextCursor" in page["pageInfo"]
    assert_shape("EntitiesQueryResponse", requests.get(url + "/entities/by-query?cursor=" + page["pageInfo"]["nextCursor"]).json())
    assert_shape("EntityFacetsResponse", requests.get(url + "/entity-facets?facet=kind&facet=spec.type").json())
    by_refs = requests.post(url + "/entities/by-refs", json={"entityRefs": ["component:default/artist-lookup", "component:default/nope"]}).json()
    assert_shape("EntitiesBatchResponse", by_refs)
    assert by_refs["items"][1] is None
    assert_shape("EntityAncestryResponse", requests.get(url + "/entities/by-name/component/default/artist-lookup/ancestry").json())
    for item in requests.get(url + "/locations").json():
        assert_shape("Location", item["data"])
    missing = requests.get(url + "/entities/by-name/component/default/nope")
    assert missing.status_code == 404
    assert_shape("Error", missing.json())


def test_validate_command_lints_the_reference_examples():
    from conftest import run_foyer
    ok = run_foyer("validate", os.path.join(EXAMPLES, "acme-corp.yaml"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = run_foyer("validate", os.path.join(EXAMPLES, "components", "invalid-component.yaml"))
    assert bad.returncode == 1
    lines = bad.stdout.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("invalid-component.yaml:4: component:default/invalid component: metadata.name: "
                             "'invalid component' is not a valid name (1-63 characters [A-Za-z0-9] at both ends, [-A-Za-z0-9_.] between)")
    assert ":11: component:default/invalid component: metadata.tags[1]: " in lines[1]
    as_json = json.loads(run_foyer("validate", "--format", "json", os.path.join(EXAMPLES, "components", "invalid-component.yaml")).stdout)
    assert as_json["valid"] is False and len(as_json["problems"]) == 2
    assert run_foyer("validate").returncode == 2
    assert run_foyer("validate", "/no/such/file.yaml").returncode == 2


def test_demo_organisation_is_served_and_searchable(serve, data_dir):
    server = serve(["--data-dir", data_dir, "--demo"])
    assert "catalog entities" in server.output()
    groups = entities(server, "?filter=kind=group,spec.type=team")
    assert len(groups) >= 8
    search = requests.get(server.url + "/api/search/query?term=payments").json()
    assert search["numberOfResults"] > 0
    assert search["results"][0]["document"]["location"].startswith("/catalog/default/")


def test_git_repository_location_is_cloned_and_read_with_placeholders_from_the_checkout(serve, tmp_path):
    repo = tmp_path / "repo"
    (repo / "services" / "web").mkdir(parents=True)
    (repo / "services" / "web" / "catalog-info.yaml").write_text(
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: from-git\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n"
        "---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: web-api\nspec:\n  type: openapi\n  lifecycle: production\n"
        "  owner: team-a\n  definition:\n    $text: ./openapi.yaml\n")
    (repo / "services" / "web" / "openapi.yaml").write_text("openapi: 3.0.0\ninfo: {title: Web, version: '1'}\npaths: {}\n")
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "."],
                    ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-q", "-m", "init"]):
        subprocess.run(command, cwd=repo, check=True)
    server = serve(["--data-dir", str(tmp_path / "data"), "--catalog-allowed-roots", str(tmp_path)])
    response = requests.post(server.url + "/api/catalog/locations", headers=server.admin(),
                             json={"type": "git", "target": f"file://{repo}#main:services/**/catalog-info.yaml"})
    assert response.status_code == 201, response.text
    assert sorted(e["metadata"]["name"] for e in response.json()["entities"]) == ["from-git", "web-api"], response.text
    api = requests.get(server.url + "/api/catalog/entities/by-name/api/default/web-api").json()
    assert api["spec"]["definition"].startswith("openapi: 3.0.0"), api


def test_location_outside_the_allowed_roots_is_refused_and_the_server_keeps_serving(serve, tmp_path):
    server = serve(["--data-dir", str(tmp_path / "data"), "--catalog-allowed-roots", str(tmp_path / "allowed")])
    response = requests.post(server.url + "/api/catalog/locations", headers=server.admin(), json={"type": "file", "target": "/etc"})
    assert response.status_code == 403
    assert "outside the allowed catalog folders" in response.json()["error"]["message"]
    remote = requests.post(server.url + "/api/catalog/locations", headers=server.admin(),
                           json={"type": "url", "target": "https://evil.example.org/org/repo/blob/main/catalog-info.yaml"})
    assert remote.status_code == 403
    assert requests.get(server.url + "/healthz").status_code == 200


def test_background_refresh_picks_up_edits_and_orphans_vanished_entities(serve, tmp_path):
    folder = tmp_path / "catalog"
    folder.mkdir()
    descriptor = folder / "catalog-info.yaml"
    component = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\n  description: {description}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n"
    descriptor.write_text(component.format(name="web", description="first") + "---\n" + component.format(name="gone", description="soon"))
    server = serve(["--data-dir", str(tmp_path / "data"), "--catalog", str(folder), "--catalog-refresh-interval", "1"])
    url = server.url + "/api/catalog/entities/by-name/component/default/"
    first = requests.get(url + "web").json()
    descriptor.write_text(component.format(name="web", description="second"))
    import time
    deadline = time.time() + 15
    while time.time() < deadline:
        web = requests.get(url + "web").json()
        if web["metadata"].get("description") == "second":
            break
        time.sleep(0.3)
    assert web["metadata"]["description"] == "second"
    assert web["metadata"]["etag"] != first["metadata"]["etag"]
    assert web["metadata"]["generation"] == first["metadata"]["generation"]
    gone = requests.get(url + "gone").json()
    assert gone["metadata"]["annotations"]["backstage.io/orphan"] == "true"

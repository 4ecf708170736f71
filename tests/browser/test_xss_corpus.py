"""Every payload of the corpus placed in every field a descriptor, a search or an event controls:
names, titles, descriptions, display names, tags, links, annotations, types, Markdown, search
terms and event subjects. In real Chromium no payload runs, none becomes an element or an event
handler, and no link leads anywhere but http, https, mailto or this site."""
import datetime
import json
import re

import pytest
import requests

from foyer_server import Foyer
from page_checks import console_errors
from xss_corpus import MARK, PAYLOADS

MARKER = "window.__foyerPwned=(window.__foyerPwned||0)+1"
ARMED = [payload.replace(MARK, MARKER) for payload in PAYLOADS]
SAFE_HREF = re.compile(r"^(https?:|mailto:|/(?!/)|#|\?)", re.IGNORECASE)

# What the page may hold beyond Foyer's own markup: nothing that runs or loads on its own.
PROBE = """
const main = document.querySelector('main') || document.body;
const handlers = [...main.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on')));
const active = main.querySelectorAll('script, iframe, object, embed, base, meta, link, style, svg animate, math, marquee, isindex');
return {
  ran: window.__foyerPwned || 0,
  handlers: handlers.map(e => e.outerHTML.slice(0, 120)),
  active: [...active].map(e => e.outerHTML.slice(0, 120)),
  hrefs: [...document.querySelectorAll('a[href], area[href]')].map(a => a.getAttribute('href')),
  actions: [...document.querySelectorAll('form[action]')].map(f => f.getAttribute('action')),
};
"""


def y(text):
    """A YAML scalar holding `text` exactly (JSON strings are YAML)."""
    return json.dumps(text)


def corpus_catalog():
    docs = []
    for index, payload in enumerate(ARMED):
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: xss-{index}
  title: {y(payload)}
  description: {y(payload)}
  links:
    - url: https://example.com/docs
      title: {y(payload)}
  annotations:
    example.com/note: {y(payload)}
    backstage.io/view-url: {y(payload)}
spec:
  type: {y(payload)}
  lifecycle: production
  owner: xss-team
""")
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: xss-user-{index}
spec:
  profile: {{displayName: {y(payload)}, email: {y(payload)}, picture: {y(payload)}}}
  memberOf: [xss-team]
""")
        # A link's URL must be a URL: `javascript:` ones are stored (and shown as text), the rest refused.
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: xss-link-{index}
  links: [{{url: {y(payload)}, title: link}}, {{url: {y("https://example.com/" + payload)}, title: ok}}]
spec: {{type: service, lifecycle: production, owner: xss-team}}
""")
        # Names and tags must be plain; these are refused, and the refusal is shown on the locations page.
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: {y(payload)}
  tags: [{y(payload)}]
spec: {{type: service, lifecycle: production, owner: xss-team}}
""")
    docs.append("""apiVersion: backstage.io/v1alpha1
kind: Group
metadata: {name: xss-team, title: "Corpus team"}
spec: {type: team, children: []}
""")
    # A path holds at most 50 steps: the payloads' Markdown is spread over paths of 30.
    for start in range(0, len(ARMED), 30):
        steps = "".join(f"""    - id: step-{index}
      title: {y(payload)}
      stage: tell
      content: {y("Read " + payload + " then [go](" + payload + ") and <" + payload + ">")}
      complete: manual
""" for index, payload in enumerate(ARMED) if start <= index < start + 30)
        docs.append(f"""apiVersion: foyer.dev/v1alpha1
kind: LearningPath
metadata: {{name: xss-path-{start // 30}, title: Corpus}}
spec:
  steps:
{steps}""")
    return "---\n".join(docs)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "catalog-info.yaml").write_text(corpus_catalog())
    server = Foyer(["--catalog", str(folder / "catalog-info.yaml"), "--data-dir", str(folder / "data")]).start(timeout=60)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    events = [{"action": "navigate", "subject": payload[:400], "user": f"user:default/xss-user-{index}",
               "timestamp": (now - datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z"), "context": {"pluginId": payload[:100]}}
              for index, payload in enumerate(ARMED)]
    answer = requests.post(server.url + "/api/insights/events", json=events, headers=server.admin())
    assert answer.status_code == 202 and answer.json()["accepted"] == len(ARMED), answer.text
    yield server
    server.stop()


def assert_inert(browser, url):
    browser.get(url)
    found = browser.execute_script(PROBE)
    assert found["ran"] == 0, f"{url}: a payload ran"
    assert found["handlers"] == [], f"{url}: event handlers {found['handlers'][:3]}"
    assert found["active"] == [], f"{url}: active elements {found['active'][:3]}"
    unsafe = [h for h in found["hrefs"] + found["actions"] if not SAFE_HREF.match(h.strip())]
    assert unsafe == [], f"{url}: links {unsafe[:3]}"
    return found


def test_the_corpus_has_at_least_fifty_payloads():
    assert len(set(PAYLOADS)) >= 50


def test_no_payload_runs_or_becomes_markup_on_any_page(browser, corpus):
    pages = ["/catalog?kind=component", "/catalog?kind=user", "/catalog/default/group/xss-team", "/admin/locations",
             "/learn/xss-path-0", "/learn/xss-path-1", "/insights", "/adoption", "/scorecards"]
    stored = requests.get(corpus.url + "/api/catalog/entities", params={"filter": "metadata.namespace=default", "fields": "kind,metadata.name"}).json()
    names = {(e["kind"].lower(), e["metadata"]["name"]) for e in stored}
    assert all(("component", f"xss-{index}") in names for index in range(len(ARMED))), "every payload's text fields are stored"
    assert sum(1 for kind, name in names if name.startswith("xss-link-")) >= 3, "javascript: links are stored, to be shown inert"
    assert sum(1 for kind, name in names if kind == "user") >= len(ARMED) // 2
    pages += [f"/catalog/default/{kind}/{name}" for kind, name in sorted(names) if name.startswith("xss-")]
    pages += [f"/catalog/default/component/xss-{index}?tab=descriptor" for index in range(0, len(ARMED), 7)]
    console_errors(browser)
    for page in pages:
        assert_inert(browser, corpus.url + page)
        assert console_errors(browser) == [], page
    # Each title shows as written, and the refused names are reported as text on the locations page.
    for index in (0, 1, 4, 19):
        browser.get(corpus.url + f"/catalog/default/component/xss-{index}")
        assert ARMED[index] in browser.find_element("css selector", "main h1").text
    browser.get(corpus.url + "/admin/locations")
    assert "<script>" + MARKER + "</script>" in browser.find_element("css selector", "main").text


def test_search_terms_come_back_as_text(browser, corpus):
    for payload in ARMED:
        assert_inert(browser, corpus.url + "/search?q=" + requests.utils.quote(payload, safe=""))
    browser.get(corpus.url + "/search?q=" + requests.utils.quote(ARMED[0], safe=""))
    assert browser.find_element("id", "global-search").get_attribute("value") == ARMED[0]

"""Entities whose text holds scripts, javascript: URLs and HTML attributes render as inert text."""
import textwrap

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from foyer_server import PASSWORD, Foyer
from page_checks import console_errors, screenshot, sign_in, sign_out, wait_until_replaced

PAYLOAD = "window.__foyerPwned=(window.__foyerPwned||0)+1"

HOSTILE = textwrap.dedent(f"""\
    apiVersion: backstage.io/v1alpha1
    kind: Group
    metadata:
      name: hackers
      title: "<script>{PAYLOAD}</script>Hackers"
      links:
        - url: "javascript:{PAYLOAD}"
          title: "chat <img src=x onerror={PAYLOAD}>"
    spec:
      type: team
      profile:
        email: "x@example.com\\" onmouseover=\\"{PAYLOAD}"
        picture: "javascript:{PAYLOAD}"
      children: []
    ---
    apiVersion: backstage.io/v1alpha1
    kind: Component
    metadata:
      name: evil-service
      title: "Evil <svg onload={PAYLOAD}>"
      description: "<script>{PAYLOAD}</script><img src=x onerror={PAYLOAD}> \\" autofocus onfocus=\\"{PAYLOAD}"
      tags: [evil]
      links:
        - url: "javascript:{PAYLOAD}"
          title: "<a href=javascript:{PAYLOAD}>docs</a>"
      annotations:
        backstage.io/view-url: "javascript:{PAYLOAD}"
        backstage.io/edit-url: "data:text/html,<script>{PAYLOAD}</script>"
        evil.example.com/note: "</script><script>{PAYLOAD}</script>"
    spec:
      type: "service<script>{PAYLOAD}</script>"
      lifecycle: production
      owner: hackers
      system: "evil"
    ---
    apiVersion: backstage.io/v1alpha1
    kind: API
    metadata:
      name: evil-api
      description: "<iframe src=javascript:{PAYLOAD}></iframe>"
    spec:
      type: openapi
      lifecycle: production
      owner: hackers
      definition: |
        openapi: 3.0.0
        info: {{title: "<script>{PAYLOAD}</script>", version: "1"}}
        paths:
          "/x<script>{PAYLOAD}</script>":
            get: {{summary: "<img src=x onerror={PAYLOAD}>"}}
    ---
    apiVersion: foyer.dev/v1alpha1
    kind: Feature
    metadata:
      name: evil-feature
      title: "Evil <script>{PAYLOAD}</script>"
      description: "<img src=x onerror={PAYLOAD}>"
    spec:
      appliesTo: kind=component
      unlockedWhen: {{ fact: metadata.annotations.evil.example.com/never, operator: exists }}
      snippet: "</code></pre><script>{PAYLOAD}</script>"
      learningPath: evil-path
    ---
    apiVersion: foyer.dev/v1alpha1
    kind: LearningPath
    metadata:
      name: evil-path
      title: "Path <svg onload={PAYLOAD}>"
      description: "<script>{PAYLOAD}</script>"
    spec:
      onboarding: true
      steps:
        - id: evil-step
          title: "<img src=x onerror={PAYLOAD}>"
          stage: tell
          content: |
            # <script>{PAYLOAD}</script>
            [click me](javascript:{PAYLOAD}) and [me too](" onmouseover="{PAYLOAD})
            <iframe src="javascript:{PAYLOAD}"></iframe> **<b onclick={PAYLOAD}>bold</b>**
            ```
            </code></pre><script>{PAYLOAD}</script>
            ```
          complete: manual
    ---
    apiVersion: foyer.dev/v1alpha1
    kind: Check
    metadata:
      name: evil-check
      title: "<script>{PAYLOAD}</script>Evil check"
      description: "<img src=x onerror={PAYLOAD}>"
    spec:
      appliesTo: kind=component
      rule: {{ fact: metadata.annotations.evil.example.com/never, operator: exists }}
      failedMessage: "<a href=javascript:{PAYLOAD}>fix</a>"
    ---
    apiVersion: foyer.dev/v1alpha1
    kind: Track
    metadata:
      name: evil-track
      title: "Track <svg onload={PAYLOAD}>"
    spec:
      appliesTo: kind=component
      levels:
        - {{ name: "<script>alert(1)</script>", checks: [evil-check] }}
    ---
    apiVersion: foyer.dev/v1alpha1
    kind: Campaign
    metadata:
      name: evil-campaign
      title: "Campaign <script>{PAYLOAD}</script>"
      description: "<iframe src=javascript:{PAYLOAD}></iframe>"
    spec:
      owner: hackers
      appliesTo: kind=component
      target: {{ check: evil-check }}
      startDate: "2026-01-01"
      deadline: "2027-12-31"
    ---
    apiVersion: backstage.io/v1alpha1
    kind: User
    metadata:
      name: mallory
    spec:
      memberOf: [hackers]
    ---
    apiVersion: foyer.dev/v1alpha1
    kind: Survey
    metadata:
      name: evil-survey
      title: "Survey <script>{PAYLOAD}</script>"
      description: "<img src=x onerror={PAYLOAD}>"
    spec:
      window: {{ start: "2026-01-01", end: "2099-12-31" }}
      questions:
        - {{ id: score, type: nps, text: "<svg onload={PAYLOAD}>", required: true }}
        - {{ id: pick, type: choice, text: "Pick", options: ["<script>{PAYLOAD}</script>", "<b onclick={PAYLOAD}>b</b>"] }}
        - {{ id: why, type: text, text: "<iframe src=javascript:{PAYLOAD}></iframe>" }}
    """)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "catalog-info.yaml").write_text(HOSTILE)
    server = Foyer(["--catalog", str(folder / "catalog-info.yaml"), "--data-dir", str(folder / "data")]).start()
    yield server
    server.stop()


PAGES = [
    "/catalog/default/component/evil-service",
    "/catalog/default/component/evil-service?tab=relations",
    "/catalog/default/component/evil-service?tab=descriptor",
    "/catalog/default/group/hackers",
    "/catalog/default/api/evil-api?tab=api",
    "/catalog",
    "/catalog?tag=evil",
    "/search?q=evil",
    "/adoption",
    "/learn",
    "/learn/evil-path",
    "/scorecards",
    "/scorecards/tracks/evil-track",
    "/scorecards/campaigns/evil-campaign",
    "/catalog/default/component/evil-service?tab=scorecard",
    "/catalog/default/component/evil-service?tab=feedback",
    "/feedback",
    "/feedback/surveys/evil-survey",
    "/feedback/surveys/evil-survey/results",
]


def test_no_injected_script_runs_and_the_text_shows_as_written(browser, hostile):
    console_errors(browser)
    for path in PAGES:
        browser.get(hostile.url + path)
        # Hover and click everything that might carry a handler, as a curious person would.
        for element in browser.find_elements(By.CSS_SELECTOR, "main a, main img, main p, main td")[:60]:
            try:
                ActionChains(browser).move_to_element(element).perform()
            except Exception:
                pass
        assert browser.execute_script("return window.__foyerPwned === undefined"), path
        assert console_errors(browser) == [], path
    browser.get(hostile.url + "/catalog/default/component/evil-service")
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == "Evil <svg onload=" + PAYLOAD + ">"
    assert "<script>" in browser.find_element(By.CSS_SELECTOR, ".overview .description").text
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
    screenshot(browser, "hostile-entity")
    for link in browser.find_elements(By.CSS_SELECTOR, ".overview .link-list a"):
        link.click()
        browser.back()
    assert browser.execute_script("return window.__foyerPwned === undefined")


def test_learning_path_content_renders_its_markdown_as_inert_text(browser, hostile):
    browser.get(hostile.url + "/learn/evil-path")
    content = browser.find_element(By.CSS_SELECTOR, ".step-content")
    assert "<script>" in content.find_element(By.TAG_NAME, "h3").text
    assert "<iframe" in content.text
    assert not content.find_elements(By.CSS_SELECTOR, "script, iframe, b[onclick]")
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.TAG_NAME, "a")]
    assert not [h for h in hrefs if "javascript:" in h.lower() or "onmouseover" in h]
    for element in content.find_elements(By.CSS_SELECTOR, "*"):
        try:
            ActionChains(browser).move_to_element(element).click().perform()
        except Exception:
            pass
    assert browser.execute_script("return window.__foyerPwned === undefined")
    assert console_errors(browser) == []
    screenshot(browser, "hostile-learning-path")


def test_hostile_surveys_answers_and_ratings_stay_inert_for_the_person_and_the_owner(browser, hostile):
    hostile.create_account("mallory")
    sign_in(browser, hostile.url, "mallory", password=PASSWORD)
    browser.get(hostile.url + "/catalog")
    prompt = browser.find_element(By.CSS_SELECTOR, ".survey-prompt")
    assert "<script>" in prompt.text
    prompt.find_element(By.CSS_SELECTOR, "a").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=score][value='3']").click()
    browser.find_elements(By.CSS_SELECTOR, "input[name=pick]")[1].click()
    browser.find_element(By.ID, "q-why").send_keys(f"<script>{PAYLOAD}</script>")
    browser.find_element(By.CSS_SELECTOR, ".survey-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("thanks=1"))
    browser.get(hostile.url + "/feedback/surveys/evil-survey/results")
    assert "<b onclick=" in browser.find_element(By.CSS_SELECTOR, "main").text
    # mallory is in hackers, which owns evil-service: she rates it and sees her comment as its owner.
    browser.get(hostile.url + "/catalog/default/component/evil-service?tab=feedback")
    browser.find_element(By.CSS_SELECTOR, ".rate-form input[name=rating][value='1']").click()
    browser.find_element(By.ID, "feedback-comment").send_keys(f"<img src=x onerror={PAYLOAD}>")
    rate = browser.find_element(By.CSS_SELECTOR, ".rate-form button[type=submit]")
    rate.click()
    # The rating reloads the page: wait for the new one before looking for the comment on it.
    wait_until_replaced(browser, rate)
    response = WebDriverWait(browser, 10).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".owner-responses .response")))
    assert "<img src=x" in response.text
    response.find_element(By.CSS_SELECTOR, "input[name=text]").send_keys(f"<script>{PAYLOAD}</script>")
    response.find_element(By.CSS_SELECTOR, "button").click()
    # The reply reloads the page: read the new one, not the one going away.
    wait_until_replaced(browser, response)
    assert "<script>" in browser.find_element(By.CSS_SELECTOR, ".your-rating").text
    for element in browser.find_elements(By.CSS_SELECTOR, "main blockquote, main p, main td")[:40]:
        try:
            ActionChains(browser).move_to_element(element).click().perform()
        except Exception:
            pass
    assert browser.execute_script("return window.__foyerPwned === undefined")
    assert console_errors(browser) == []
    sign_out(browser)

"""The portal's pages in headless Chromium over the demo organisation: they load, link and submit."""
import time
from datetime import datetime, timezone

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from page_checks import console_errors, screenshot, sign_in, sign_out

PAGES = {
    "home": "/",
    "catalog": "/catalog",
    "catalog-components": "/catalog?kind=component&sort=name",
    "component": "/catalog/default/component/basket-service",
    "component-relations": "/catalog/default/component/basket-service?tab=relations",
    "component-descriptor": "/catalog/default/component/basket-service?tab=descriptor",
    "api": "/catalog/default/api/basket-api?tab=api",
    "team": "/catalog/default/group/team-checkout",
    "user": "/catalog/default/user/dana.mensah",
    "system": "/catalog/default/system/checkout",
    "search": "/search?q=basket",
    "search-empty": "/search?q=zzzzzz",
    "locations": "/admin/locations",
    "insights": "/insights",
    "insights-by-day": "/insights?grouping=day",
    "sign-in": "/sign-in",
    "adoption": "/adoption",
    "learn": "/learn",
    "learn-path": "/learn/first-week",
    "learn-feature-path": "/learn/docs-101",
    "scorecards": "/scorecards",
    "scorecard-track": "/scorecards/tracks/production-readiness",
    "scorecard-campaign": "/scorecards/campaigns/docs-for-every-service",
    "scorecard-campaign-late": "/scorecards/campaigns/production-ready-silver",
    "component-scorecard": "/catalog/default/component/basket-service?tab=scorecard",
    "component-feedback": "/catalog/default/component/basket-service?tab=feedback",
    "feedback": "/feedback",
    "feedback-survey": "/feedback/surveys/portal-nps",
    "feedback-results": "/feedback/surveys/portal-nps/results",
}


def test_every_page_loads_with_status_200_and_no_console_errors(browser, demo):
    console_errors(browser)
    for name, path in PAGES.items():
        assert requests.get(demo.url + path, headers={"Accept": "text/html"}).status_code == 200, path
        browser.get(demo.url + path)
        assert browser.find_element(By.CSS_SELECTOR, "main h1").text.strip(), path
        assert console_errors(browser) == [], path
        screenshot(browser, name)


def test_missing_pages_answer_404_in_the_layout(browser, demo):
    path = "/catalog/default/component/does-not-exist"
    assert requests.get(demo.url + path, headers={"Accept": "text/html"}).status_code == 404
    browser.get(demo.url + path)
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == "Page not found"
    assert browser.find_element(By.CSS_SELECTOR, "header .brand").text == "Foyer"
    # The only console entry is the browser noting the 404 status itself.
    assert console_errors(browser, allow=("status of 404",)) == []
    screenshot(browser, "not-found")


def facet_counts(browser, parameter):
    counts = {}
    for box in browser.find_elements(By.CSS_SELECTOR, f"fieldset[data-facet='{parameter}'] .facet-value"):
        value = box.find_element(By.TAG_NAME, "input").get_attribute("value")
        counts[value] = int(box.find_element(By.CSS_SELECTOR, ".count").get_attribute("data-count"))
    return counts


def test_facet_filters_narrow_the_list_and_the_counts_match_the_api(browser, demo):
    browser.get(demo.url + "/catalog")
    total_before = int(browser.find_element(By.CSS_SELECTOR, ".results-summary").get_attribute("data-total"))
    kinds = facet_counts(browser, "kind")
    api_kinds = requests.get(demo.url + "/api/catalog/entity-facets?facet=kind").json()["facets"]["kind"]
    assert kinds == {f["value"]: f["count"] for f in api_kinds}

    browser.find_element(By.CSS_SELECTOR, "fieldset[data-facet='kind'] input[value='Component']").click()
    browser.find_element(By.CSS_SELECTOR, ".facet-actions button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("kind=Component"))
    total = int(browser.find_element(By.CSS_SELECTOR, ".results-summary").get_attribute("data-total"))
    api_total = requests.get(demo.url + "/api/catalog/entities/by-query?filter=kind=component&limit=1").json()["totalItems"]
    assert total == api_total == kinds["Component"] < total_before

    types = facet_counts(browser, "type")
    api_types = requests.get(demo.url + "/api/catalog/entity-facets?facet=spec.type&filter=kind=component").json()["facets"]["spec.type"]
    assert types == {f["value"]: f["count"] for f in api_types}
    assert all(cell.text == "Component" for cell in browser.find_elements(By.CSS_SELECTOR, ".entity-table tbody td:nth-child(2)"))


def test_pagination_walks_the_whole_list_without_repeats(browser, demo):
    browser.get(demo.url + "/catalog?kind=user")
    total = int(browser.find_element(By.CSS_SELECTOR, ".results-summary").get_attribute("data-total"))
    seen = []
    while True:
        seen += [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".entity-table .entity-link")]
        following = browser.find_elements(By.CSS_SELECTOR, ".pagination a[rel=next]")
        if not following:
            break
        target = following[0].get_attribute("href")
        following[0].click()
        WebDriverWait(browser, 10).until(expected_conditions.url_to_be(target))
    assert len(seen) == len(set(seen)) == total
    assert total == requests.get(demo.url + "/api/catalog/entities/by-query?filter=kind=user&limit=1").json()["totalItems"]


def test_links_from_an_entity_reach_its_owner_system_and_apis(browser, demo):
    start = demo.url + "/catalog/default/component/basket-service"
    for selector, expected in ((".owner-link", "/catalog/default/group/team-checkout"),
                               (".system-link", "/catalog/default/system/checkout")):
        browser.get(start)
        browser.find_element(By.CSS_SELECTOR, selector).click()
        WebDriverWait(browser, 10).until(expected_conditions.url_to_be(demo.url + expected))
        assert browser.find_element(By.CSS_SELECTOR, "main h1").text
    browser.get(start + "?tab=relations")
    api_links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "main a") if "/api/" in a.get_attribute("href") and "/catalog/" in a.get_attribute("href")]
    assert demo.url + "/catalog/default/api/basket-api" in api_links
    for href in api_links:
        browser.get(href)
        assert browser.find_element(By.CSS_SELECTOR, "main h1").text, href
    assert console_errors(browser) == []


def test_signing_in_as_a_demo_person_personalises_the_home_page_until_sign_out(browser, demo):
    sign_in(browser, demo.url, "dana.mensah")
    assert "Welcome back, Dana Mensah" in browser.find_element(By.CSS_SELECTOR, "main h1").text
    owned = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "[aria-labelledby=you-own] a")]
    assert owned, "Dana's team owns components in the demo"
    sign_out(browser)
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == "Sign in"
    browser.get(demo.url + "/")
    assert "Welcome to Foyer" in browser.find_element(By.CSS_SELECTOR, "main h1").text


def test_keyboard_alone_reaches_the_search_box_and_the_filters(browser, demo):
    browser.get(demo.url + "/catalog")
    reached = []
    for _ in range(40):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        reached.append((active.get_attribute("id") or "", active.get_attribute("name") or ""))
        if active.get_attribute("name") == "kind":
            break
    ids = [r[0] for r in reached]
    assert reached[0] == ("", ""), "the skip link comes first"
    assert "global-search" in ids
    assert "text-filter" in ids
    assert reached[-1][1] == "kind", "tabbing reaches the first facet checkbox"
    value = browser.switch_to.active_element.get_attribute("value")
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    assert browser.switch_to.active_element.is_selected()
    browser.find_element(By.CSS_SELECTOR, ".facet-actions button").send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(expected_conditions.url_contains(f"kind={value}"))


def test_opening_a_search_result_is_reported_as_a_discovery(browser, demo):
    sign_in(browser, demo.url, "dana.mensah")
    browser.get(demo.url + "/search?q=basket")
    first = browser.find_element(By.CSS_SELECTOR, ".search-result h2 a")
    assert first.get_attribute("data-rank") == "1"
    first.click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/catalog/"))
    today = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    for _ in range(20):
        actions = requests.get(demo.url + f"/api/insights/top?dimension=actions&from={today}&to={today}").json()["items"]
        if any(item["key"] == "discover" for item in actions):
            break
        time.sleep(0.2)
    assert any(item["key"] == "discover" and item["users"] >= 1 for item in actions)
    sign_out(browser)


def test_a_person_checks_off_a_manual_step_and_sees_their_progress(browser, demo):
    sign_in(browser, demo.url, "dana.mensah")
    browser.get(demo.url + "/learn/first-week")
    before = browser.find_element(By.ID, "path-progress").text
    done_before = int(before.split(" of ")[0])
    forms = browser.find_elements(By.CSS_SELECTOR, ".step form[action*='/steps/'] button")
    assert forms, "the manual step offers a button"
    forms[-1].click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#step-"))
    after = browser.find_element(By.ID, "path-progress").text
    assert int(after.split(" of ")[0]) == done_before + 1
    api = requests.get(demo.url + "/api/learning/progress", params={"user": "user:default/dana.mensah", "path": "first-week"}).json()
    assert api["completed"] == done_before + 1
    assert console_errors(browser) == []
    sign_out(browser)


def test_the_unlock_card_links_to_the_path_that_teaches_a_locked_feature(browser, demo):
    adoption = requests.get(demo.url + "/api/adoption/entities/component/default/basket-service").json()
    teachable = [item for item in adoption["locked"] if item["learningPath"]]
    assert teachable, "basket-service has a locked feature with a learning path"
    browser.get(demo.url + "/catalog/default/component/basket-service")
    card = browser.find_element(By.CSS_SELECTOR, ".unlock-card")
    assert browser.find_element(By.ID, "unlock-percent").text == f"{adoption['percent']:g} %"
    details = card.find_element(By.ID, "unlock-" + teachable[0]["feature"])
    details.find_element(By.TAG_NAME, "summary").click()
    assert teachable[0]["snippet"].splitlines()[0] in details.find_element(By.TAG_NAME, "pre").text
    details.find_element(By.LINK_TEXT, "Learn how, step by step").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(demo.url + "/learn/" + teachable[0]["learningPath"]))
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text
    assert console_errors(browser) == []


def test_the_adoption_page_matches_the_summary_api(browser, demo):
    summary = requests.get(demo.url + "/api/adoption/summary").json()
    browser.get(demo.url + "/adoption")
    shown = browser.find_element(By.ID, "organisation-percent").text
    assert shown == f"{summary['percent']:g} %"
    teams = browser.find_elements(By.CSS_SELECTOR, ".adoption-matrix tbody tr")
    assert len(teams) == len([g for g in summary["groups"] if g["entities"] > 0])
    teams[0].find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/catalog/default/group/"))
    assert browser.find_element(By.ID, "team-adoption-heading").text.startswith("Feature adoption")


def test_from_the_scorecards_overview_to_a_campaign_and_an_entity_still_to_do(browser, demo):
    browser.get(demo.url + "/scorecards")
    browser.find_element(By.LINK_TEXT, "Docs for every service").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/scorecards/campaigns/docs-for-every-service"))
    api = requests.get(demo.url + "/api/scorecards/campaigns/docs-for-every-service").json()
    assert browser.find_element(By.ID, "campaign-status").text == "on track"
    remaining = browser.find_elements(By.CSS_SELECTOR, ".remaining-list a")
    assert len(remaining) == api["total"] - api["done"]
    target = remaining[0].get_attribute("href")
    remaining[0].click()
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(target))
    browser.get(target + "?tab=scorecard")
    results = [e.text.lower() for e in browser.find_elements(By.CSS_SELECTOR, ".check-list .result")]
    assert "failed" in results
    assert console_errors(browser) == []

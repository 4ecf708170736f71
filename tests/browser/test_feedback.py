"""Feedback in the browser over the demo organisation: the survey prompt, a survey's form, and rating
an entity with the owners' reply, all without scripts being needed."""
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from page_checks import console_errors, sign_in, sign_out

PAYLOAD = "<script>window.__foyerPwned=1</script><img src=x onerror=window.__foyerPwned=1>"


def eligibility(demo, user):
    return demo.session_as(user).get(demo.url + "/api/feedback/surveys/eligibility").json()


def test_dismissing_the_survey_prompt_hides_it_in_place_and_stops_the_asking(browser, demo):
    assert eligibility(demo, "bruno.zhang")["prompt"]["name"] == "portal-nps"
    sign_in(browser, demo.url, "bruno.zhang")
    browser.get(demo.url + "/catalog")
    prompt = browser.find_element(By.CSS_SELECTOR, ".survey-prompt")
    assert "recommend Foyer" in prompt.text
    prompt.find_element(By.CSS_SELECTOR, "button").click()
    # The script dismisses it in the background and hides the note, without leaving the page.
    WebDriverWait(browser, 10).until(expected_conditions.invisibility_of_element_located((By.CSS_SELECTOR, ".survey-prompt")))
    assert browser.current_url == demo.url + "/catalog"
    assert eligibility(demo, "bruno.zhang")["prompt"] is None
    browser.get(demo.url + "/catalog")
    assert browser.find_elements(By.CSS_SELECTOR, ".survey-prompt") == []
    assert console_errors(browser) == []
    sign_out(browser)


def test_answering_the_survey_from_the_prompt_counts_in_its_results(browser, demo):
    before = requests.get(demo.url + "/api/feedback/surveys/portal-nps/results").json()
    sign_in(browser, demo.url, "chen.lindqvist")
    browser.get(demo.url + "/learn")
    browser.find_element(By.CSS_SELECTOR, ".survey-prompt a").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/feedback/surveys/portal-nps"))
    browser.find_element(By.CSS_SELECTOR, "input[name=recommend][value='10']").click()
    browser.find_element(By.CSS_SELECTOR, "input[name=area][value='Docs']").click()
    browser.find_element(By.ID, "q-comment").send_keys(PAYLOAD)
    browser.find_element(By.CSS_SELECTOR, ".survey-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("thanks=1"))
    assert "Thank you" in browser.find_element(By.CSS_SELECTOR, "main").text
    after = requests.get(demo.url + "/api/feedback/surveys/portal-nps/results").json()
    assert after["responses"] == before["responses"] + 1
    recommend = next(q for q in after["questions"] if q["id"] == "recommend")
    assert recommend["distribution"]["10"] == next(q for q in before["questions"] if q["id"] == "recommend")["distribution"]["10"] + 1
    browser.get(demo.url + "/feedback/surveys/portal-nps/results")
    assert str(after["responses"]) in browser.find_element(By.CSS_SELECTOR, ".tiles").text
    browser.get(demo.url + "/insights")
    tiles = browser.find_element(By.CSS_SELECTOR, ".tiles").text
    assert "Portal NPS" in tiles and f"{after['nps']:.1f}" in tiles and "Average rating" in tiles
    assert browser.execute_script("return window.__foyerPwned") is None
    assert console_errors(browser) == []
    sign_out(browser)


def test_a_rating_with_a_hostile_comment_stays_inert_and_the_owner_replies(browser, demo):
    uri = "/catalog/default/component/basket-service?tab=feedback"
    api = demo.url + "/api/feedback/entities/component/default/basket-service"
    before = requests.get(api).json()["count"]
    sign_in(browser, demo.url, "ada.costa")
    browser.get(demo.url + uri)
    browser.find_element(By.CSS_SELECTOR, ".rate-form input[name=rating][value='2']").click()
    browser.find_element(By.CSS_SELECTOR, ".rate-form input[name=reasons][value='missing docs']").click()
    browser.find_element(By.ID, "feedback-comment").send_keys(PAYLOAD)
    browser.find_element(By.CSS_SELECTOR, ".rate-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".your-rating")))
    assert PAYLOAD in browser.find_element(By.CSS_SELECTOR, ".your-rating blockquote").text
    assert browser.execute_script("return window.__foyerPwned") is None
    assert requests.get(api).json()["count"] == before + 1
    sign_out(browser)

    # An owner: a member of the group that owns the component.
    entity = requests.get(demo.url + "/api/catalog/entities/by-name/component/default/basket-service").json()
    owner_group = next(r["targetRef"] for r in entity["relations"] if r["type"] == "ownedBy")
    group = requests.get(demo.url + "/api/catalog/entities/by-name/" + owner_group.replace(":", "/", 1)).json()
    member = next(r["targetRef"] for r in group["relations"] if r["type"] == "hasMember").split("/")[-1]
    sign_in(browser, demo.url, member)
    browser.get(demo.url + uri)
    response = next(a for a in browser.find_elements(By.CSS_SELECTOR, ".owner-responses .response") if PAYLOAD in a.text)
    response.find_element(By.CSS_SELECTOR, "input[name=text]").send_keys("Docs are back, thanks")
    response.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, 10).until(expected_conditions.text_to_be_present_in_element((By.CSS_SELECTOR, ".owner-responses"), "Docs are back"))
    assert browser.execute_script("return window.__foyerPwned") is None
    # The team page lists the component among what the team owns, with the API's average.
    browser.get(demo.url + "/catalog/" + owner_group.split(":", 1)[1].replace("/", "/group/", 1))
    rows = browser.find_elements(By.CSS_SELECTOR, ".team-feedback tbody tr")
    basket = next(r for r in rows if "basket" in r.text.lower())
    average = requests.get(api).json()["average"]
    assert basket.find_elements(By.CSS_SELECTOR, "td")[0].text == f"{average:.1f}"
    assert console_errors(browser) == []
    sign_out(browser)

    sign_in(browser, demo.url, "ada.costa")
    browser.get(demo.url + uri)
    assert "Docs are back, thanks" in browser.find_element(By.CSS_SELECTOR, ".your-rating").text
    sign_out(browser)


def test_was_this_helpful_on_a_learning_step_shows_in_the_path_statistics(browser, demo):
    api = demo.url + "/api/feedback/helpful"
    sign_in(browser, demo.url, "ada.zhang")
    browser.get(demo.url + "/learn/first-week")
    step = browser.find_elements(By.CSS_SELECTOR, ".step")[0]
    step_id = step.get_attribute("id").removeprefix("step-")
    step.find_element(By.CSS_SELECTOR, ".helpful-form input[name=comment]").send_keys(PAYLOAD)
    step.find_element(By.CSS_SELECTOR, ".helpful-form button[value=yes]").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("#step-" + step_id))
    counts = requests.get(api, params={"subject": "learning:first-week/"}).json()["items"]
    assert {"subject": f"learning:first-week/{step_id}", "yes": 1, "no": 0} in counts
    funnel = browser.find_elements(By.CSS_SELECTOR, ".funnel tbody tr")[0]
    assert funnel.find_elements(By.CSS_SELECTOR, "td")[-1].text == "1 / 0"
    assert browser.execute_script("return window.__foyerPwned") is None
    assert console_errors(browser) == []
    sign_out(browser)

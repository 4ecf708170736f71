"""Signing in on a closed server in Chromium: anonymous visitors land on the sign-in page and come
back where they were going; an admin creates an account and changes its role through the admin
pages, and the audit page shows what was done."""
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from foyer_server import PASSWORD, Foyer
from page_checks import console_errors, screenshot, sign_out


@pytest.fixture(scope="module")
def closed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("closed")
    server = Foyer(["--data-dir", str(folder / "data")], env={"FOYER_AUTH_ALLOW_GUESTS": "false"}).start()
    server.create_account("root", role="admin")
    yield server
    server.stop()


def test_an_anonymous_visitor_signs_in_and_comes_back_to_the_page_they_asked_for(browser, closed):
    browser.delete_all_cookies()
    browser.get(closed.url + "/catalog?kind=component")
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/sign-in?back="))
    assert browser.find_element(By.CSS_SELECTOR, "main h1").text == "Sign in"
    assert browser.find_elements(By.CSS_SELECTOR, ".site-nav a")[0].text == "Home"
    screenshot(browser, "sign-in")
    browser.find_element(By.ID, "username").send_keys("root")
    browser.find_element(By.ID, "password").send_keys("not the password")
    browser.find_element(By.ID, "password").submit()
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".notice.error")))
    assert "wrong" in browser.find_element(By.CSS_SELECTOR, ".notice.error").text
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.ID, "password").submit()
    WebDriverWait(browser, 10).until(expected_conditions.url_to_be(closed.url + "/catalog?kind=component"))
    assert "root" in browser.find_element(By.CSS_SELECTOR, ".viewer").text
    assert console_errors(browser, allow=("401",)) == []


def test_an_admin_creates_an_account_changes_its_role_and_sees_it_in_the_audit_log(browser, closed):
    browser.get(closed.url + "/admin/accounts")
    if "/sign-in" in browser.current_url:
        browser.find_element(By.ID, "username").send_keys("root")
        browser.find_element(By.ID, "password").send_keys(PASSWORD)
        browser.find_element(By.ID, "password").submit()
        WebDriverWait(browser, 10).until(expected_conditions.url_contains("/admin/accounts"))
    browser.find_element(By.ID, "account-username").send_keys("casey")
    browser.find_element(By.ID, "account-password").send_keys(PASSWORD)
    Select(browser.find_element(By.ID, "account-role")).select_by_value("editor")
    browser.find_element(By.ID, "account-password").submit()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("created="))
    assert "Created casey." in browser.page_source
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if r.text.startswith("casey")][0]
    account_select = row.find_element(By.CSS_SELECTOR, "select[name=role]")
    assert Select(account_select).first_selected_option.text == "editor"
    Select(account_select).select_by_value("viewer")
    row.find_element(By.CSS_SELECTOR, "select[name=role]").find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("saved="))
    assert "Saved casey." in browser.page_source
    row = [r for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if r.text.startswith("casey")][0]
    assert Select(row.find_element(By.CSS_SELECTOR, "select[name=role]")).first_selected_option.text == "viewer"
    screenshot(browser, "admin-accounts")
    browser.get(closed.url + "/admin/audit")
    actions = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "tbody td code")]
    assert "POST /admin/accounts" in actions and any(a.startswith("POST /admin/accounts/acc_") for a in actions)
    screenshot(browser, "admin-audit")
    assert console_errors(browser) == []
    sign_out(browser)
    browser.get(closed.url + "/admin/audit")
    WebDriverWait(browser, 10).until(expected_conditions.url_contains("/sign-in"))

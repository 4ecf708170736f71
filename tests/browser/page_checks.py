"""What the browser tests check on every page: console errors, and screenshots for people to look at."""
import os

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

ARTIFACTS = os.environ.get("FOYER_TEST_ARTIFACTS", os.path.join(os.path.dirname(__file__), "..", "..", "test-artifacts"))
DESKTOP = (1366, 900)
PHONE = (390, 844)


def console_errors(driver, allow=()):
    """Severe console entries since the last call, minus the expected ones."""
    entries = driver.get_log("browser")
    return [e for e in entries if e["level"] == "SEVERE" and not any(text in e["message"] for text in allow)]


def screenshot(driver, name):
    """Saves the page at desktop and phone width under test-artifacts/screenshots (not committed)."""
    folder = os.path.join(ARTIFACTS, "screenshots")
    os.makedirs(folder, exist_ok=True)
    for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
        driver.set_window_size(width, height)
        driver.save_screenshot(os.path.join(folder, f"{name}-{label}.png"))
    driver.set_window_size(*DESKTOP)


def wait_until_replaced(driver, element, timeout=10):
    """Waits until the page holding `element` has been replaced by a new one. ChromeDriver reports
    a page that goes away during the check either as a stale element or as an inspector error about
    the lost document; both mean the old page is gone."""
    def gone(_):
        try:
            element.is_enabled()
            return False
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if "unhandled inspector error" in str(error):
                return True
            raise
    WebDriverWait(driver, timeout).until(gone)


def sign_in(driver, base_url, user, password=None):
    """Signs in through the sign-in page and waits for the home page: with `password` through the
    password form, else through the demo's "sign in as" picker."""
    driver.get(base_url + "/sign-in")
    # A form an earlier test posted may still be landing; ask again until the sign-in page stays.
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "username") or d.get(base_url + "/sign-in"))
    if password is None:
        Select(driver.find_element(By.ID, "demo-user")).select_by_value(f"user:default/{user}")
        driver.find_element(By.CSS_SELECTOR, ".demo-sign-in button[type=submit]").click()
    else:
        driver.find_element(By.ID, "username").send_keys(user)
        field = driver.find_element(By.ID, "password")
        field.send_keys(password)
        field.submit()
    WebDriverWait(driver, 10).until(expected_conditions.url_to_be(base_url + "/"))


def sign_out(driver):
    """Signs out through the header's form and waits until the page says so."""
    driver.find_element(By.CSS_SELECTOR, ".viewer button").click()
    WebDriverWait(driver, 10).until(expected_conditions.url_contains("/sign-in"))

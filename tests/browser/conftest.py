"""Fixtures that drive the real `foyer` binary's pages in headless Chromium (Debian's chromium-driver)."""
import os
import shutil
import sys

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from foyer_server import Foyer  # noqa: E402
from page_checks import DESKTOP  # noqa: E402


def chromedriver_path():
    for candidate in (os.environ.get("CHROMEDRIVER"), "/usr/bin/chromedriver", shutil.which("chromedriver")):
        if candidate and os.path.exists(candidate):
            return candidate
    pytest.fail("chromedriver is missing: scripts/test installs Debian's chromium-driver")


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(chromedriver_path()), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """One server with the demo organisation, shared by the read-only browser tests."""
    server = Foyer(["--demo", "--data-dir", str(tmp_path_factory.mktemp("demo") / "data")]).start(timeout=120)
    yield server
    server.stop()

# Headless Chromium for the browser tests: sourced by scripts/test.
# ensure_browser installs Debian's chromium and chromium-driver, and Selenium from PyPI, when missing.

ensure_browser() {
  if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
    echo "==> installing Chromium and its driver from Debian's packages"
    local sudo=""
    [ "$(id -u)" = "0" ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  python3 -c 'import selenium' 2>/dev/null || python3 -m pip install -q selenium
}

"""A real browser for the reading view: Debian's Chromium driven by its chromedriver through selenium.

Shared by tests/test_reading.py and benchmarks/reading.py. :func:`missing` says why the browser
cannot run here (``None`` when it can); :func:`chromium` starts a headless Chromium that logs the
page's console and every network request it makes.
"""

from __future__ import annotations

import json
import shutil
from typing import Any

#: Where Debian puts them (apt-get install chromium chromium-driver).
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver",)


def _which(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why the browser tests cannot run here, with how to fix it; ``None`` when they can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]'; make test installs it)"
    if _which(BROWSERS) is None or _which(DRIVERS) is None:
        return "Chromium or its driver is missing (apt-get install chromium chromium-driver; make test installs them)"
    return None


def chromium(width: int = 1500, height: int = 900) -> Any:
    """A headless Chromium (selenium WebDriver) that keeps the console and performance logs.

    The driver and browser are the system's: selenium is never left to download one.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _which(BROWSERS) or "chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--disable-background-networking", "--no-first-run", "--disable-extensions"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=_which(DRIVERS) or "chromedriver")
    return webdriver.Chrome(options=options, service=service)


def requests(driver: Any) -> list[str]:
    """The URLs of every request the browser sent since the log was last read (performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def console_errors(driver: Any) -> list[str]:
    """The console's messages of level SEVERE since the log was last read."""
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]

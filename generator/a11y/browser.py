"""One headless Chromium per worker: launch, network fence, viewport width, display modes."""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

from .options import Mode
from .scripts import APPLY_MODE, NO_MOTION_STYLE, PAGE_FACTS, WAIT_FOR_PAINT

INSTALL_HINT = "apt-get install -y chromium chromium-driver"

CHROME_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # Belt and braces with the CDP block list: no host but loopback even resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)
_NETWORK_SCHEMES = ("http", "https", "ws", "wss")
_DATA_TYPES = frozenset({"XHR", "Fetch", "EventSource", "WebSocket", "Ping", "Preflight"})


class BrowserMissingError(RuntimeError):
    """Chromium or chromedriver is not installed: the gate cannot run and must not pass."""


@dataclass(frozen=True)
class NetworkEvents:
    """What a page asked the network for, taken from Chromium's own request log."""

    external: tuple[str, ...]  # requests to any origin but the local site server (all blocked)
    missing: tuple[str, ...]  # "404 /site.css": same-origin paths answered 4xx/5xx
    # Same-origin paths of what the page is rendered from (document, styles, scripts, fonts,
    # images), for the result cache's key. Data fetched by script on demand (the search index)
    # is not shown until a reader acts, so it is not part of what a check sees.
    loaded: tuple[str, ...] = ()


class Browser:
    """A reused Chromium session. Call allow_only(origin) before loading pages."""

    def __init__(self, chromium: Path, chromedriver: Path, viewport_height: int = 800) -> None:
        for path in (chromium, chromedriver):
            if not path.is_file():
                raise BrowserMissingError(
                    f"找不到 {path}：无障碍检查需要 Debian 的 Chromium 和 chromedriver。"
                    f"请安装：sudo {INSTALL_HINT}"
                )
        self.viewport_height = viewport_height
        self.origin = ""
        self._preloaded: set[str] = set()
        self._profile = tempfile.mkdtemp(prefix="a11y-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = str(chromium)
        for arg in CHROME_ARGS:
            options.add_argument(arg)
        options.add_argument(f"--user-data-dir={self._profile}")
        # The performance log carries Network.* events: every request attempt, blocked or not.
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        try:
            self.driver = webdriver.Chrome(service=Service(str(chromedriver)), options=options)
        except WebDriverException as error:
            shutil.rmtree(self._profile, ignore_errors=True)
            raise BrowserMissingError(
                f"Chromium 没有启动（{error.msg}）。请安装版本一致的 Chromium 和 chromedriver："
                f"sudo {INSTALL_HINT}"
            ) from error
        self.driver.set_script_timeout(180)
        self.driver.set_page_load_timeout(120)
        self.cdp("Emulation.setScrollbarsHidden", {"hidden": True})

    @property
    def chromium_version(self) -> str:
        return str(self.driver.capabilities.get("browserVersion", "unknown"))

    @property
    def chromedriver_version(self) -> str:
        chrome = self.driver.capabilities.get("chrome", {})
        return str(chrome.get("chromedriverVersion", "unknown")).split(" ")[0]

    def cdp(self, command: str, params: dict[str, object] | None = None) -> dict:
        return self.driver.execute_cdp_cmd(command, params or {})

    def allow_only(self, origin: str) -> None:
        """Block every request except to `origin` (first matching pattern wins)."""
        self.origin = origin.rstrip("/")
        self.cdp("Network.enable")
        # The site server lets the browser keep shared files for one run only (server.py).
        self.cdp("Network.clearBrowserCache")
        patterns = [
            {"urlPattern": f"{self.origin}/*", "block": False},
            {"urlPattern": "*://*:*/*", "block": True},
        ]
        self.cdp("Network.setBlockedURLs", {"urlPatterns": patterns})
        self.network_events()  # start each site with an empty log

    def set_width(self, width: int) -> None:
        self.cdp(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": self.viewport_height,
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )

    def preload(self, name: str, source: str) -> None:
        """Have Chromium run `source` in every document before the page's own scripts: an
        engine is then in each page without being sent over WebDriver for every load."""
        if name not in self._preloaded:
            self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": source})
            self._preloaded.add(name)

    # load, resize and apply_mode answer with the page's facts once painted (scripts.PAGE_FACTS:
    # lang, clientWidth, scrollWidth), in the round trip that waits for the paint anyway.

    def resize(self, width: int) -> dict:
        """Change the viewport width of the loaded page and wait until it is laid out again."""
        self.set_width(width)
        return self.driver.execute_async_script("window.scrollTo(0, 0);\n" + WAIT_FOR_PAINT)

    def load(self, url: str) -> dict:
        self.driver.get(url)
        return self.driver.execute_async_script(WAIT_FOR_PAINT)

    def page_facts(self) -> dict:
        return self.driver.execute_script(PAGE_FACTS)

    def apply_mode(self, mode: Mode) -> dict:
        """Set the theme's mode attributes, then wait for the restyle to be painted."""
        # Transitions would let axe read colours half-way between two modes.
        # One round trip: switching modes happens hundreds of times in a gate run.
        return self.driver.execute_async_script(
            NO_MOTION_STYLE + APPLY_MODE + WAIT_FOR_PAINT, mode.scheme, mode.contrast,
            mode.text_size,
        )

    def network_events(self, include_data: bool = False) -> NetworkEvents:
        """Drain the request log since the last call. `include_data`: count what scripts
        fetched (the search index) among the files the page was rendered from."""
        external: set[str] = set()
        missing: set[str] = set()
        loaded: set[str] = set()
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            params = message.get("params", {})
            if message["method"] == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if urlsplit(url).scheme in _NETWORK_SCHEMES and not self._is_local(url):
                    external.add(url)
            elif message["method"] == "Network.responseReceived":
                url, status = params["response"]["url"], params["response"]["status"]
                if self._is_local(url) and status >= 400 and not self._is_root_favicon(url):
                    missing.add(f"{status} {url.removeprefix(self.origin)}")
                elif self._is_local(url) and (include_data or params.get("type") not in _DATA_TYPES):
                    loaded.add(urlsplit(url).path)
        return NetworkEvents(tuple(sorted(external)), tuple(sorted(missing)), tuple(sorted(loaded)))

    def _is_local(self, url: str) -> bool:
        return bool(self.origin) and (url == self.origin or url.startswith(self.origin + "/"))

    def _is_root_favicon(self, url: str) -> bool:
        # Chromium asks for /favicon.ico by itself when a page names no icon; not the site's doing.
        return url == f"{self.origin}/favicon.ico"

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

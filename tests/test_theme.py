"""The theme layer (overrides/, generator/assets/policysite.css|js) in a real browser.

The site is built once, served under a sub-path the way it is hosted, and driven in headless
Chromium: what a keyboard or screen-reader user meets is asserted from the live page and from
the accessibility tree Chromium hands to screen readers (Accessibility.getFullAXTree), not from
the template source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait
from support import chromium_driver

from generator.a11y.server import serve_site
from generator.build import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
INSTALL_HINT = "apt-get install -y chromium chromium-driver fonts-noto-cjk"
CHROME_ARGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
)

PLAN = "regions/jinchang/2026-2027/"
ACTION = "regions/jinchang/2026-2027/actions/3/"
# One page of each kind readers meet first; help/ and accessibility/ are Markdown pages that
# Material gives a table of contents (a second navigation landmark to keep apart).
PAGES = ("", PLAN, ACTION, "glossary/", "help/", "accessibility/")
OFFLINE_PLAN = "regions/jinchang/2026-2027/index.html"
WIDE, NARROW = 1280, 320

# page(path, width=WIDE, keep_settings=False) -> the driver, with the page loaded.
Opener = Callable[..., WebDriver]


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("theme") / "site"
    # No gate here: this build goes to a temporary folder; the gate has its own tests.
    assert build(BuildOptions(root=ROOT, output=output, check_accessibility=False)) == 0
    return output


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serve_site(site_dir, "/policysite/") as url:
        yield url


@pytest.fixture(scope="session")
def offline_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The offline build, the one that keeps Material's search (the hosted build uses Pagefind
    and our own search page, tests/test_search.py); served over HTTP for the same driver."""
    output = tmp_path_factory.mktemp("theme-offline") / "site"
    assert build(BuildOptions(root=ROOT, output=output, check_accessibility=False,
                              offline=True)) == 0
    with serve_site(output, "/policysite/") as url:
        yield url


@pytest.fixture(scope="session")
def driver() -> Iterator[WebDriver]:
    with chromium_driver("theme-chromium-") as browser:
        yield browser


def opener(driver: WebDriver, site_url: str) -> Opener:
    def open_page(path: str, width: int = WIDE, keep_settings: bool = False) -> WebDriver:
        set_width(driver, width)
        driver.get(site_url + path)
        if not keep_settings:
            driver.execute_script("localStorage.clear()")
            driver.get(site_url + path)
        wait_until_ready(driver)
        return driver

    return open_page


@pytest.fixture
def page(driver: WebDriver, site_url: str) -> Opener:
    """open(path, width): load a page with no saved reading settings, ready for the keyboard."""
    return opener(driver, site_url)


@pytest.fixture
def offline_page(driver: WebDriver, offline_site_url: str) -> Opener:
    """The same for the offline build (paths end in .html there: OFFLINE_PLAN)."""
    return opener(driver, offline_site_url)


def set_width(driver: WebDriver, width: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False,
    })
    # Readers who ask for reduced motion get no slide-in drawer; the tests need no waiting.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-reduced-motion", "value": "reduce"}],
    })


def wait_until_ready(driver: WebDriver) -> None:
    """policysite.js has run (its header buttons exist) and Material has mounted."""
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return document.readyState === 'complete' && "
        "!!document.querySelector('.ps-header-button--drawer')"))


def press(driver: WebDriver, *keys: str) -> None:
    ActionChains(driver).send_keys(*keys).perform()


def active(driver: WebDriver, script: str) -> object:
    """Evaluate `script` with `el` bound to the focused element."""
    return driver.execute_script("const el = document.activeElement; return " + script)


def ax_nodes(driver: WebDriver) -> list[dict]:
    """The accessibility tree as screen readers get it, without ignored (hidden) nodes."""
    nodes = driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    return [node for node in nodes if not node.get("ignored")]


def ax_value(node: dict, key: str) -> str:
    return str((node.get(key) or {}).get("value") or "")


def main_paragraph_px(driver: WebDriver) -> float:
    return float(driver.execute_script(
        "return parseFloat(getComputedStyle("
        "  document.querySelector('article p:not([class])')).fontSize)"))


def open_settings(driver: WebDriver) -> None:
    toggle = driver.find_element(By.CSS_SELECTOR, "[data-ps-settings-toggle]")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"


def test_every_page_says_it_is_simplified_chinese(page: Opener) -> None:
    for path in PAGES:
        driver = page(path)
        assert driver.execute_script("return document.documentElement.lang") == "zh-CN", path


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_skip_link_is_the_first_stop_and_moves_focus_into_main(page: Opener, width: int) -> None:
    driver = page(PLAN, width)
    press(driver, Keys.TAB)
    assert active(driver, "el.classList.contains('ps-skip-link')")
    assert active(driver, "el.textContent.trim()") == "跳到正文"
    box = active(driver, "el.getBoundingClientRect().toJSON()")
    assert box["height"] >= 44 and box["width"] >= 44, box  # visible once focused
    press(driver, Keys.ENTER)
    assert active(driver, "!!el.closest('main') && el.id === 'main-content'")
    # Material's own skip link (pages with a table of contents) must not be a second stop.
    driver = page("help/", width)
    press(driver, Keys.TAB)
    assert active(driver, "el.classList.contains('ps-skip-link')")


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_single_key_shortcuts_do_not_open_search(offline_page: Opener, width: int) -> None:
    driver = offline_page(OFFLINE_PLAN, width)
    for key in ("s", "/", "f"):
        driver.execute_script("document.activeElement.blur()")
        press(driver, key)
        state = driver.execute_script(
            "const q = document.querySelector('[data-md-component=search-query]');"
            "return {open: document.getElementById('__search').checked,"
            "        focused: document.activeElement === q, value: q.value}")
        assert state == {"open": False, "focused": False, "value": ""}, key
    # Typing into the search field itself still works.
    if width == NARROW:
        driver.find_element(By.CSS_SELECTOR, ".ps-header-button--search").click()
    else:
        driver.find_element(By.CSS_SELECTOR, "[data-md-component=search-query]").click()
    press(driver, "s/")
    assert active(driver, "el.value") == "s/"


def test_text_size_buttons_enlarge_main_text_and_are_remembered(page: Opener) -> None:
    driver = page(ACTION, NARROW)
    standard = main_paragraph_px(driver)
    assert standard >= 18  # MIIT ageing-friendly specification: ≥ 18 px main text on phones
    open_settings(driver)
    sizes = {}
    for size in ("large", "larger"):
        button = driver.find_element(By.CSS_SELECTOR, f"[data-ps-text-size='{size}']")
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
        assert driver.execute_script(
            "return document.documentElement.getAttribute('data-text-size')") == size
        pressed = driver.find_elements(By.CSS_SELECTOR, "[data-ps-text-size][aria-pressed='true']")
        assert len(pressed) == 1
        sizes[size] = main_paragraph_px(driver)
    assert standard < sizes["large"] < sizes["larger"], (standard, sizes)
    driver = page(PLAN, NARROW, keep_settings=True)  # another page: still "larger", no flash
    assert driver.execute_script(
        "return document.documentElement.getAttribute('data-text-size')") == "larger"
    assert main_paragraph_px(driver) == pytest.approx(sizes["larger"])
    assert driver.find_element(
        By.CSS_SELECTOR, "[data-ps-text-size='larger']").get_attribute("aria-pressed") == "true"
    # The saved size comes from the script in <head>, before the first paint: it holds on a
    # reload even when policysite.js (end of <body>) never arrives.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*policysite.js"]})
    try:
        driver.refresh()
        # (The menu and search buttons are in the HTML, hidden until policysite.js wires them.)
        assert driver.execute_script(
            "return !document.querySelector('.ps-header-button:not([hidden])')")
        assert driver.execute_script(
            "return document.documentElement.getAttribute('data-text-size')") == "larger"
        assert main_paragraph_px(driver) == pytest.approx(sizes["larger"])
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def test_high_contrast_is_a_pressed_toggle_and_is_remembered(page: Opener) -> None:
    driver = page(ACTION)
    open_settings(driver)
    button = driver.find_element(By.CSS_SELECTOR, "[data-ps-contrast]")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert driver.execute_script(
        "return document.documentElement.getAttribute('data-contrast')") == "high"
    colours = driver.execute_script(
        "const p = getComputedStyle(document.querySelector('article p'));"
        "return [getComputedStyle(document.body).backgroundColor, p.color]")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    driver.refresh()
    wait_until_ready(driver)
    assert driver.execute_script(
        "return document.documentElement.getAttribute('data-contrast')") == "high"
    open_settings(driver)  # the panel opens closed on every page
    button = driver.find_element(By.CSS_SELECTOR, "[data-ps-contrast]")
    assert button.get_attribute("aria-pressed") == "true"
    button.click()  # and off again
    assert driver.execute_script("return document.documentElement.hasAttribute('data-contrast')") \
        is False


# Stands in for the speech engine (headless Chromium has no voices): records what would be
# spoken and never finishes, as a long paragraph would.
FAKE_SPEECH = """
window.spoken = [];
window.speechSynthesis.speak = (u) => window.spoken.push({text: u.text, lang: u.lang});
window.speechSynthesis.cancel = () => window.spoken.push('cancel');
"""
LIVE = "[aria-live], [role=status], [role=alert], [role=log]"


def test_read_aloud_is_a_toggle_that_stays_out_of_the_screen_readers_way(page: Opener) -> None:
    driver = page(ACTION)
    button = driver.find_element(By.CSS_SELECTOR, "[data-ps-read-aloud]")
    assert button.tag_name == "button"
    assert button.text.strip() == "朗读正文"
    assert button.get_attribute("aria-pressed") == "false"
    assert driver.execute_script("return 'speechSynthesis' in window"), \
        "Chromium should offer speechSynthesis; without it the button is hidden"
    assert button.is_displayed()
    live_before = len(driver.find_elements(By.CSS_SELECTOR, LIVE))
    driver.execute_script(FAKE_SPEECH)
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert active(driver, "el.hasAttribute('data-ps-read-aloud')")  # focus did not move
    assert len(driver.find_elements(By.CSS_SELECTOR, LIVE)) == live_before
    first = driver.execute_script("return window.spoken.filter(s => s !== 'cancel')[0]")
    heading = driver.find_element(By.CSS_SELECTOR, "article h1").text.strip()
    assert first == {"text": heading, "lang": "zh-CN"}  # the article, from its heading on
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    assert driver.execute_script("return window.spoken.at(-1)") == "cancel"


def test_read_aloud_that_cannot_speak_stops_and_says_why(page: Opener) -> None:
    driver = page(ACTION)
    driver.execute_script(
        "window.speechSynthesis.speak = (u) => setTimeout(() => u.onerror("
        "  Object.assign(new Event('error'), {error: 'synthesis-failed'})), 0);")
    problem = driver.find_element(By.CSS_SELECTOR, "[data-ps-read-aloud-problem]")
    assert not problem.is_displayed()
    button = driver.find_element(By.CSS_SELECTOR, "[data-ps-read-aloud]")
    button.click()
    WebDriverWait(driver, 5).until(lambda d: button.get_attribute("aria-pressed") == "false")
    assert problem.is_displayed()
    assert "中文语音" in problem.text


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_every_navigation_landmark_has_its_own_name(page: Opener, width: int) -> None:
    for path in PAGES:
        driver = page(path, width)
        names = [ax_value(node, "name") for node in ax_nodes(driver)
                 if ax_value(node, "role") == "navigation"]
        assert names, path
        assert all(name.strip() for name in names), (path, names)
        assert len(names) == len(set(names)), (path, names)
        if path == PLAN:
            assert "面包屑导航" in names


def test_no_id_is_used_twice_once_materials_scripts_ran(page: Opener) -> None:
    """Material names each code block after the nearest id, #main-content for all of them: the
    guide's commands were elements of one id (HTML_CodeSniffer F77; policysite.js)."""
    for path in (*PAGES, "guide/"):
        driver = page(path)
        ids = driver.execute_script("return Array.from(document.querySelectorAll('[id]'), e => e.id)")
        assert sorted({i for i in ids if ids.count(i) > 1}) == [], path
        if path == "guide/":
            code_ids = driver.execute_script(
                "return Array.from(document.querySelectorAll('main pre'), e => e.id)")
            assert len(code_ids) >= 2 and all(i.startswith("__code_") for i in code_ids)


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_search_dialog_and_header_buttons_have_names(offline_page: Opener, width: int) -> None:
    driver = offline_page(OFFLINE_PLAN, width)
    if width == NARROW:
        driver.find_element(By.CSS_SELECTOR, ".ps-header-button--search").click()
    nodes = ax_nodes(driver)
    dialogs = [ax_value(node, "name") for node in nodes if ax_value(node, "role") == "dialog"]
    assert dialogs == ["搜索"]
    buttons = driver.execute_script(
        "return [...document.querySelectorAll('.md-header button')]"
        "  .filter(b => b.getClientRects().length && b.tabIndex >= 0)"
        "  .map(b => [b.getAttribute('aria-label') || b.textContent.trim(),"
        "             b.getBoundingClientRect().width, b.getBoundingClientRect().height])")
    names = [name for name, _, _ in buttons]
    assert all(names), buttons
    expected = {"深色模式"} | ({"打开导航菜单", "打开搜索"} if width == NARROW else set())
    assert expected <= set(names), names
    assert all(w >= 44 and h >= 44 for _, w, h in buttons), buttons
    # No <label> Material uses as a header button is left in view without a name.
    assert driver.execute_script(
        "return [...document.querySelectorAll('.md-header label.md-header__button')]"
        "  .filter(l => l.getClientRects().length).length") == 0


def test_header_buttons_work_from_the_keyboard(offline_page: Opener) -> None:
    driver = offline_page(OFFLINE_PLAN, NARROW)
    search = driver.find_element(By.CSS_SELECTOR, ".ps-header-button--search")
    search.send_keys(Keys.ENTER)
    assert search.get_attribute("aria-expanded") == "true"
    assert active(driver, "el.getAttribute('data-md-component')") == "search-query"
    press(driver, Keys.ESCAPE)
    assert search.get_attribute("aria-expanded") == "false"
    assert active(driver, "el.classList.contains('ps-header-button--search')")

    menu = driver.find_element(By.CSS_SELECTOR, ".ps-header-button--drawer")
    menu.send_keys(Keys.ENTER)
    assert menu.get_attribute("aria-expanded") == "true"
    assert active(driver, "el.classList.contains('md-nav--primary')")
    press(driver, Keys.TAB)
    assert active(driver, "!!el.closest('.md-sidebar--primary') && "
                          "el.getBoundingClientRect().left >= 0")  # in view, not off-canvas
    press(driver, Keys.ESCAPE)
    assert menu.get_attribute("aria-expanded") == "false"
    assert active(driver, "el.classList.contains('ps-header-button--drawer')")


def test_dark_mode_is_one_pressed_toggle_driving_materials_palette(page: Opener) -> None:
    driver = page(PLAN)
    button = driver.find_element(By.CSS_SELECTOR, ".ps-header-button--palette")
    assert button.get_attribute("aria-label") == "深色模式"
    scheme = "return document.body.getAttribute('data-md-color-scheme')"
    assert (driver.execute_script(scheme), button.get_attribute("aria-pressed")) == (
        "default", "false")
    button.send_keys(Keys.ENTER)
    assert (driver.execute_script(scheme), button.get_attribute("aria-pressed")) == (
        "slate", "true")
    assert button.find_elements(By.TAG_NAME, "svg")  # the icon follows the scheme
    button.send_keys(Keys.SPACE)
    assert (driver.execute_script(scheme), button.get_attribute("aria-pressed")) == (
        "default", "false")
    # Material's radio buttons are no longer tab stops of their own.
    assert driver.execute_script(
        "return [...document.querySelectorAll('input.md-option')].every(i => i.tabIndex < 0)")


def test_closed_drawer_and_search_are_not_in_the_tab_order(page: Opener) -> None:
    driver = page(PLAN, NARROW)
    for _ in range(12):
        press(driver, Keys.TAB)
        assert not active(driver, "!!el.closest('.md-sidebar--primary, .md-search')"), \
            active(driver, "el.outerHTML.slice(0, 120)")


def test_footer_links_the_accessibility_statement_and_a_contact(page: Opener) -> None:
    driver = page(ACTION)
    footer = driver.find_element(By.CSS_SELECTOR, "footer.md-footer")
    assert "Material for MkDocs" not in footer.text
    assert "联系我们" in footer.text
    assert footer.find_elements(By.CSS_SELECTOR, "a[href^='mailto:']")
    footer.find_element(By.LINK_TEXT, "无障碍声明").click()
    wait_until_ready(driver)
    assert driver.find_element(By.TAG_NAME, "h1").text.strip() == "无障碍声明"


def test_without_javascript_the_navigation_opens_at_320_px(site_url: str) -> None:
    """The drawer's button needs policysite.js; a reader without JavaScript gets a link that
    opens the drawer (CSS :target), by keyboard like anything else."""
    with chromium_driver("theme-nojs-", javascript=False) as driver:
        set_width(driver, NARROW)
        driver.get(site_url + PLAN)
        assert "ps-js" not in driver.find_element(By.CSS_SELECTOR, "html").get_attribute("class")
        assert not driver.find_element(By.CSS_SELECTOR, ".ps-header-button--drawer").is_displayed()
        first_link = driver.find_element(By.CSS_SELECTOR, ".md-nav--primary .md-nav__list a")
        assert not first_link.is_displayed()  # the drawer is closed
        link = driver.find_element(By.CSS_SELECTOR, "a.ps-nojs-drawer")
        assert link.is_displayed() and link.accessible_name == "打开导航菜单"
        for _ in range(5):  # the skip link and the site's name come first
            press(driver, Keys.TAB)
            if driver.switch_to.active_element == link:
                break
        assert driver.switch_to.active_element == link
        press(driver, Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: first_link.is_displayed())
        assert first_link.rect["x"] >= 0
        assert first_link.rect["x"] + first_link.rect["width"] <= NARROW
        press(driver, Keys.TAB)  # from the drawer's title into the navigation
        active = driver.switch_to.active_element
        inside = active.find_elements(By.XPATH, "ancestor::nav[contains(@class, 'md-nav--primary')]")
        assert inside, active.get_attribute("outerHTML")

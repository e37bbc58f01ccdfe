"""Keyboard and layout checks a person would make on a template's representative page.

Each function loads the page itself when it needs a fresh state (focus at the top, no injected
styles) and returns failures; none of them leaves the page in a state another check relies on.
"""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from .browser import Browser
from .results import Failure
from .scripts import (
    ACTIVE_IN_MAIN,
    CLIPPED_TEXT,
    FOCUS_FACTS,
    SEARCH_RESULTS_SHOWN,
    SKIP_LINK_FOCUSED,
    TEXT_SPACING_STYLE,
    WAIT_FOR_PAINT,
    WIDE_ELEMENTS,
    after_paint,
)


def _press(browser: Browser, key: str, then: str = "return null;") -> object:
    """Press a key; return what `then` (a script body) finds once the result is painted:
    two round trips a key (the paint wait and the look-up share one)."""
    ActionChains(browser.driver).send_keys(key).perform()
    return browser.driver.execute_async_script(after_paint(then))


def check_skip_link(browser: Browser, url: str, width: int) -> list[Failure]:
    """The first Tab reaches a skip link into main, and Enter moves focus into main."""
    browser.load(url)
    first = _press(browser, Keys.TAB, SKIP_LINK_FOCUSED)
    if not first["focused"]:
        return [Failure("interaction:skip-link", "the first Tab focused nothing", width)]
    if not first["targetInMain"]:
        problem = "its target is not inside main" if first["hasTarget"] else "it is no skip link"
        return [
            Failure(
                "interaction:skip-link",
                f"the first Tab focuses {first['focused']} (href={first.get('href')!r}): {problem}",
                width,
                target=first["focused"],
            )
        ]
    after = _press(browser, Keys.ENTER, ACTIVE_IN_MAIN)
    if after["inMain"]:
        return []
    return [
        Failure(
            "interaction:skip-link",
            f"activating the skip link leaves focus on {after['focused']}, outside main "
            '(a target that is not focusable needs tabindex="-1")',
            width,
            target=first["focused"],
        )
    ]


def check_focus_visible(browser: Browser, url: str, width: int, stops: int) -> list[Failure]:
    """For the first Tab stops: a visible indicator, and no sticky header over the element."""
    browser.load(url)
    failures: list[Failure] = []
    seen: set[str] = set()
    for _ in range(stops):
        facts = _press(browser, Keys.TAB, FOCUS_FACTS)
        if facts is None or facts["element"] in seen:
            break  # focus left the page or came round again
        seen.add(facts["element"])
        failures.extend(_focus_failures(facts, width))
    return failures


def _focus_failures(facts: dict, width: int) -> list[Failure]:
    element = facts["element"]
    if facts["shownBy"]:
        element += f" (shown by {facts['shownBy']})"
    failures: list[Failure] = []
    if facts["width"] < 1 or facts["height"] < 1:
        failures.append(
            Failure(
                "interaction:focus-visible", "focused element has no box", width, target=element
            )
        )
    elif not (facts["outline"] or facts["shadow"]):
        failures.append(
            Failure(
                "interaction:focus-visible",
                f"no focus indicator (outline {facts['outlineStyle']} {facts['outlineWidth']}, "
                "no box-shadow)",
                width,
                target=element,
            )
        )
    if not facts["hitSelf"] or facts["top"] < facts["header"]:
        failures.append(
            Failure(
                "interaction:focus-obscured",
                f"focused element is covered (top {facts['top']:.0f}px, fixed or sticky bar ends at "
                f"{facts['header']:.0f}px, element at its centre: {facts['hit']})",
                width,
                target=element,
            )
        )
    return failures


def check_no_horizontal_scroll(facts: dict, width: int, mode: str = "") -> list[Failure]:
    """WCAG 1.4.10: at 320 CSS px the page itself never scrolls sideways. `facts`: PAGE_FACTS
    of the page as checked (what Browser.load, resize and apply_mode answer with)."""
    if facts["scrollWidth"] <= facts["clientWidth"]:
        return []
    return [
        Failure(
            "interaction:reflow",
            f"page scrolls sideways: {facts['scrollWidth']}px of content in a "
            f"{facts['clientWidth']}px viewport",
            width,
            mode,
        )
    ]


def check_wide_elements(browser: Browser, width: int) -> list[Failure]:
    """Anything wider than the viewport sits in a focusable, named scroll region."""
    return [
        Failure(
            "interaction:wide-element",
            "wider than the viewport and not inside a scroll region with "
            'tabindex="0", role="region" and a name',
            width,
            target=element,
        )
        for element in browser.driver.execute_script(WIDE_ELEMENTS)
    ]


def check_text_spacing(browser: Browser, url: str, width: int, *, load: bool = True) -> list[Failure]:
    """WCAG 1.4.12: with the reader's own spacing no text is cut off by a fixed-size box.
    load=False checks the page as it is (it must carry no injected style yet)."""
    if load:
        browser.load(url)
    browser.driver.execute_script(TEXT_SPACING_STYLE)
    return [
        Failure(
            "interaction:text-spacing",
            "text is clipped with increased text spacing",
            width,
            target=element,
        )
        for element in browser.driver.execute_async_script(after_paint(CLIPPED_TEXT))
    ]


def wait_for_search_results(browser: Browser, width: int, seconds: float) -> list[Failure]:
    """The search page is checked as a reader uses it: with results listed and announced.
    Results that never appear fail the page; it is never checked empty instead."""
    state = browser.driver.execute_async_script(SEARCH_RESULTS_SHOWN, seconds)
    browser.driver.execute_async_script(WAIT_FOR_PAINT)
    if state["shown"]:
        return []
    if not state.get("found"):
        problem = "the page has no search form, live region and result list"
    else:
        problem = f"no results were shown within {seconds:g} s (live region: {state['status']!r})"
    return [Failure("interaction:search-results", problem, width)]

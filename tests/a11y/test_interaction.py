"""Keyboard and layout checks, each against a page that passes and one that must fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from a11y_sites import CLEAN_MAIN, page_html, write_site

from generator.a11y import Browser
from generator.a11y.interaction import (
    check_focus_visible,
    check_skip_link,
    check_text_spacing,
    check_wide_elements,
)
from generator.a11y.server import serve_site

CLEAN = page_html(CLEAN_MAIN)
# A reading-settings switch: the input is visually hidden, its label is what a reader sees.
HIDDEN_CHECKBOX = (
    '<p><input type="checkbox" id="larger" class="sr" style="position: absolute; width: 1px; '
    'height: 1px; overflow: hidden; clip: rect(0 0 0 0); margin: -1px; padding: 0; border: 0">'
    '<label for="larger">特大字号</label></p>'
)
PAGES = {
    "clean": CLEAN,
    "no-skip-link": CLEAN.replace('<a class="skip" href="#main-content">跳到正文</a>', ""),
    # A target that cannot take focus: Chromium scrolls to it but focus stays on <body>.
    "skip-target-unfocusable": CLEAN.replace(' tabindex="-1"', ""),
    "skip-target-outside-main": CLEAN.replace('href="#main-content"', 'href="#footer"').replace(
        "<footer>", '<footer id="footer" tabindex="-1">'
    ),
    "no-focus-style": CLEAN.replace(
        "</head>", "<style>:focus-visible { outline: none; }</style></head>"
    ),
    "fixed-header": CLEAN.replace(
        "</head>",
        "<style>.top { position: fixed; top: 0; left: 0; right: 0; height: 12rem; }</style></head>",
    ),
    "styled-checkbox": page_html(CLEAN_MAIN + HIDDEN_CHECKBOX).replace(
        "</head>", "<style>.sr:focus-visible + label { outline: 3px solid #b34700; }</style></head>"
    ),
    "styled-checkbox-no-focus": page_html(CLEAN_MAIN + HIDDEN_CHECKBOX),
    "clipped-text": page_html(
        CLEAN_MAIN + '<p style="line-height: 1.2; height: 4.8em; overflow: hidden">'
        "第一行<br>第二行<br>第三行<br>第四行</p>"
    ),
    "unnamed-scroller": page_html(
        CLEAN_MAIN.replace(' role="region" aria-label="任务分工表" tabindex="0"', "")
    ),
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory, browser: Browser) -> Iterator[str]:
    site = write_site(tmp_path_factory.mktemp("interaction"), PAGES)
    with serve_site(site, "/policysite/") as root_url:
        browser.allow_only(root_url.removesuffix("/policysite/"))
        browser.set_width(1280)
        yield root_url


def names(failures: list) -> set[str]:
    return {failure.check for failure in failures}


def test_skip_link(root: str, browser: Browser) -> None:
    assert check_skip_link(browser, root + "clean/", 1280) == []
    for page in ("no-skip-link", "skip-target-unfocusable", "skip-target-outside-main"):
        failures = check_skip_link(browser, root + page + "/", 1280)
        assert names(failures) == {"interaction:skip-link"}, page


def test_focus_indicator_and_obscuring(root: str, browser: Browser) -> None:
    assert check_focus_visible(browser, root + "clean/", 1280, 15) == []
    no_style = check_focus_visible(browser, root + "no-focus-style/", 1280, 15)
    assert names(no_style) == {"interaction:focus-visible"}
    covered = check_focus_visible(browser, root + "fixed-header/", 1280, 15)
    assert "interaction:focus-obscured" in names(covered)


def test_hidden_input_shows_focus_on_its_label(root: str, browser: Browser) -> None:
    assert check_focus_visible(browser, root + "styled-checkbox/", 1280, 15) == []
    failures = check_focus_visible(browser, root + "styled-checkbox-no-focus/", 1280, 15)
    assert [f.check for f in failures] == ["interaction:focus-visible"]
    assert "shown by label" in failures[0].target


def test_text_spacing(root: str, browser: Browser) -> None:
    assert check_text_spacing(browser, root + "clean/", 1280) == []
    clipped = check_text_spacing(browser, root + "clipped-text/", 1280)
    assert names(clipped) == {"interaction:text-spacing"}
    assert "第一行" in clipped[0].target


def test_wide_content_needs_a_named_focusable_scroll_region(root: str, browser: Browser) -> None:
    browser.set_width(320)
    try:
        browser.load(root + "clean/")
        assert check_wide_elements(browser, 320) == []
        browser.load(root + "unnamed-scroller/")
        failures = check_wide_elements(browser, 320)
        assert names(failures) == {"interaction:wide-element"}
        assert failures[0].target.startswith("table")
    finally:
        browser.set_width(1280)

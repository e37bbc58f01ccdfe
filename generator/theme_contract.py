"""The theme layer's contract with Material for MkDocs: every selector, id and CSS variable of
Material's that our stylesheet, scripts and overrides rely on, in one list.

Material 9.8 is in maintenance until 2027-05-05; an upgrade that renames any of these would
leave a reading setting, the drawer or a focus style silently dead. tests/test_theme_contract.py
asserts each against what Material produces, and that no Material name in
generator/assets/*.css|js is missing from this list, so an upgrade fails loudly instead.

Where each is found:
- HOSTED: in the HTML of the hosted build (the pages in CONTRACT_PAGES);
- OFFLINE: in the HTML of the offline build only (it keeps Material's search);
- RUNTIME: created by Material's JavaScript after load: the class name must be in its bundle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Where = Literal["hosted", "offline", "runtime"]

# Pages of the built site the HTML selectors are looked for on (at least one must match):
# a generated page, a plan page and a hand-written Markdown page (which has a table of contents).
CONTRACT_PAGES = ("index.html", "regions/{plan}/index.html", "help/index.html")
OFFLINE_PAGES = ("index.html", "help.html")


@dataclass(frozen=True)
class Reliance:
    selector: str
    where: Where
    why: str  # which of our files rely on it, for what


MATERIAL_RELIANCES: tuple[Reliance, ...] = (
    # The two hidden checkboxes Material's JavaScript toggles; our buttons drive them.
    Reliance("#__drawer", "hosted", "policysite.js: the menu button and Escape open/close it"),
    Reliance("#__search", "hosted", "policysite.js, ps-search.js: the search button"),
    Reliance("[data-md-toggle='drawer']", "hosted", "policysite.css: drawer hidden when closed"),
    Reliance("[data-md-toggle='search']", "hosted", "policysite.css: search styles when open"),
    Reliance("label[for='__search']", "offline",
             "header.html keeps an empty one: Material's search script looks it up"),
    # Components Material's JavaScript mounts on.
    Reliance("[data-md-component='content']", "hosted", "policysite.js: read-aloud's text"),
    Reliance("[data-md-component='skip']", "hosted", "policysite.css: Material's skip link"),
    Reliance(".md-header [data-md-component='palette']", "hosted",
             "policysite.js: the dark-mode button replaces the palette form"),
    Reliance("[data-md-component='search']", "offline", "policysite.js: search dialog focus"),
    Reliance("[data-md-component='search-query']", "offline",
             "policysite.js, ps-search.js: the search field"),
    # The colour scheme: Material's palette sets these on body; our colours key on them.
    Reliance("body[data-md-color-scheme]", "hosted", "policysite.css/js: light and dark colours"),
    Reliance("body[data-md-color-primary]", "hosted", "policysite.css: link colour in dark mode"),
    Reliance("input.md-option[data-md-color-scheme]", "hosted",
             "policysite.js: the palette options the dark-mode button selects"),
    # Layout and navigation.
    Reliance(".md-container", "hosted", "policysite.css: the closed drawer's links hidden from focus"),
    Reliance(".md-content article", "hosted", "policysite.js: read-aloud's fallback text"),
    Reliance(".md-content__inner", "hosted", "policysite.css: margins on narrow screens"),
    Reliance(".md-grid", "hosted", "policysite.css: the site search field's width inside it"),
    Reliance(".md-header", "hosted", "policysite.css/js: header buttons and high contrast"),
    Reliance(".md-header__button.md-icon", "hosted", "policysite.css/js: header buttons"),
    Reliance(".md-header__option", "hosted", "policysite.css: the replaced palette switch hidden"),
    Reliance(".md-icon", "hosted", "policysite.js: buttons made in Material's style"),
    Reliance(".md-overlay", "hosted", "policysite.css: no clicks on the closed drawer's overlay"),
    Reliance(".md-sidebar--primary .md-nav--primary", "hosted",
             "policysite.js: focus moves into the drawer"),
    Reliance(".md-nav", "hosted", "policysite.css: text size in the navigation"),
    Reliance(".md-nav--secondary", "hosted", "policysite.css: the table of contents' title"),
    Reliance(".md-nav__button", "hosted", "policysite.css: focus ring inside the sidebar"),
    Reliance(".md-nav__item", "hosted", "policysite.css: text size in the navigation"),
    Reliance(".md-nav__link", "hosted", "policysite.css: focus ring inside the sidebar"),
    Reliance(".md-nav__link--active", "hosted", "policysite.css: the current page in bold, underlined"),
    Reliance(".md-nav__title", "hosted", "policysite.css: the drawer's title bar in high contrast"),
    Reliance(".md-skip", "hosted", "policysite.css: Material's skip link hidden (ours is first)"),
    Reliance(".md-typeset", "hosted", "policysite.css: every text style"),
    Reliance(".md-dialog", "hosted", "policysite.css: the copied notice fits 320 px"),
    Reliance(".md-footer", "hosted", "policysite.css: footer contrast (WCAG 1.4.3)"),
    Reliance(".md-footer-meta", "hosted", "policysite.css: footer contrast (WCAG 1.4.3)"),
    # Material's search, in the offline build.
    Reliance(".md-search__form", "offline", "policysite.css: the search field in high contrast"),
    Reliance(".md-search__icon", "offline", "policysite.css: the search icon in high contrast"),
    Reliance(".md-search__inner", "offline", "policysite.css: hidden when closed"),
    Reliance(".md-search__input", "offline", "policysite.css: placeholder contrast"),
    Reliance(".md-search__overlay", "offline", "policysite.css: hidden when closed"),
    Reliance(".md-search__scrollwrap", "offline", "policysite.css: focus ring on the results"),
    Reliance(".md-search-result", "offline", "policysite.css: highlighted words in high contrast"),
    # Made by Material's JavaScript after the page loads.
    Reliance(".md-dialog--active", "runtime", "policysite.css: the notice hidden until shown"),
    Reliance(".md-search-result__link", "runtime", "policysite.js: submitting the field focuses the first result"),
    Reliance(".md-typeset__scrollwrap", "runtime", "policysite.css/js: wide tables scroll"),
    Reliance(".md-typeset__table", "runtime", "policysite.css: wide tables scroll in our wrapper"),
)

"""All checks on one page, at every width, in every mode the plan asks for."""

from __future__ import annotations

import time

from selenium.common.exceptions import WebDriverException

from .axe_engine import AxeRunner
from .browser import Browser
from .interaction import (
    check_focus_visible,
    check_no_horizontal_scroll,
    check_skip_link,
    check_text_spacing,
    check_wide_elements,
)
from .options import DEFAULT_MODE, CheckOptions
from .pages import PagePlan
from .results import AxeRun, Failure, PageResult
from .scripts import PAGE_FACTS
from .tree import check_tree, dom_describer, heading_outline, read_tree


def check_page(
    browser: Browser, axe: AxeRunner, root_url: str, plan: PagePlan, options: CheckOptions
) -> tuple[PageResult, str]:
    """Return the page's result and the axe-core version that ran on it."""
    started = time.perf_counter()
    result = PageResult(
        path=plan.path,
        url=root_url + plan.url_path,
        template=plan.template,
        interaction_checked=plan.interaction,
    )
    axe_version = ""
    browser.network_events()  # forget whatever the previous page left in the log
    for width in options.widths:
        try:
            axe_version = _check_width(browser, axe, result, plan, options, width)
        except WebDriverException as error:
            first_line = (error.msg or str(error)).strip().splitlines()[:1]
            message = f"{type(error).__name__}: {' '.join(first_line)}"
            result.failures.append(Failure("harness:error", message, width))
        result.failures.extend(_network_failures(browser, width))
    result.seconds = time.perf_counter() - started
    return result, axe_version


def _check_width(
    browser: Browser,
    axe: AxeRunner,
    result: PageResult,
    plan: PagePlan,
    options: CheckOptions,
    width: int,
) -> str:
    browser.set_width(width)
    browser.load(result.url)
    client_width = browser.client_width()
    if client_width != width:
        result.failures.append(
            Failure("harness:viewport", f"viewport is {client_width}px wide, not {width}", width)
        )
    if width == options.wide_width:
        # The tree as delivered, before any mode is switched: what a reader first meets.
        tree = read_tree(browser.cdp)
        lang = browser.driver.execute_script(PAGE_FACTS)["lang"]
        result.outline = heading_outline(tree)
        failures = check_tree(tree, lang, dom_describer(browser.cdp))
        result.failures.extend(Failure(f.check, f.message, width, "", f.target) for f in failures)
    axe_version = axe.inject()
    for mode in plan.modes:
        browser.apply_mode(mode)
        run = axe.run(width, mode)
        result.runs.append(run)
        result.failures.extend(_rules_not_run(run))
        result.failures.extend(check_no_horizontal_scroll(browser, width, mode.key))
    if plan.interaction:
        result.failures.extend(_interaction(browser, result.url, options, width))
    return axe_version


def _interaction(browser: Browser, url: str, options: CheckOptions, width: int) -> list[Failure]:
    if width == options.narrow_width and width < options.wide_width:
        browser.apply_mode(DEFAULT_MODE)
        return check_wide_elements(browser, width)
    if width == options.wide_width:
        return (
            check_skip_link(browser, url, width)
            + check_focus_visible(browser, url, width, options.focus_stops)
            + check_text_spacing(browser, url, width)
        )
    return []


def _rules_not_run(run: AxeRun) -> list[Failure]:
    return [
        Failure("axe:rule-not-run", f"axe did not run {rule}", run.width, run.mode.key, rule)
        for rule, outcome in sorted(run.explicit_rules.items())
        if outcome == "not-run"
    ]


def _network_failures(browser: Browser, width: int) -> list[Failure]:
    events = browser.network_events()
    return [
        Failure("network:external-request", "request to another host (blocked)", width, "", url)
        for url in events.external
    ] + [
        Failure("network:missing-resource", "same-site file not found", width, "", missing)
        for missing in events.missing
    ]

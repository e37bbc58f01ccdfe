"""All checks on one page, at every width, in every mode the plan asks for."""

from __future__ import annotations

import time
from dataclasses import dataclass

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


@dataclass
class PageChecker:
    """Checks pages one after another in one browser session (one per worker)."""

    browser: Browser
    axe: AxeRunner
    origin: str  # "http://127.0.0.1:40123"
    options: CheckOptions
    axe_version: str = ""

    def check(self, plan: PagePlan) -> PageResult:
        started = time.perf_counter()
        result = PageResult(
            path=plan.path,
            url=self.options.normalised_base_path() + plan.url_path,
            template=plan.template,
            interaction_checked=plan.interaction,
        )
        self.browser.network_events()  # forget whatever the previous page left in the log
        for width in self.options.widths:
            try:
                self._check_width(plan, result, width)
            except WebDriverException as error:
                first_line = (error.msg or str(error)).strip().splitlines()[:1]
                message = f"{type(error).__name__}: {' '.join(first_line)}"
                result.failures.append(Failure("harness:error", message, width))
            result.failures.extend(self._network_failures(width))
        result.seconds = time.perf_counter() - started
        return result

    def _check_width(self, plan: PagePlan, result: PageResult, width: int) -> None:
        url = self.origin + result.url
        self.browser.set_width(width)
        self.browser.load(url)
        client_width = self.browser.client_width()
        if client_width != width:
            message = f"viewport is {client_width}px wide, not {width}"
            result.failures.append(Failure("harness:viewport", message, width))
        if width == self.options.wide_width:
            # The tree as delivered, before any mode is switched: what a reader first meets.
            result.outline, failures = self._tree_checks()
            result.failures += [Failure(f.check, f.message, width, "", f.target) for f in failures]
        self.axe_version = self.axe.inject()
        for mode in plan.modes:
            self.browser.apply_mode(mode)
            run = self.axe.run(width, mode)
            result.runs.append(run)
            result.failures += _rules_not_run(run)
            result.failures += check_no_horizontal_scroll(self.browser, width, mode.key)
        if plan.interaction:
            result.failures += self._interaction(url, width)

    def _tree_checks(self) -> tuple[list[tuple[int, str]], list[Failure]]:
        tree = read_tree(self.browser.cdp)
        lang = self.browser.driver.execute_script(PAGE_FACTS)["lang"]
        return heading_outline(tree), check_tree(tree, lang, dom_describer(self.browser.cdp))

    def _interaction(self, url: str, width: int) -> list[Failure]:
        options = self.options
        if width == options.narrow_width and width < options.wide_width:
            self.browser.apply_mode(DEFAULT_MODE)
            return check_wide_elements(self.browser, width)
        if width == options.wide_width:
            return (
                check_skip_link(self.browser, url, width)
                + check_focus_visible(self.browser, url, width, options.focus_stops)
                + check_text_spacing(self.browser, url, width)
            )
        return []

    def _network_failures(self, width: int) -> list[Failure]:
        events = self.browser.network_events()
        external = "request to another host (blocked)"
        return [
            Failure("network:external-request", external, width, "", url) for url in events.external
        ] + [
            Failure("network:missing-resource", "same-site file not found", width, "", missing)
            for missing in events.missing
        ]


def _rules_not_run(run: AxeRun) -> list[Failure]:
    return [
        Failure("axe:rule-not-run", f"axe did not run {rule}", run.width, run.mode.key, rule)
        for rule, outcome in sorted(run.explicit_rules.items())
        if outcome == "not-run"
    ]

"""All checks on one page, at every width, in every mode the plan asks for."""

from __future__ import annotations

import time
from dataclasses import dataclass

from selenium.common.exceptions import WebDriverException

from .axe_engine import AxeError, AxeRunner
from .browser import Browser, NetworkEvents
from .ibm_engine import IbmRunner
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
    ibm: IbmRunner
    origin: str  # "http://127.0.0.1:40123"
    options: CheckOptions

    @property
    def axe_version(self) -> str:
        return self.axe.version

    def check(self, plan: PagePlan) -> tuple[PageResult, tuple[str, ...]]:
        """The page's result and the site paths it was rendered from (for the cache key)."""
        started = time.perf_counter()
        result = PageResult(
            path=plan.path,
            url=self.options.normalised_base_path() + plan.url_path,
            template=plan.template,
            interaction_checked=plan.interaction,
        )
        self.browser.network_events()  # forget whatever the previous page left in the log
        loaded: set[str] = set()
        fresh = True  # the page must be (re)loaded before the next width
        # Widest first: the page is loaded once and narrowed, not loaded again per width.
        for width in sorted(self.options.widths, reverse=True):
            try:
                fresh = self._check_width(plan, result, width, fresh)
            except (WebDriverException, AxeError) as error:
                message = getattr(error, "msg", None) or str(error)
                first_line = " ".join(message.strip().splitlines()[:1])
                result.failures.append(Failure("harness:error", f"{type(error).__name__}: "
                                               f"{first_line}", width))
                fresh = True
            events = self.browser.network_events()
            loaded.update(events.loaded)
            result.failures.extend(_network_failures(events, width))
        result.seconds = time.perf_counter() - started
        return result, tuple(sorted(loaded))

    def _check_width(self, plan: PagePlan, result: PageResult, width: int, fresh: bool) -> bool:
        """Run every check at one width; return whether the page must be loaded anew after."""
        url = self.origin + result.url
        if fresh:
            self.browser.set_width(width)
            self.browser.load(url)
        else:
            self.browser.resize(width)
        client_width = self.browser.client_width()
        if client_width != width:
            message = f"viewport is {client_width}px wide, not {width}"
            result.failures.append(Failure("harness:viewport", message, width))
        if width == self.options.wide_width:
            # The tree as delivered, before any mode is switched: what a reader first meets.
            result.outline, failures = self._tree_checks()
            result.failures += [Failure(f.check, f.message, width, "", f.target) for f in failures]
        for mode in plan.modes:
            self.browser.apply_mode(mode)
            run = self.axe.run(width, mode)
            result.runs.append(run)
            result.failures += _rules_not_run(run)
            result.failures += check_no_horizontal_scroll(self.browser, width, mode.key)
            if plan.interaction and (width == self.options.wide_width or mode == DEFAULT_MODE):
                # The second engine on each template's page: every mode at the widest width,
                # the default mode at the others (one IBM run costs several axe runs).
                ibm = self.ibm.run(width, mode.key)
                result.failures += ibm.failures
                result.reviews += ibm.reviews
                result.ibm_runs += 1
        if plan.interaction:
            result.failures += self._interaction(url, width)
            return True  # the keyboard checks reloaded the page and left styles in it
        return False

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



def _network_failures(events: NetworkEvents, width: int) -> list[Failure]:
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

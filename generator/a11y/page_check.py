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
    wait_for_search_results,
)
from .options import DEFAULT_MODE, CheckOptions, Mode
from .pages import PagePlan, Part
from .profile import Profile
from .results import AxeRun, Failure, PageResult
from .tree import check_tree, dom_describer, heading_outline, read_tree


@dataclass
class PageChecker:
    """Checks pages one after another in one browser session (one per worker)."""

    browser: Browser
    axe: AxeRunner
    ibm: IbmRunner
    origin: str  # "http://127.0.0.1:40123"
    options: CheckOptions
    profile: Profile

    @property
    def axe_version(self) -> str:
        return self.axe.version

    def check(self, plan: PagePlan, part: Part) -> tuple[PageResult, tuple[str, ...]]:
        """The part's result and the site paths the page was rendered from (for the cache)."""
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
        for width in part.widths:
            try:
                fresh = self._check_width(plan, result, width, fresh)
            except (WebDriverException, AxeError) as error:
                result.failures.append(_harness_error(error, width))
                fresh = True
            self._network(plan, result, width, loaded)
        if part.keyboard:
            # Last, as they reload the page (and leave injected styles in it).
            wide = self.options.wide_width
            try:
                with self.profile.step("keyboard/layout"):
                    result.failures += self._keyboard(self.origin + result.url + plan.query, wide)
            except WebDriverException as error:
                result.failures.append(_harness_error(error, wide))
            self._network(plan, result, wide, loaded)
        result.seconds = time.perf_counter() - started
        return result, tuple(sorted(loaded))

    def _check_width(self, plan: PagePlan, result: PageResult, width: int, fresh: bool) -> bool:
        """Run every check at one width; return whether the page must be loaded anew after."""
        # The page's facts as painted (Browser.load, resize): the page as delivered at this
        # width, which is what a page checked in the default mode alone is checked in.
        if fresh:
            self.browser.set_width(width)
            with self.profile.step("page load"):
                facts = self.browser.load(self.origin + result.url + plan.query)
            if plan.query:
                with self.profile.step("search results"):
                    result.failures += wait_for_search_results(
                        self.browser, width, self.options.search_wait_seconds)
                    facts = self.browser.page_facts()  # the results changed the page
        else:
            with self.profile.step("resize"):
                facts = self.browser.resize(width)
        if facts["clientWidth"] != width:
            message = f"viewport is {facts['clientWidth']}px wide, not {width}"
            result.failures.append(Failure("harness:viewport", message, width))
        if width == self.options.wide_width:
            # The tree as delivered, before any mode is switched: what a reader first meets.
            with self.profile.step("tree"):
                result.outline, failures = self._tree_checks(facts["lang"])
            result.failures += [Failure(f.check, f.message, width, "", f.target) for f in failures]
        if width in plan.axe_widths:
            # IBM on each kind's page: every mode at the widest width, the default at the others.
            ibm_modes = plan.interaction and width == self.options.wide_width
            for mode in plan.modes:
                self._check_mode(plan, result, width, mode, facts)
                if ibm_modes and mode != DEFAULT_MODE:
                    self._ibm(result, width, mode)  # in the mode axe has just checked
            if plan.interaction:
                self._apply(plan, DEFAULT_MODE)
                self._ibm(result, width, DEFAULT_MODE)
        else:
            # Width changes what a page's own content does mostly through reflow (long words,
            # wide tables): checked on every page; axe's rules ran at the widest width and,
            # on each kind's representative page, at every width.
            result.failures += check_no_horizontal_scroll(facts, width, DEFAULT_MODE.key)
        if plan.interaction and width == self.options.narrow_width < self.options.wide_width:
            self.browser.apply_mode(DEFAULT_MODE)
            result.failures += check_wide_elements(self.browser, width)
        return False

    def _network(self, plan: PagePlan, result: PageResult, width: int, loaded: set[str]) -> None:
        with self.profile.step("network log"):
            # What a search fetched is part of what the search page shows (see PagePlan.query).
            events = self.browser.network_events(include_data=bool(plan.query))
        loaded.update(events.loaded)
        result.failures.extend(_network_failures(events, width))

    def _check_mode(
        self, plan: PagePlan, result: PageResult, width: int, mode: Mode, loaded: dict
    ) -> None:
        """axe (every rule in the default mode, MODE_RULES in the others) and reflow.
        `loaded`: the page's facts as loaded, for a page checked in the default mode alone."""
        facts = self._apply(plan, mode) or loaded
        every_rule = mode == DEFAULT_MODE
        kind = "every rule" if every_rule else "mode rules"
        with self.profile.step(f"axe {kind} {width}"):
            run = self.axe.run(width, mode, every_rule=every_rule)
        result.runs.append(run)
        result.failures += _rules_not_run(run)
        # Facts read once the mode was painted, before axe ran: axe reads the page, it does
        # not change its layout, so no round trip of its own for the reflow check.
        result.failures += check_no_horizontal_scroll(facts, width, mode.key)

    def _ibm(self, result: PageResult, width: int, mode: Mode) -> None:
        """The second engine, in the mode applied: its MODE_RULES, or every rule in the default
        mode. Its run with every rule comes last on a page: once IBM has run with every rule in
        a document, each later IBM run there took several times as long (measured 2026-11-30:
        its mode rules 0.14–0.28 s before, 1.0–1.4 s after). Its mode-rule runs share axe's
        mode switches: axe's mode-rule runs after one took as long as before (plan and data
        pages: 0.17–0.29 s both)."""
        every_rule = mode == DEFAULT_MODE
        kind = "every rule" if every_rule else "mode rules"
        with self.profile.step(f"ibm {kind} {width}"):
            ibm = self.ibm.run(width, mode.key, every_rule=every_rule)
        result.failures += ibm.failures
        result.reviews += ibm.reviews
        result.ibm_runs += 1

    def _apply(self, plan: PagePlan, mode: Mode) -> dict | None:
        """The page's facts in `mode`; None for a page checked in the default mode alone,
        which is left as loaded."""
        if len(plan.modes) == 1:
            return None
        with self.profile.step("apply mode"):
            return self.browser.apply_mode(mode)

    def _tree_checks(self, lang: str | None) -> tuple[list[tuple[int, str]], list[Failure]]:
        tree = read_tree(self.browser.cdp)
        return heading_outline(tree), check_tree(tree, lang, dom_describer(self.browser.cdp))

    def _keyboard(self, url: str, width: int) -> list[Failure]:
        """Two loads: the skip link's check leaves the page as loaded but for the focus in
        main (no style injected, nothing opened), so text spacing is checked on it; the Tab
        stops need a page of their own (focus from the top; a Tab stop may open a menu or the search)."""
        self.browser.set_width(width)
        skip_link = check_skip_link(self.browser, url, width)
        spacing = check_text_spacing(self.browser, url, width, load=False)
        focus = check_focus_visible(self.browser, url, width, self.options.focus_stops)
        return skip_link + focus + spacing


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


def _harness_error(error: Exception, width: int) -> Failure:
    message = getattr(error, "msg", None) or str(error)
    first_line = " ".join(message.strip().splitlines()[:1])
    return Failure("harness:error", f"{type(error).__name__}: {first_line}", width)

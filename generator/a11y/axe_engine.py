"""axe-core: which copy is used, which rules run, and its results as plain values."""

from __future__ import annotations

import json
import time
from pathlib import Path

from axe_selenium_python import Axe
from selenium.common.exceptions import JavascriptException, TimeoutException
from selenium.webdriver.remote.webdriver import WebDriver

from .options import Mode
from .results import AxeFinding, AxeNode, AxeRun

TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
# The three experimental rules are left out of any tag selection; target-size is off in a
# default run (the wcag22aa tag happens to select it). An explicit "enabled" wins over runOnly
# tags in axe's rule selection, so all four run whatever the tag list becomes.
EXPLICIT_RULES = ("target-size", "p-as-heading", "table-fake-caption", "td-has-header")
RUN_OPTIONS = {
    "runOnly": {"type": "tag", "values": list(TAGS)},
    "rules": {rule: {"enabled": True} for rule in EXPLICIT_RULES},
    # Passing nodes are not reported; passes still list each rule that ran (with one node).
    "resultTypes": ["violations", "incomplete"],
    # axe's default preload also fetches and parses every stylesheet again ("cssom") for
    # css-orientation-lock alone, an experimental rule this selection does not run (a test
    # holds that: the only rule run that preloads is no-autoplay-audio, which needs the media).
    # The stylesheets were ~18 % of a full run on an ordinary page.
    "preload": {"assets": ["media"]},
}
# In a display mode other than the default only colours and the root font size change (the
# theme's mode attributes select colour variables and a text size; high contrast also draws
# 2px borders on the header, footer and search form; policysite.css shows or hides nothing by
# mode). Rules about names, roles, ARIA, structure, language and the like see the
# same DOM and ran in the default mode, so the other modes run only the rules whose outcome
# depends on colour or on the layout that a larger text (or a border) makes:
# - color-contrast: each colour scheme has its own text and background colours;
# - link-in-text-block: a link told apart from the text around it by colour;
# - target-size: larger text moves and resizes controls (and the space between them);
# - scrollable-region-focusable: larger text can make a box overflow and scroll.
# (Sideways scrolling of the page itself is the gate's own reflow check, run in every mode.)
MODE_RULES = ("color-contrast", "link-in-text-block", "target-size", "scrollable-region-focusable")
MODE_RUN_OPTIONS = {
    "runOnly": {"type": "rule", "values": list(MODE_RULES)},
    "resultTypes": ["violations", "incomplete"],
    # axe otherwise reads and parses every stylesheet again before each run (its "preload"),
    # which only css-orientation-lock and no-autoplay-audio use: neither is a mode rule.
    "preload": False,
}
_OUTCOMES = ("violations", "incomplete", "passes", "inapplicable")
_HTML_LIMIT = 300

# axe is loaded into every document by the browser itself (Browser.preload) from the pinned
# copy (engines.py refuses any version but package-lock.json's).


class AxeError(RuntimeError):
    """axe-core could not run in the page: reported as a harness error on that page."""


class AxeRunner:
    """axe-core run through axe-selenium-python's Axe (the project's chosen binding), with the
    pinned copy as its script (Axe.inject is not needed: the browser preloads that copy into
    every document, iframes included, before the page's own scripts run)."""

    def __init__(self, driver: WebDriver, script: Path) -> None:
        self.axe = Axe(driver, script_url=str(script))
        self.version = ""

    def run(self, width: int, mode: Mode, *, every_rule: bool = True) -> AxeRun:
        """Every rule of the gate, or (every_rule=False) only MODE_RULES."""
        started = time.perf_counter()
        options = RUN_OPTIONS if every_rule else MODE_RUN_OPTIONS
        try:
            # Axe.run pastes its options into the script as text: JSON is valid JavaScript.
            results = self.axe.run(options=json.dumps(options))
        except (JavascriptException, TimeoutException) as error:
            # A rejected axe.run never answers Axe.run's callback: the script timeout ends it.
            raise AxeError(f"axe-core did not run: {error.msg}") from error
        seconds = time.perf_counter() - started
        if not isinstance(results, dict) or "violations" not in results:
            raise AxeError(f"axe-core did not run: {(results or {}).get('error', 'no results')}")
        self.version = str(results["testEngine"]["version"])
        return AxeRun(
            width=width,
            mode=mode,
            violations=_findings(results["violations"]),
            incomplete=_findings(results["incomplete"]),
            explicit_rules=_explicit_rule_outcomes(results) if every_rule else {},
            seconds=seconds,
        )


def _explicit_rule_outcomes(results: dict) -> dict[str, str]:
    outcomes: dict[str, str] = {}
    for outcome in _OUTCOMES:
        for rule in results.get(outcome, []):
            if rule["id"] in EXPLICIT_RULES:
                outcomes.setdefault(rule["id"], outcome)
    return {rule: outcomes.get(rule, "not-run") for rule in EXPLICIT_RULES}


def _findings(rules: list[dict]) -> tuple[AxeFinding, ...]:
    findings = [
        AxeFinding(
            rule=rule["id"],
            impact=rule.get("impact") or "",
            help=rule.get("help", ""),
            help_url=rule.get("helpUrl", ""),
            nodes=tuple(sorted(_node(node) for node in rule.get("nodes", []))),
        )
        for rule in rules
    ]
    return tuple(sorted(findings))


def _node(node: dict) -> AxeNode:
    target = " >>> ".join(_flatten(node.get("target", [])))
    summary = node.get("failureSummary") or "; ".join(
        check["message"] for kind in ("any", "all", "none") for check in node.get(kind, [])
    )
    return AxeNode(target=target, html=node.get("html", "")[:_HTML_LIMIT], summary=summary)


def _flatten(target: list) -> list[str]:
    # Targets inside shadow roots or iframes are nested lists of selectors.
    parts: list[str] = []
    for part in target:
        parts.extend(_flatten(part) if isinstance(part, list) else [str(part)])
    return parts

"""axe-core: which copy is used, which rules run, and its results as plain values."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import axe_selenium_python
from axe_selenium_python import Axe
from selenium.webdriver.remote.webdriver import WebDriver

from .options import Mode
from .results import AxeFinding, AxeNode, AxeRun

BUNDLED_AXE = Path(axe_selenium_python.__file__).parent / "node_modules/axe-core/axe.min.js"
NPM_AXE = Path("node_modules/axe-core/axe.min.js")

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
}
_OUTCOMES = ("violations", "incomplete", "passes", "inapplicable")
_HTML_LIMIT = 300


@dataclass(frozen=True)
class AxeScript:
    path: Path
    source: str  # "npm" (package.json pin) or "bundled" (axe-selenium-python's copy)


def locate_axe_script(node_modules_root: Path) -> AxeScript:
    """Prefer the version pinned in package.json; fall back to axe-selenium-python's copy."""
    npm_copy = node_modules_root / NPM_AXE
    if npm_copy.is_file():
        return AxeScript(npm_copy.resolve(), "npm")
    return AxeScript(BUNDLED_AXE, "bundled")


class AxeRunner:
    def __init__(self, driver: WebDriver, script: AxeScript) -> None:
        self.axe = Axe(driver, script_url=str(script.path))
        self.driver = driver

    def inject(self) -> str:
        """Load axe into the current page; return the version that is really running."""
        self.axe.inject()
        return str(self.driver.execute_script("return axe.version"))

    def run(self, width: int, mode: Mode) -> AxeRun:
        started = time.perf_counter()
        # axe_selenium_python pastes options into JS as text: give it JSON, not a Python repr.
        results = self.axe.run(options=json.dumps(RUN_OPTIONS))
        seconds = time.perf_counter() - started
        return AxeRun(
            width=width,
            mode=mode,
            violations=_findings(results["violations"]),
            incomplete=_findings(results["incomplete"]),
            explicit_rules=_explicit_rule_outcomes(results),
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

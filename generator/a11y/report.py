"""The gate's report: pass/fail, a plain-text summary, JSON, and the statement fragment."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .axe_engine import BUNDLED_AXE, EXPLICIT_RULES, TAGS
from .options import ALL_MODES, DEFAULT_MODE, REPO_ROOT, Mode
from .results import AxeFinding, Failure, PageResult
from .statement import statement_fragment_html
from .summary import summary_table


@dataclass(frozen=True)
class ToolVersions:
    axe_core: str
    axe_script: str
    axe_source: str  # "npm" or "bundled"
    chromium: str
    chromedriver: str
    selenium: str
    axe_selenium_python: str

    def to_json(self) -> dict[str, str]:
        return {
            "axe_core": self.axe_core,
            "axe_script": _portable(self.axe_script),
            "axe_source": self.axe_source,
            "chromium": self.chromium,
            "chromedriver": self.chromedriver,
            "selenium": self.selenium,
            "axe_selenium_python": self.axe_selenium_python,
        }


@dataclass(frozen=True)
class RuleTally:
    """Where one axe rule (or one other check) failed across the site."""

    pages: tuple[str, ...]
    nodes: int  # distinct elements for axe rules; failures for other checks
    help: str = ""


@dataclass
class Report:
    site_dir: str
    base_path: str
    started: datetime
    finished: datetime
    widths: tuple[int, ...]
    full_matrix: bool
    templates: dict[str, str]
    tools: ToolVersions
    pages: list[PageResult] = field(default_factory=list)

    # -- what was found ------------------------------------------------------------------------

    @property
    def ok(self) -> bool:
        return bool(self.pages) and all(page.ok for page in self.pages)

    @property
    def failures(self) -> list[tuple[str, Failure]]:
        return [(page.path, failure) for page in self.pages for failure in sorted(page.failures)]

    @property
    def run_count(self) -> int:
        return sum(len(page.runs) for page in self.pages)

    def violations_by_rule(self) -> dict[str, RuleTally]:
        return _tally((page.path, page.violations) for page in self.pages)

    def incomplete_by_rule(self) -> dict[str, RuleTally]:
        return _tally(
            (page.path, [finding for run in page.runs for finding in run.incomplete])
            for page in self.pages
        )

    def failures_by_check(self) -> dict[str, RuleTally]:
        pages: dict[str, set[str]] = defaultdict(set)
        counts: dict[str, int] = defaultdict(int)
        for path, failure in self.failures:
            pages[failure.check].add(path)
            counts[failure.check] += 1
        return {
            check: RuleTally(tuple(sorted(pages[check])), counts[check]) for check in sorted(pages)
        }

    # -- what was covered ----------------------------------------------------------------------

    def matrix_pages(self) -> list[str]:
        return [page.path for page in self.pages if len({run.mode for run in page.runs}) > 1]

    def interaction_pages(self) -> list[str]:
        return [page.path for page in self.pages if page.interaction_checked]

    def matrix_modes(self) -> list[Mode]:
        return list(ALL_MODES)

    def axe_seconds(self) -> list[float]:
        return [run.seconds for page in self.pages for run in page.runs]

    def coverage_json(self) -> dict[str, object]:
        return {
            "pages": len(self.pages),
            "widths": list(self.widths),
            "default_mode": DEFAULT_MODE.key,
            "matrix_modes": [mode.key for mode in self.matrix_modes()],
            "matrix_pages": self.matrix_pages(),
            "interaction_pages": self.interaction_pages(),
            "tree_checks_width": max(self.widths),
            "axe_runs": self.run_count,
            "axe_tags": list(TAGS),
            "axe_explicit_rules": list(EXPLICIT_RULES),
        }

    # -- output --------------------------------------------------------------------------------

    def to_json(self) -> dict[str, object]:
        seconds = self.axe_seconds()
        return {
            "ok": self.ok,
            # Folder names only: the report is published with the site, machine paths are not.
            "site_dir": Path(self.site_dir).name,
            "base_path": self.base_path,
            "started": self.started.isoformat(timespec="seconds"),
            "finished": self.finished.isoformat(timespec="seconds"),
            "full_matrix": self.full_matrix,
            "templates": dict(sorted(self.templates.items())),
            "tools": self.tools.to_json(),
            "coverage": self.coverage_json(),
            "totals": {
                "violations": _tally_json(self.violations_by_rule()),
                "failures": _tally_json(self.failures_by_check()),
                "incomplete": _tally_json(self.incomplete_by_rule()),
            },
            "timings": {
                "wall_seconds": round((self.finished - self.started).total_seconds(), 3),
                "axe_run_mean_seconds": round(statistics.fmean(seconds), 3) if seconds else 0,
                "axe_run_max_seconds": round(max(seconds), 3) if seconds else 0,
            },
            "pages": [page.to_json() for page in self.pages],
        }

    def summary_table(self) -> str:
        return summary_table(self)

    def statement_fragment_html(self) -> str:
        return statement_fragment_html(self)


def _portable(path: str) -> str:
    """A path relative to the repository or to site-packages, as in 'node_modules/…'."""
    for root in (BUNDLED_AXE.parents[3], REPO_ROOT):
        if Path(path).is_relative_to(root):
            return Path(path).relative_to(root).as_posix()
    return Path(path).name


def _tally(per_page: Iterable[tuple[str, Iterable[AxeFinding]]]) -> dict[str, RuleTally]:
    """Per rule: the pages and the distinct elements (page, target), however many runs saw them."""
    elements: dict[str, set[tuple[str, str]]] = defaultdict(set)
    helps: dict[str, str] = {}
    for path, findings in per_page:
        for finding in findings:
            elements[finding.rule].update((path, node.target) for node in finding.nodes)
            helps[finding.rule] = finding.help
    return {
        rule: RuleTally(
            tuple(sorted({path for path, _ in elements[rule]})), len(elements[rule]), helps[rule]
        )
        for rule in sorted(elements)
    }


def _tally_json(tallies: dict[str, RuleTally]) -> dict[str, dict[str, object]]:
    return {
        rule: {"pages": len(t.pages), "nodes": t.nodes, "page_paths": list(t.pages)}
        for rule, t in tallies.items()
    }

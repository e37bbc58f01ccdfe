"""The gate's report: pass/fail, a plain-text summary, JSON, and the statement fragment."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .axe_engine import EXPLICIT_RULES, TAGS
from .options import ALL_MODES, DEFAULT_MODE, Mode
from .results import AxeFinding, Failure, PageResult


@dataclass(frozen=True)
class ToolVersions:
    """The engines that ran (pinned by package-lock.json) and the browser they ran in."""

    axe_core: str
    ibm_checker: str  # accessibility-checker-engine
    vnu: str  # vnu-jar, the Nu HTML checker
    chromium: str
    chromedriver: str
    selenium: str

    def to_json(self) -> dict[str, str]:
        return {
            "axe_core": self.axe_core,
            "accessibility_checker_engine": self.ibm_checker,
            "vnu_jar": self.vnu,
            "pinned_by": "package-lock.json",
            "chromium": self.chromium,
            "chromedriver": self.chromedriver,
            "selenium": self.selenium,
        }

    @classmethod
    def from_json(cls, data: dict[str, str]) -> ToolVersions:
        return cls(
            axe_core=data["axe_core"],
            ibm_checker=data["accessibility_checker_engine"],
            vnu=data["vnu_jar"],
            chromium=data["chromium"],
            chromedriver=data["chromedriver"],
            selenium=data["selenium"],
        )


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
    shard: str | None = None  # "2/4" when only part of the site was checked
    # Seconds and counts per step of this run (profile.py); not kept by from_json.
    profile: dict[str, dict[str, float]] = field(default_factory=dict)

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

    @property
    def reused_count(self) -> int:
        """Pages whose passing result came from the cache instead of a check in this run."""
        return sum(page.reused for page in self.pages)

    def fresh_seconds(self) -> list[float]:
        """axe run times of the pages checked in this run (cached timings are old news)."""
        return [run.seconds for page in self.pages if not page.reused for run in page.runs]

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

    def reviews_by_check(self) -> dict[str, RuleTally]:
        pages: dict[str, set[str]] = defaultdict(set)
        counts: dict[str, int] = defaultdict(int)
        for page in self.pages:
            for review in page.reviews:
                pages[review.check].add(page.path)
                counts[review.check] += 1
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
            "ibm_runs": sum(page.ibm_runs for page in self.pages),
            "pages_checked_fresh": len(self.pages) - self.reused_count,
            "pages_reused_from_cache": self.reused_count,
            "axe_tags": list(TAGS),
            "axe_explicit_rules": list(EXPLICIT_RULES),
        }

    # -- output --------------------------------------------------------------------------------

    def to_json(self) -> dict[str, object]:
        seconds = self.fresh_seconds()
        return {
            "ok": self.ok,
            # Folder names only: the report is published with the site, machine paths are not.
            "site_dir": Path(self.site_dir).name,
            "base_path": self.base_path,
            "shard": self.shard,
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
                "reviews": _tally_json(self.reviews_by_check()),
            },
            "timings": {
                "wall_seconds": round((self.finished - self.started).total_seconds(), 3),
                "axe_run_mean_seconds": round(statistics.fmean(seconds), 3) if seconds else 0,
                "axe_run_max_seconds": round(max(seconds), 3) if seconds else 0,
                "steps": self.profile,
            },
            "pages": [page.to_json() for page in self.pages],
        }

    def json_text(self) -> str:
        """The report as a file: compact, because only without indentation does Python's json
        use its C encoder (a national site's report lists ~60,000 pages; indented, it took
        2.9 s at 300 regions)."""
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, data: dict) -> Report:
        """A report read back, e.g. one shard's, to merge into the whole site's."""
        return cls(
            site_dir=data["site_dir"],
            base_path=data["base_path"],
            started=datetime.fromisoformat(data["started"]),
            finished=datetime.fromisoformat(data["finished"]),
            widths=tuple(data["coverage"]["widths"]),
            full_matrix=data["full_matrix"],
            templates=dict(data["templates"]),
            tools=ToolVersions.from_json(data["tools"]),
            pages=[PageResult.from_json(page) for page in data["pages"]],
            shard=data.get("shard"),
        )

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

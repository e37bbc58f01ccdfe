"""The accessibility statement, checked as published: with this run's results written into it.

The results describe every page, the statement included, so they are written before the
statement is checked, assuming it passes; once it has been checked, the results are written
again from the real outcome. When that changes the text (it failed, or added items for review),
the new text is checked too, until the page checked is the page published.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .axe_engine import EXPLICIT_RULES
from .options import DEFAULT_MODE, CheckOptions
from .pages import PagePlan
from .report import Report
from .results import AxeRun, Failure, PageResult
from .statement import statement_fragment_html

MAX_ROUNDS = 3


def check_statement(
    page: Path,
    plan: PagePlan,
    options: CheckOptions,
    others: list[PageResult],
    report_with: Callable[[list[PageResult]], Report],
    check: Callable[[], PageResult],
) -> PageResult:
    """Write, check, rewrite until stable; the page is left holding the text that was checked."""
    original = page.read_text(encoding="utf-8")
    fragment = statement_fragment_html(report_with([*others, _assumed_pass(plan, options)]))
    result = None
    for _ in range(MAX_ROUNDS):
        page.write_text(original.replace(options.statement_marker, fragment), encoding="utf-8")
        result = check()
        written = statement_fragment_html(report_with([*others, result]))
        if written == fragment:
            return result
        fragment = written
    # Still changing after MAX_ROUNDS: the text published was not the text checked.
    assert result is not None
    message = "the statement's results kept changing: the published text was not checked"
    result.failures.append(Failure("harness:statement-unstable", message))
    return result


def _assumed_pass(plan: PagePlan, options: CheckOptions) -> PageResult:
    """The statement's result if it passes: every run its plan asks for, nothing found."""
    passed = dict.fromkeys(EXPLICIT_RULES, "passes")
    ibm_runs = len(plan.modes) + len(plan.axe_widths) - 1 if plan.interaction else 0
    return PageResult(
        path=plan.path,
        url=options.normalised_base_path() + plan.url_path,
        template=plan.template,
        runs=[
            AxeRun(width, mode, (), (), passed if mode == DEFAULT_MODE else {}, 0.0)
            for width in plan.axe_widths
            for mode in plan.modes
        ],
        interaction_checked=plan.interaction,
        ibm_runs=ibm_runs,
    )

"""The plain-text summary printed at the end of a gate run."""

from __future__ import annotations

import statistics

from .options import DEFAULT_MODE
from .report import Report, RuleTally


def summary_table(report: Report) -> str:
    tools = report.tools
    seconds = report.fresh_seconds()
    matrix = report.matrix_pages()
    lines = [
        f"Accessibility gate: {'PASSED' if report.ok else 'FAILED'}"
        + (f" (shard {report.shard})" if report.shard else ""),
        "",
        _row("pages", str(len(report.pages))),
        _row("widths", ", ".join(f"{w}px" for w in report.widths)),
        _row("checked fresh / reused from cache",
             f"{len(report.pages) - report.reused_count} / {report.reused_count}"),
        _row("axe runs", str(report.run_count)),
        _row("IBM Equal Access runs", str(sum(page.ibm_runs for page in report.pages))),
        _row("default mode", f"{DEFAULT_MODE.key}: axe on every page at {max(report.widths)}px "
             "(template pages: every width), reflow at every width"),
        _row("full mode matrix", f"{len(report.matrix_modes())} modes on {len(matrix)} page(s)"),
        _row("interaction checks", f"{len(report.interaction_pages())} page(s)"),
        "",
        *_tally_rows("violations by rule", report.violations_by_rule()),
        *_tally_rows("tree/interaction/network failures", report.failures_by_check()),
        *_tally_rows("incomplete (review by a person)", report.incomplete_by_rule()),
        *_tally_rows("IBM potential violations (review)", report.reviews_by_check()),
        "",
        _row("engines (package-lock.json)", f"axe-core {tools.axe_core}, "
             f"accessibility-checker-engine {tools.ibm_checker}, vnu-jar {tools.vnu}"),
        _row("chromium", f"{tools.chromium} (chromedriver {tools.chromedriver})"),
        _row("selenium", tools.selenium),
    ]
    if seconds:
        lines.append(
            _row(
                "axe time per run",
                f"mean {statistics.fmean(seconds):.2f}s, median {statistics.median(seconds):.2f}s"
                f", max {max(seconds):.2f}s",
            )
        )
    lines.append(_row("wall time", f"{(report.finished - report.started).total_seconds():.1f}s"))
    if not report.templates:
        lines.append("note: no template pages given: no mode matrix, no interaction checks")
    return "\n".join(lines)


def _row(label: str, value: str) -> str:
    return f"{label:<36}{value}"


def _tally_rows(title: str, tallies: dict[str, RuleTally]) -> list[str]:
    total = sum(t.nodes for t in tallies.values())
    rows = [_row(title, str(total))]
    rows += [
        _row(f"  {rule}", f"{t.nodes} on {len(t.pages)} page(s)") for rule, t in tallies.items()
    ]
    return rows

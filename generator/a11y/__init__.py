"""The accessibility gate run after every build over the built static site.

    report = run_checks(site_dir, CheckOptions(templates={"plan": "jinchang/2026-2027/"}))
    report.ok, report.to_json(), summary_table(report), statement_fragment_html(report)

axe-core (WCAG 2.0–2.2 A/AA, best practice and four rules that need enabling) runs on every page
at every width; the accessibility tree, keyboard use, reflow and text spacing are checked
through Chromium's DevTools protocol, because a screen reader is given the tree, not the HTML.
"""

from .browser import Browser, BrowserMissingError
from .engines import EngineMissingError
from .options import ALL_MODES, DEFAULT_MODE, CheckOptions, Mode
from .report import Report
from .runner import run_checks
from .statement import statement_fragment_html
from .summary import summary_table

__all__ = [
    "ALL_MODES",
    "DEFAULT_MODE",
    "Browser",
    "BrowserMissingError",
    "CheckOptions",
    "EngineMissingError",
    "Mode",
    "Report",
    "run_checks",
    "statement_fragment_html",
    "summary_table",
]

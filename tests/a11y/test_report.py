"""The report's outputs from hand-made results: JSON order, summary, Chinese fragment."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from generator.a11y import DEFAULT_MODE, Mode, Report
from generator.a11y.report import ToolVersions
from generator.a11y.results import AxeFinding, AxeNode, AxeRun, Failure, PageResult
from generator.a11y.statement import statement_fragment_html
from generator.a11y.summary import summary_table

TOOLS = ToolVersions("4.14.1", "4.0.34", "26.9.27", "156.0", "156.0", "4.51.0")
RULES_RAN = {
    "target-size": "passes",
    "p-as-heading": "inapplicable",
    "table-fake-caption": "inapplicable",
    "td-has-header": "inapplicable",
}


def finding(rule: str, target: str, help_text: str = "Help") -> AxeFinding:
    return AxeFinding(
        rule,
        "serious",
        help_text,
        "https://example.invalid/rule",
        (AxeNode(target, "<p>", "summary"),),
    )


def page(
    path: str, violations: tuple = (), incomplete: tuple = (), failures: tuple = ()
) -> PageResult:
    runs = [
        AxeRun(width, DEFAULT_MODE, violations, incomplete, RULES_RAN, 0.2) for width in (1280, 320)
    ]
    return PageResult(
        path, "/policysite/" + path, runs=runs, failures=list(failures), outline=[(1, "标题")]
    )


def report(*pages: PageResult) -> Report:
    when = datetime(2026, 5, 3, 1, 0, tzinfo=UTC)
    return Report("/site", "/policysite/", when, when, (1280, 320), False, {}, TOOLS, list(pages))


def test_ok_only_without_violations_and_failures() -> None:
    assert report(page("a/index.html")).ok
    assert not report(page("a/index.html", violations=(finding("image-alt", "img"),))).ok
    assert not report(page("a/index.html", failures=(Failure("tree:lang", "x", 1280),))).ok
    assert not report().ok  # checking nothing proves nothing


def test_json_is_deterministic_and_complete() -> None:
    pages = [
        page("b/index.html", failures=(Failure("tree:lang", "x", 1280),)),
        page("a/index.html", incomplete=(finding("color-contrast", "td"),)),
    ]
    first = json.dumps(report(*pages).to_json(), ensure_ascii=False)
    second = json.dumps(report(*pages).to_json(), ensure_ascii=False)
    assert first == second
    data = json.loads(first)
    assert list(data)[:3] == ["ok", "site_dir", "base_path"]
    assert data["tools"]["axe_core"] == "4.14.1"
    assert data["coverage"]["widths"] == [1280, 320]
    assert data["totals"]["incomplete"]["color-contrast"]["nodes"] == 1  # two runs, one element
    assert data["pages"][0]["outline"] == [[1, "标题"]]


def test_summary_table_names_rules_and_checks() -> None:
    text = summary_table(report(
        page(
            "a/index.html",
            violations=(finding("image-alt", "img"),),
            failures=(Failure("tree:heading-one", "x", 1280),),
        )
    ))
    assert "FAILED" in text
    assert "image-alt" in text and "tree:heading-one" in text
    assert "axe-core" in text and "4.14.1" in text


def test_statement_fragment_escapes_and_lists_incomplete() -> None:
    hostile = finding("color-contrast", "td", help_text="<script>alert(1)</script>")
    fragment = statement_fragment_html(report(page("<b>x</b>/index.html", incomplete=(hostile,))))
    assert "<script>" not in fragment and "<b>x</b>" not in fragment
    assert "&lt;b&gt;x&lt;/b&gt;/index.html" in fragment
    assert "需要人工复核" in fragment and "color-contrast" in fragment
    assert '<time datetime="2026-05-03">2026年5月3日</time>' in fragment
    assert "4.14.1" in fragment and "156.0" in fragment and "4.51.0" in fragment
    # Every engine is named with its pinned version.
    assert "accessibility-checker-engine</span> 4.0.34" in fragment
    assert "vnu-jar)</span> 26.9.27" in fragment
    assert "结论：通过" in fragment


def test_mode_attributes_follow_the_theme_contract() -> None:
    assert (Mode("slate", "large").scheme, Mode("slate", "large").contrast) == ("slate", None)
    assert (Mode("high-contrast").scheme, Mode("high-contrast").contrast) == ("default", "high")
    assert DEFAULT_MODE.key == "default/normal"

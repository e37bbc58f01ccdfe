"""The 落实情况 section as readers and re-users get it: built pages, exports, feed, and the tables
read through a real browser's accessibility tree.

A copy of two real plans gets synthetic progress reports (test data only: no report is invented
for the real plans in regions/), and the site is built once with the build date fixed by
SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import jsonschema
import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from generator.a11y.server import serve_site
from generator.a11y.tree import AXTree
from generator.build import BuildOptions, build, representative_pages
from generator.export import export_schema
from generator.progress import NOT_DUE, OVERDUE
from generator.progress_checks import plan_commitments
from generator.validate import validate_project
from tests.support import copy_project
from tests.synthetic import copy_site_files
from tests.test_theme import driver  # noqa: F401 - the session's headless Chromium

BUILD_DATE = dt.date(2027, 10, 15)
JINCHANG = "regions/jinchang/plans/2026-2027/"
YANGQUAN = "regions/yangquan/plans/2023/"
DONE_QUOTE = "县级及以上残联机关干部队伍中残疾人占比达到16%"
PARTLY_QUOTE = "市级党政机关和事业单位中已有部分单位安排残疾人就业"
DONE_WHAT = "县级及以上残联机关干部队伍中残疾人所占比例"
PARTLY_WHAT = "未达到规定比例的市级编制50人（含）以上党政机关和编制67人（含）以上事业单位，每家至少安排1名残疾人就业"
OVERDUE_WHAT = "暂时未能安置残疾人的上述单位，至少预留1名空编"
ATOM = "{http://www.w3.org/2005/Atom}"


HOSTILE = "<script>alert(1)</script>"


def _report(indent: str, date: str, status: str, quote: str, url: str = "",
            title: str = "") -> str:
    pad = indent + "  "
    title = title or f"合成测试报告{date}"
    return (f"{pad}- date: {date}\n{pad}  status: {status}\n{pad}  quote: {quote}\n"
            f"{pad}  source:\n{pad}    title: {json.dumps(title, ensure_ascii=False)}\n"
            f"{pad}    issuer: 合成测试机关\n"
            f"{pad}    file: reports/synthetic.txt\n" + (f"{pad}    url: {url}\n" if url else ""))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("progress")
    copy_site_files(root)
    project = copy_project(root, [("jinchang", "2026-2027"), ("yangquan", "2023")])
    text = f"（合成测试文本）{DONE_QUOTE}。{PARTLY_QUOTE}。"
    for plan in (JINCHANG, YANGQUAN):
        project.path(plan + "reports").mkdir()
        project.write(plan + "reports/synthetic.txt", text)
    anchor = "        binds: 县级及以上残联机关\n"
    project.edit(JINCHANG + "plan.yaml", anchor, anchor + "        progress:\n"
                 + _report("        ", "2027-09-30", "已完成", DONE_QUOTE,
                           "https://example.org/report")
                 + _report("        ", "2026-12-20", "进行中", DONE_QUOTE))
    anchor = "（中小学、幼儿园除外）\n              - quote: 暂未能安置的至少预留1名空编\n"
    project.edit(YANGQUAN + "plan.yaml", anchor, anchor.split("\n")[0] + "\n"
                 + "                progress:\n"
                 + _report("                ", "2025-03-01", "部分完成", PARTLY_QUOTE,
                         title=HOSTILE + "合成测试报告")
                 + anchor.split("\n", 1)[1])
    with pytest.MonkeyPatch.context() as patch:
        epoch = dt.datetime.combine(BUILD_DATE, dt.time(9), dt.UTC).timestamp()
        patch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))
        assert build(BuildOptions(root=root, check_accessibility=False)) == 0
    yield root / "site"


def text_of(site: Path, page: str) -> str:
    """The page's main content as plain text, cells separated by " | "."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    main = html[html.index('<div class="ps-page"'):html.index("</article>")]
    main = re.sub(r"<t[hd][^>]*>", " | ", main)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def row_of(text: str, what: str) -> str:
    """The table row whose header is `what`, up to the next row."""
    start = text.index(f" | {what}")
    return text[start:start + 400]


def test_each_state_is_shown_on_the_action_page(site: Path) -> None:
    page = text_of(site, "regions/jinchang/2026-2027/actions/1")
    text = page.split("落实情况（截至2027年10月15日）", 1)[1]  # the progress table
    done = row_of(text, DONE_WHAT)
    assert "报告称：已完成（报告日期：2027年9月30日）" in done  # the latest report, not the first
    assert f"“{DONE_QUOTE}”" in done and "合成测试报告2027-09-30" in done
    assert "期限已过" not in done
    not_due = row_of(text, "未达到残疾人就业比例的编制50人及以上市级机关")
    assert f"| {NOT_DUE} | 无 | 无" in not_due


def test_report_sources_are_linked_and_the_stored_text_is_published(site: Path) -> None:
    html = (site / "regions/jinchang/2026-2027/actions/1/index.html").read_text("utf-8")
    assert "网址：<span class=\"ps-url\">https://example.org/report</span>" in html
    assert 'href="../../reports/synthetic.txt"' in html
    assert (site / "regions/jinchang/2026-2027/reports/synthetic.txt").is_file()


def test_the_overdue_list_spans_regions_and_says_only_what_reports_say(site: Path) -> None:
    text = text_of(site, "progress/overdue")
    assert "阳泉市" in text and DONE_WHAT not in text  # reported done: not overdue
    assert OVERDUE in row_of(text, OVERDUE_WHAT)
    partly = row_of(text, PARTLY_WHAT)
    assert "报告称：部分完成（报告日期：2025年3月1日）；期限已过" in partly
    assert "未完成" not in text.replace("未见完成报告", "")


def test_the_upcoming_list_holds_deadlines_in_the_next_90_days(site: Path) -> None:
    text = text_of(site, "progress/upcoming")
    assert "2027年11月30日前" in text and "2027年12月31日前" in text
    assert "2024年" not in text


def test_the_overview_counts_each_plan_in_words(site: Path) -> None:
    text = text_of(site, "progress")
    assert re.search(r"金昌市\S* \| \d+项 \| 0项 \| 1项 \| 0项 \| 0项 \| [1-9]\d*项", text), text
    assert re.search(r"阳泉市\S* \| \d+项 \| [1-9]\d*项 \| 0项 \| 1项 \| [1-9]\d*项 \| 0项",
                     text), text
    plan = text_of(site, "regions/yangquan/2023/progress")
    assert "报告部分完成1项" in plan and "报告已完成0项" in plan


def test_every_progress_page_kind_is_checked_by_the_gate(site: Path) -> None:
    pages = representative_pages(site.parent, offline=False)
    for name in ("progress", "progress_overdue", "progress_upcoming", "plan_progress"):
        assert (site / pages[name]).is_file(), name


def test_exports_carry_reports_and_states(site: Path) -> None:
    record = json.loads((site / "data/jinchang/2026-2027.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(export_schema()).validate(record)
    done = next(c for c in record["commitments"] if c["what"] == DONE_WHAT)
    assert done["state"] == {"as_of": "2027-10-15", "kind": "reported", "label": "已完成",
                             "past_deadline": False, "latest_report_date": "2027-09-30"}
    assert [r["status"] for r in done["progress"]] == ["已完成", "进行中"]
    with (site / "data/yangquan/2023-commitments.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    overdue = next(r for r in rows if r["承诺内容"] == OVERDUE_WHAT)
    assert (overdue["落实情况"], overdue["落实情况截至"]) == (OVERDUE, "2027-10-15")
    with (site / "data/jinchang/2026-2027-progress.csv").open(encoding="utf-8-sig") as file:
        reports = list(csv.DictReader(file))
    assert [(r["报告日期"], r["报告状态"]) for r in reports] == [
        ("2027-09-30", "已完成"), ("2026-12-20", "进行中")]


def test_the_feed_has_an_entry_for_each_report(site: Path) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    entries = [e for e in feed.findall(f"{ATOM}entry")
               if e.find(f"{ATOM}category").get("term") == "progress"]
    dataset, _ = validate_project(site.parent)
    reports = [report for loaded in dataset.plans for commitment, _ in plan_commitments(loaded)
               for report in commitment.progress]
    assert len(entries) == len(reports) >= 3  # the three this test adds, and any real ones
    newest = entries[0]
    assert newest.findtext(f"{ATOM}updated") == "2027-09-30T00:00:00+08:00"
    assert "已完成" in newest.findtext(f"{ATOM}title")
    assert DONE_QUOTE in newest.findtext(f"{ATOM}summary")
    assert newest.find(f"{ATOM}link").get("href") == "regions/jinchang/2026-2027/progress/"


def test_the_tables_read_as_tables_in_the_browser(site: Path, driver: WebDriver) -> None:  # noqa: F811
    with serve_site(site, "/policysite/") as url:
        driver.get(url + "regions/yangquan/2023/progress/")
        tree = AXTree(driver.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"])
    exposed = tree.exposed()
    tables = [n for n in exposed if n.role == "table"]
    assert [t.name for t in tables] == ["本方案各项承诺的落实情况"]
    cells = tree.walk(tables[0].node_id)
    headers = [n.name for n in cells if n.role == "columnheader"]
    assert headers == ["承诺内容", "期限", "落实情况（截至2027年10月15日）", "报告原话", "报告出处"]
    row_headers = [n.name for n in cells if n.role == "rowheader"]
    assert OVERDUE_WHAT in row_headers and PARTLY_WHAT in row_headers
    states = [n.name for n in cells if n.role == "cell"]
    assert OVERDUE in states
    assert any(name.startswith("报告称：部分完成") for name in states)


def test_report_text_is_escaped_wherever_it_lands(site: Path) -> None:
    for page in ("progress/overdue", "regions/yangquan/2023/progress"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;合成测试报告" in html
    feed = ET.parse(site / "feed.xml").getroot()
    summaries = [e.findtext(f"{ATOM}summary") for e in feed.findall(f"{ATOM}entry")]
    assert any(summary.startswith(HOSTILE) for summary in summaries)  # text, not markup
    assert HOSTILE not in (site / "feed.xml").read_text(encoding="utf-8")

"""Progress reports (落实情况): the states a commitment can be in, and the refusal rules.

All reports here are synthetic, written by the tests into a throw-away copy of one real plan;
no report is invented for the real plans in regions/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.clock import build_date
from generator.model import Commitment, ProgressReport
from generator.progress import (
    NO_DEADLINE,
    NOT_DUE,
    OVERDUE,
    UPCOMING_DAYS,
    latest_report,
    state_of,
    tally,
    tally_sentence,
)
from tests.support import Project, assert_well_formed, copy_project

PLAN_FILE = "regions/jinchang/plans/2026-2027/plan.yaml"
ANCHOR = "        binds: 县级及以上残联机关\n"  # the end of one commitment of action 一
REPORT_TEXT = "（合成测试文本）截至目前，县级及以上残联机关干部队伍中残疾人占比达到16%。"
QUOTE = "县级及以上残联机关干部队伍中残疾人占比达到16%"


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime.combine(day, dt.time(12), dt.UTC).timestamp()))


def report_yaml(date: str = "2026-06-30", status: str = "进行中", quote: str = QUOTE,
                file: str = "reports/synthetic.txt") -> str:
    return (
        "        progress:\n"
        f"          - date: {date}\n"
        f"            status: {status}\n"
        f"            quote: {quote}\n"
        "            source:\n"
        "              title: 合成测试报告\n"
        "              issuer: 合成测试机关\n"
        f"              file: {file}\n"
    )


@pytest.fixture
def jinchang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(dt.date(2026, 12, 1)))
    project = copy_project(tmp_path, [("jinchang", "2026-2027")])
    project.path("regions/jinchang/plans/2026-2027/reports").mkdir()
    project.write("regions/jinchang/plans/2026-2027/reports/synthetic.txt", REPORT_TEXT)
    return project


def only_error(project: Project, field_end: str) -> str:
    errors = project.errors()
    assert len(errors) == 1, errors
    assert_well_formed(errors[0])
    assert errors[0].field.endswith(field_end), errors[0]
    return errors[0].message


# ---------------------------------------------------------------- refusal rules


def test_a_quoted_report_stored_beside_the_plan_passes(jinchang: Project) -> None:
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml())
    assert jinchang.errors() == []


def test_a_quote_not_in_the_stored_report_is_refused(jinchang: Project) -> None:
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml(quote="残疾人占比达到20%"))
    message = only_error(jinchang, "progress[0].quote")
    assert "找不到" in message
    errors = jinchang.errors()
    assert errors[0].line == jinchang.line_of(PLAN_FILE, "quote: 残疾人占比达到20%")


def test_a_report_dated_after_the_build_date_is_refused(jinchang: Project) -> None:
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml(date="2026-12-02"))
    message = only_error(jinchang, "progress[0].date")
    assert "2026-12-02" in message and "2026-12-01" in message


def test_a_report_dated_on_the_build_date_is_accepted(jinchang: Project) -> None:
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml(date="2026-12-01"))
    assert jinchang.errors() == []


def test_a_status_outside_the_vocabulary_is_refused(jinchang: Project) -> None:
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml(status="基本完成"))
    message = only_error(jinchang, "progress[0].status")
    assert "基本完成" in message
    assert "已完成" in jinchang.errors()[0].hint


@pytest.mark.parametrize("name", ["../source.txt", "/etc/passwd", "reports/报告.txt",
                                  "reports/synthetic.pdf", "reports/missing.txt"])
def test_a_report_file_outside_the_folder_or_missing_is_refused(jinchang: Project,
                                                                name: str) -> None:
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml(file=name))
    message = only_error(jinchang, "progress[0].source.file")
    assert name in message


def test_a_symlink_out_of_the_plan_folder_is_refused(jinchang: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(REPORT_TEXT, encoding="utf-8")
    (jinchang.path("regions/jinchang/plans/2026-2027/reports/link.txt")).symlink_to(outside)
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml(file="reports/link.txt"))
    only_error(jinchang, "progress[0].source.file")


def test_a_web_address_must_be_http(jinchang: Project) -> None:
    jinchang.edit(PLAN_FILE, ANCHOR, ANCHOR + report_yaml()
                  + "              url: javascript:alert(1)\n")
    only_error(jinchang, "progress[0].source.url")


# ---------------------------------------------------------------- states at the build date


def commitment(deadline: dt.date | None, *reports: tuple[str, str]) -> Commitment:
    return Commitment(quote="q", what="w", deadline=deadline, progress=[
        ProgressReport(date=dt.date.fromisoformat(day), status=status, quote="原话",
                       source={"title": "合成测试报告", "issuer": "合成测试机关"})
        for day, status in reports])


DEADLINE = dt.date(2027, 12, 31)


@pytest.mark.parametrize(("today", "kind", "label"), [
    (dt.date(2027, 12, 30), "not_due", NOT_DUE),
    (DEADLINE, "not_due", NOT_DUE),  # the deadline day itself is still in time
    (dt.date(2028, 1, 1), "overdue", OVERDUE),
])
def test_the_state_without_reports_flips_on_the_day_after_the_deadline(
        monkeypatch: pytest.MonkeyPatch, today: dt.date, kind: str, label: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(today))
    state = state_of(commitment(DEADLINE), build_date())
    assert (state.kind, state.label, state.report) == (kind, label, None)


def test_without_a_deadline_or_a_report_the_site_says_only_that(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(dt.date(2030, 1, 1)))
    state = state_of(commitment(None), build_date())
    assert (state.kind, state.label) == ("no_deadline", NO_DEADLINE)


@pytest.mark.parametrize("status", ["进行中", "部分完成", "已完成", "未完成"])
def test_a_report_gives_its_own_status(monkeypatch: pytest.MonkeyPatch, status: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(dt.date(2028, 3, 1)))
    state = state_of(commitment(DEADLINE, ("2028-02-01", status)), build_date())
    assert (state.kind, state.label, state.past_deadline) == ("reported", status, True)


def test_the_latest_report_wins_whatever_the_order_they_are_listed_in() -> None:
    entry = commitment(DEADLINE, ("2027-06-30", "已完成"), ("2026-12-20", "进行中"),
                       ("2027-06-30", "部分完成"))
    latest = latest_report(entry)
    assert latest is not None and latest.status == "部分完成"  # same day: the one listed last


def test_no_state_ever_claims_done_or_not_done_without_a_report() -> None:
    for day in (dt.date(2020, 1, 1), DEADLINE, dt.date(2040, 1, 1)):
        for deadline in (None, DEADLINE):
            label = state_of(commitment(deadline), day).label
            assert "已完成" not in label and "未完成" not in label


def test_the_tally_counts_each_state_once() -> None:
    today = dt.date(2028, 1, 10)
    soon = today + dt.timedelta(days=UPCOMING_DAYS)
    entries = [commitment(DEADLINE), commitment(DEADLINE, ("2028-01-05", "已完成")),
               commitment(DEADLINE, ("2028-01-05", "部分完成")), commitment(soon),
               commitment(soon + dt.timedelta(days=1)), commitment(None)]
    counts = tally(entries, today)
    assert (counts.total, counts.due, counts.done, counts.partly, counts.overdue,
            counts.upcoming) == (6, 3, 1, 1, 1, 1)
    assert tally_sentence(counts).startswith("承诺总数6项，已到期3项，报告已完成1项")

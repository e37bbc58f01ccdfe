"""Progress reports (落实情况) in the open data: JSON records, a CSV per plan, feed entries.

Reports are published as entered (they are public documents' words); the state is computed at
the build date like on the pages, and says which date it speaks of (as_of).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from generator import routes
from generator.export.records import (
    ProgressReportRecord,
    ProgressStateRecord,
    ReportSourceRecord,
)
from generator.model import Commitment, ProgressReport
from generator.progress import state_of
from generator.render import Router

PROGRESS_HEADER = ["地区", "方案", "所在条目", "行动编号", "承诺内容", "期限", "报告日期",
                   "报告状态", "报告原话", "报告标题", "发布机关", "发文字号", "网址", "报告原文文件"]
# Added to each row of the commitments CSV: the state and the latest report.
STATE_HEADER = ["落实情况", "落实情况截至", "最近报告日期", "最近报告原话", "最近报告出处"]


def report_record(report: ProgressReport) -> ProgressReportRecord:
    source = report.source
    return ProgressReportRecord(
        date=report.date, status=report.status, quote=report.quote,
        source=ReportSourceRecord(title=source.title, issuer=source.issuer,
                                  number=source.number, url=source.url, file=source.file))


def state_record(commitment: Commitment, today: dt.date) -> ProgressStateRecord:
    state = state_of(commitment, today)
    return ProgressStateRecord(
        as_of=today, kind=state.kind, label=state.label, past_deadline=state.past_deadline,
        latest_report_date=state.report.date if state.report else None)


def _source_words(source: dict) -> str:
    extra = "，".join(part for part in (source["issuer"], source["number"]) if part)
    return f"{source['title']}（{extra}）"


def state_cells(commitment: dict) -> list[object]:
    """STATE_HEADER's cells for one flat commitment record."""
    state = commitment["state"]
    latest = next((r for r in reversed(_by_date(commitment["progress"]))
                   if r["date"] == state["latest_report_date"]), None)
    return [state["label"], state["as_of"], latest["date"] if latest else None,
            latest["quote"] if latest else None,
            _source_words(latest["source"]) if latest else None]


def _by_date(reports: list[dict]) -> list[dict]:
    return sorted(reports, key=lambda r: r["date"])  # stable: same-day reports keep their order


def progress_rows(record: dict) -> list[list[object]]:
    """One row per report, for data/<region>/<plan>-progress.csv."""
    region, title = record["region"]["name"], record["title"]
    rows: list[list[object]] = []
    for c in record["commitments"]:
        for r in c["progress"]:
            source = r["source"]
            rows.append([region, title, c["location"], c["action_id"], c["what"], c["deadline"],
                         r["date"], r["status"], r["quote"], source["title"], source["issuer"],
                         source["number"], source["url"], source["file"]])
    return rows


def feed_items(record: dict) -> list[dict]:
    """One Atom entry per report: id suffix, title, summary, link and date."""
    items = []
    for c in record["commitments"]:
        for r in c["progress"]:
            fingerprint = hashlib.sha256("\n".join(
                (c["quote"], r["date"], r["status"], r["quote"], r["source"]["title"])
            ).encode()).hexdigest()[:16]
            items.append({
                "id": f"{record['region']['id']}/{record['id']}/progress/{fingerprint}",
                "title": f"落实情况：{record['region']['name']}“{c['what']}”——报告称{r['status']}",
                "summary": f"{_source_words(r['source'])}，{r['date']}：“{r['quote']}”"
                           f"（出自{record['title']}中的承诺：{c['what']}）",
                "page": Router().output_url(
                    routes.plan_progress_source_of(record["region"]["id"], record["id"])),
                "date": r["date"],
                "author": r["source"]["issuer"],
            })
    return items


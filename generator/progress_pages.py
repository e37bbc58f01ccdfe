"""Page kinds of the 落实情况 (implementation) section, computed at the build date.

- progress/index.md: per region, a table of each plan's counts (split like every long list);
- regions/<region>/<plan>/progress.md: one plan's commitments, each with its state;
- progress/overdue.md: every commitment whose deadline has passed without a report of 已完成;
- progress/upcoming.md: every commitment due in the next UPCOMING_DAYS days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from generator.pages import Page, _bytes, _crumb_regions, listing_pages, page_kind
from generator.progress import (
    DONE,
    NO_DEADLINE,
    NOT_DUE,
    OVERDUE,
    TALLY_LABELS,
    UPCOMING_DAYS,
    State,
    is_past,
    is_upcoming,
    state_of,
    tally,
)
from generator.routes import (
    HOME,
    OVERDUE_LIST,
    PROGRESS,
    UPCOMING_LIST,
    plan_progress_source,
    plan_source,
    region_source,
)
from generator.sitemodel import CommitmentEntry, PlanEntry, SiteModel

SECTION = "落实情况"


Row = tuple[CommitmentEntry, State]


def rows_of(model: SiteModel, entries: list[CommitmentEntry]) -> list[Row]:
    return [(entry, state_of(entry.commitment, model.today)) for entry in entries]


def _row_weight(row: Row) -> int:
    entry, state = row
    report = state.report
    return _bytes(entry.commitment.what, entry.commitment.deadline_printed, state.label,
                  report.quote if report else None, report.source.title if report else None,
                  entry.plan.plan.title)


def _by_plan(model: SiteModel, rows: list[Row]) -> list[tuple[PlanEntry, list[Row]]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    plans: dict[str, PlanEntry] = {}
    for row in rows:
        groups[row[0].plan.key].append(row)
        plans[row[0].plan.key] = row[0].plan
    ordered = sorted(groups, key=lambda k: (plans[k].region.code, k))
    return [(plans[k], groups[k]) for k in ordered]


def _sorted_by_deadline(entries: list[CommitmentEntry]) -> list[CommitmentEntry]:
    # Document.date: issued, else published, else written; an excerpt may have none at all.
    return sorted(entries, key=lambda e: e.commitment.deadline or e.plan.plan.document.date
                  or dt.date.min)


def _common(model: SiteModel) -> dict:
    return {"model": model, "labels": TALLY_LABELS, "days": UPCOMING_DAYS,
            "words": {"not_due": NOT_DUE, "overdue": OVERDUE, "no_deadline": NO_DEADLINE}}


@page_kind("progress", "progress_index.html")
def progress_index_pages(model: SiteModel) -> Iterator[Page]:
    today = model.today
    regions: dict[str, list[tuple[PlanEntry, object]]] = defaultdict(list)
    for plan in model.plans:
        regions[plan.region.id].append(
            (plan, tally([e.commitment for e in plan.commitments], today)))
    overview = Page(PROGRESS, "progress_index.html", SECTION, SECTION, {
        **_common(model), "all": tally([e.commitment for e in model.commitments], today),
        "crumbs": [("首页", HOME)],
    }, "各地方案中的承诺是否落实：只根据公开报告，逐字引用，注明出处。")
    yield from listing_pages(model, overview,
                             [(model.regions[r], plans) for r, plans in regions.items()],
                             region_of=lambda region: region, name_of=lambda region: region.name,
                             # a plan's row: its title plus six short count cells
                             weigh=lambda item: _bytes(item[0].plan.title) + 6 * 40)


def _list_pages(model: SiteModel, source: str, title: str, entries: list[CommitmentEntry],
                about: str) -> Iterator[Page]:
    page = Page(source, "progress_list.html", title, SECTION, {
        **_common(model), "about": about, "crumbs": [("首页", HOME), (SECTION, PROGRESS)],
    }, about)
    yield from listing_pages(model, page, _by_plan(model, rows_of(model, entries)),
                             region_of=lambda plan: plan.region,
                             name_of=lambda plan: plan.region.name, weigh=_row_weight)


@page_kind("progress_overdue", "progress_list.html")
def overdue_pages(model: SiteModel) -> Iterator[Page]:
    today = model.today
    overdue = [e for e in _sorted_by_deadline(model.commitments) if is_past(e.commitment, today)
               and state_of(e.commitment, today).status != DONE]
    yield from _list_pages(model, OVERDUE_LIST, "期限已过、未见完成报告的承诺", overdue,
                           "期限已经过去、还没有公开报告说明已完成的承诺。")


@page_kind("progress_upcoming", "progress_list.html")
def upcoming_pages(model: SiteModel) -> Iterator[Page]:
    upcoming = [e for e in _sorted_by_deadline(model.commitments)
                if is_upcoming(e.commitment, model.today)]
    yield from _list_pages(model, UPCOMING_LIST, f"今后{UPCOMING_DAYS}天内到期的承诺", upcoming,
                           f"期限在今后{UPCOMING_DAYS}天内的承诺，按期限先后排列。")


@page_kind("plan_progress", "progress_plan.html")
def plan_progress_pages(model: SiteModel) -> Iterator[Page]:
    for plan in model.plans:
        entries = plan.commitments
        yield Page(plan_progress_source(plan), "progress_plan.html",
                   f"落实情况：{plan.plan.title}", plan.region.name, {
                       **_common(model), "plan": plan, "rows": rows_of(model, entries),
                       "counts": tally([e.commitment for e in entries], model.today),
                       "crumbs": [*_crumb_regions(model, plan.region),
                                  (plan.region.name, region_source(plan.region.id)),
                                  (plan.plan.title, plan_source(plan))],
                   }, f"{plan.plan.title}中各项承诺的落实情况。")

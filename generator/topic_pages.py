"""Page kinds about topics across every place: themes and audiences (措施按主题、人群), and
commitments by the year of their deadline. Long lists are split by region (pages.listing_pages).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from generator.pages import (
    Page,
    action_weight,
    by_region,
    commitment_weight,
    dated,
    listing_pages,
    page_kind,
)
from generator.routes import (
    AUDIENCES,
    COMMITMENTS,
    HOME,
    THEMES,
    audience_source,
    theme_source,
    year_source,
)
from generator.sitemodel import CommitmentEntry, PlanEntry, SiteModel


def _vocabularies(model: SiteModel) -> tuple[tuple, ...]:
    """(kind, terms, index source, source of a term, index title, section, actions by term)."""
    return (
        ("theme", model.themes, THEMES, theme_source, "按主题浏览", "主题", model.by_theme),
        ("audience", model.audiences, AUDIENCES, audience_source, "按适用人群浏览", "适用人群",
         model.by_audience),
    )


@page_kind("themes", "vocabulary_index.html")
def vocabulary_index_pages(model: SiteModel) -> Iterator[Page]:
    for kind, terms, index_source, source_of, index_title, section, by in _vocabularies(model):
        counts = {t.id: len(by.get(t.id, [])) for t in terms}
        yield Page(index_source, "vocabulary_index.html", index_title, section,
                   {"kind": kind, "terms": terms, "counts": counts, "source_of": source_of},
                   f"{index_title}：各地措施并列比较。")


@page_kind("theme", "vocabulary_term.html")
def vocabulary_term_pages(model: SiteModel) -> Iterator[Page]:
    for kind, terms, index_source, source_of, index_title, section, by in _vocabularies(model):
        for term in terms:
            page = Page(source_of(term.id), "vocabulary_term.html", term.name, section, {
                "kind": kind, "term": term, "index_source": index_source,
                "index_title": index_title,
                "crumbs": [("首页", HOME), (index_title, index_source)],
            }, term.description)
            yield from listing_pages(model, page, by_region(by.get(term.id, [])),
                                     region_of=lambda region: region,
                                     name_of=lambda region: region.name, weigh=action_weight)


def _year(entry: CommitmentEntry) -> str:
    deadline = entry.commitment.deadline
    return str(deadline.year) if deadline else "none"


def _by_year(model: SiteModel) -> dict[str, list[CommitmentEntry]]:
    """Commitments by the year of their deadline ("none" last), years in order."""
    by_year: dict[str, list[CommitmentEntry]] = defaultdict(list)
    for entry in model.commitments:
        by_year[_year(entry)].append(entry)
    return {year: by_year[year] for year in sorted(by_year, key=lambda y: (y == "none", y))}


@page_kind("commitments", "commitments_index.html")
def commitments_page(model: SiteModel) -> Iterator[Page]:
    by_year = _by_year(model)
    yield Page(COMMITMENTS, "commitments_index.html", "承诺和期限", "承诺和期限",
               {"years": [(y, len(entries)) for y, entries in by_year.items()],
                "year_source": year_source},
               "各地方案中的量化承诺和完成期限，按年份列出。")


@page_kind("year", "commitments_year.html")
def commitment_year_pages(model: SiteModel) -> Iterator[Page]:
    for year, in_year in _by_year(model).items():
        entries = sorted(in_year, key=lambda e: (
            e.commitment.deadline or dated(e.plan), e.plan.region.code))
        groups: dict[str, list[CommitmentEntry]] = defaultdict(list)
        plans: dict[str, PlanEntry] = {}
        for entry in entries:
            groups[entry.plan.key].append(entry)
            plans[entry.plan.key] = entry.plan
        ordered = sorted(groups, key=lambda k: (plans[k].region.code, k))
        title = f"{year}年到期的承诺" if year != "none" else "没有写明期限的承诺"
        page = Page(year_source(year), "commitments_year.html", title, "承诺和期限", {
            "year": year, "model": model,
            "crumbs": [("首页", HOME), ("承诺和期限", COMMITMENTS)],
        }, title)
        yield from listing_pages(model, page, [(plans[k], groups[k]) for k in ordered],
                                 region_of=lambda plan: plan.region,
                                 name_of=lambda plan: plan.region.name,
                                 weigh=commitment_weight)

"""Page kinds: each is a function from the site model to the pages of one template (source
path, template, context), registered in generator/page_kinds.py. Source paths come from
generator/routes.py; the Router turns them into URLs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from markupsafe import escape

from generator.model import GlossaryEntry, Region
from generator.progress import state_of
from generator.related import SameTheme, grouped
from generator.routes import (
    DATA,
    GLOSSARY,
    HOME,
    REGIONS,
    action_source,
    data_region,
    full_text_source,
    organisations_source,
    plan_source,
    region_source,
    source_download,
)
from generator.sitemodel import ActionEntry, CommitmentEntry, PlanEntry, SiteModel

SITE_NAME = "残疾人就业行动方案"

@dataclass
class Page:
    source: str
    template: str
    title: str  # shown as the page's h1 and in the navigation
    section: str  # "page - section - site" in the browser's title bar
    context: dict = field(default_factory=dict)
    description: str = ""

    @property
    def html_title(self) -> str:
        parts = [self.title, self.section, SITE_NAME]
        return " - ".join(part for i, part in enumerate(parts) if part and part not in parts[:i])


PageFunction = Callable[[SiteModel, list], Iterable[Page]]


@dataclass(frozen=True)
class PageKind:
    name: str  # the gate's name for the kind's representative page
    template: str | None  # None: a hand-written page in content/
    pages: PageFunction | None = None
    source: str | None = None  # a hand-written page's source path


# Generated kinds, in the order their modules define them (generator/page_kinds.py adds the
# hand-written ones): registering beside the function keeps a new kind to one file here.
GENERATED_KINDS: list[PageKind] = []


def page_kind(name: str, template: str, *, downloads: bool = False
              ) -> Callable[[Callable[..., Iterable[Page]]], Callable[..., Iterable[Page]]]:
    """Register a page function as the page kind `name`, shown with `template`. The function
    takes the site model (and, with downloads=True, the list of files offered for download)."""

    def register(function: Callable[..., Iterable[Page]]) -> Callable[..., Iterable[Page]]:
        pages = function if downloads else (lambda model, _downloads: function(model))
        GENERATED_KINDS.append(PageKind(name, template, pages))
        return function

    return register


def dated(plan: PlanEntry) -> dt.date:
    """The plan's date for ordering lists; an excerpt without any date sorts as the oldest."""
    return plan.plan.document.date or dt.date.min


def _crumb_regions(model: SiteModel, region) -> list[tuple[str, str]]:
    crumbs = [("首页", HOME), ("地区", REGIONS)]
    for ancestor in model.ancestors(region):
        crumbs.append((ancestor.name, region_source(ancestor.id)))
    return crumbs


@page_kind("regions", "regions.html")
def regions_page(model: SiteModel) -> Iterator[Page]:
    yield Page(REGIONS, "regions.html", "按地区浏览", "地区",
               {"model": model, "top": model.children.get(None, [])},
               "按省、市、县浏览各地促进残疾人就业行动方案。")


@page_kind("region", "region.html")
def region_pages(model: SiteModel) -> Iterator[Page]:
    for region in model.regions.values():
        plans = model.plans_by_region.get(region.id, [])
        ordered = sorted(plans, key=lambda p: (not p.status.current,
                                               -dated(p).toordinal()))
        yield Page(region_source(region.id), "region.html", region.name, "地区", {
            "model": model, "region": region, "plans": ordered,
            "children": model.children.get(region.id, []),
            "crumbs": _crumb_regions(model, region),
            "organisations": sorted(
                (o for o in region.organisations if (region.id, o.id) in model.by_organisation),
                key=lambda o: o.id),
        }, f"{region.name}的促进残疾人就业行动方案和责任单位。")


def _plan_context(model: SiteModel, plan: PlanEntry) -> dict:
    crumbs = [*_crumb_regions(model, plan.region), (plan.region.name, region_source(plan.region.id))]
    return {"model": model, "plan": plan, "p": plan.plan, "crumbs": crumbs,
            "download": source_download(plan),
            "download_size": len(plan.loaded.source_text.encode("utf-8"))
            if plan.loaded.source_text else 0,
            "action_of": {a.placed.path: a for a in plan.actions},
            "overall": [c for c in plan.commitments if c.commitment.overall]}


@page_kind("plan", "plan.html")
def plan_pages(model: SiteModel) -> Iterator[Page]:
    for plan in model.plans:
        yield Page(plan_source(plan), "plan.html", plan.plan.title, plan.region.name,
                   _plan_context(model, plan),
                   "：".join(filter(None, (plan.plan.document.number, plan.plan.title))))


@page_kind("full_text", "full_text.html")
def full_text_pages(model: SiteModel) -> Iterator[Page]:
    for plan in model.plans:
        context = _plan_context(model, plan)
        full_crumbs = [*context["crumbs"], (plan.plan.title, plan_source(plan))]
        yield Page(full_text_source(plan), "full_text.html", f"全文：{plan.plan.title}",
                   plan.region.name, {**context, "crumbs": full_crumbs},
                   f"{plan.plan.title}的全文，从头到尾在一页上阅读。")


@page_kind("action", "action.html")
def action_pages(model: SiteModel) -> Iterator[Page]:
    same_theme_of = SameTheme(model)
    commitments_of = grouped(model.commitments, lambda c: id(c.action))
    for plan in model.plans:
        crumbs = [*_crumb_regions(model, plan.region),
                  (plan.region.name, region_source(plan.region.id)),
                  (plan.plan.title, plan_source(plan))]
        for action in plan.actions:
            same_theme = same_theme_of.action(action)
            commitments = commitments_of.get(id(action), [])
            progress_rows = [(c, state_of(c.commitment, model.today)) for c in commitments]
            yield Page(action_source(action), "action.html", action.heading,
                       plan.plan.title, {
                           "model": model, "action": action, "plan": plan, "crumbs": crumbs,
                           "commitments": commitments, "same_theme": same_theme,
                           "progress_rows": progress_rows,
                       }, action.node.summary or action.heading)


@page_kind("organisations", "organisations.html")
def organisations_pages(model: SiteModel) -> Iterator[Page]:
    """One page per region with a section per organisation: a page each made organisations
    two thirds of the site's pages, and the build's time grows with the number of pages."""
    for region in model.regions.values():
        if not region.organisations:
            continue
        crumbs = [*_crumb_regions(model, region), (region.name, region_source(region.id))]
        sections = [(organisation, _groups(model.by_organisation.get((region.id, organisation.id),
                                                                     [])))
                    for organisation in region.organisations]
        yield Page(organisations_source(region.id), "organisations.html",
                   f"{region.name}责任单位", region.name, {
                       "model": model, "region": region, "crumbs": crumbs, "sections": sections,
                   }, f"{region.name}各责任单位负责或参与的行动。")


def _groups(entries: list[tuple[ActionEntry, str]]) -> list[tuple[PlanEntry, list]]:
    """An organisation's (action, role) entries, grouped by plan in the order they come."""
    by_plan: dict[str, list] = defaultdict(list)
    plans: dict[str, PlanEntry] = {}
    for action, role in entries:
        by_plan[action.plan.key].append((action, role))
        plans[action.plan.key] = action.plan
    return [(plans[k], v) for k, v in by_plan.items()]


def by_region(actions: list[ActionEntry]) -> list[tuple]:
    groups: dict[str, list[ActionEntry]] = defaultdict(list)
    regions = {}
    for action in actions:
        groups[action.region.id].append(action)
        regions[action.region.id] = action.region
    return [(regions[k], v) for k, v in groups.items()]


# ---------------------------------------------------------------- long lists

# Material's frame (header, navigation, footer) is about 17 KB of every page. The list a page
# generates gets about LIST_BUDGET bytes at most, so that no page passes 60 KB however many
# regions the site has: a longer list is split by province, and a province's list into
# numbered pages. A short list (every list of a site with a few dozen plans) stays on one page.
# The sizes are estimates from the escaped text plus its markup (measured on the real plans).
LIST_BUDGET = 28_000
ITEM_MARKUP = 200  # tags and relative links around one list item or table row
GROUP_MARKUP = 600  # a group's heading and its list or table frame


def _bytes(*texts: str | None) -> int:
    return sum(len(str(escape(text)).encode("utf-8")) for text in texts if text) + ITEM_MARKUP


def province_of(model: SiteModel, region: Region) -> Region:
    ancestors = model.ancestors(region)
    return ancestors[0] if ancestors else region


def split_groups(groups: list[tuple], weigh: Callable[[object], int],
                 budget: int | None = None) -> list[list[tuple]]:
    """Groups (key, items) cut into pages of about `budget` (LIST_BUDGET) bytes, each group as
    (key, items, continued). A group starts on a new page rather than break when it fits on
    one; a group longer than a page goes on over the page break."""
    budget = LIST_BUDGET if budget is None else budget
    pages: list[list[tuple]] = []
    current: list[tuple] = []
    size = 0
    for key, items in groups:
        group: tuple | None = None
        continued = False
        whole = GROUP_MARKUP + sum(weigh(item) for item in items)
        if current and size + whole > budget >= whole:
            pages.append(current)
            current, size = [], 0
        for item in items:
            cost = weigh(item) + (GROUP_MARKUP if group is None else 0)
            if current and size + cost > budget:
                pages.append(current)
                current, size = [], 0
                continued, group = group is not None, None
                cost = weigh(item) + GROUP_MARKUP
            if group is None:
                group = (key, [], continued)
                current.append(group)
            group[1].append(item)
            size += cost
    if current:
        pages.append(current)
    return pages


def listing_pages(model: SiteModel, page: Page, groups: list[tuple],
                  region_of: Callable[[object], Region], name_of: Callable[[object], str],
                  weigh: Callable[[object], int]) -> Iterator[Page]:
    """A list page: the whole list when it is short; else a list of provinces on `page`, and
    for each province a page (or numbered pages) under it: x.md → x/<province>.md,
    x/<province>/2.md. Templates get groups, provinces and pager (on the main page of a split
    list, and on a province's numbered pages) and province (on a province's pages), else None."""
    crumbs = page.context.get("crumbs", [("首页", HOME)])
    context = {**page.context, "groups": [], "provinces": None, "pager": None, "province": None}
    total = sum(GROUP_MARKUP + sum(weigh(item) for item in items) for _, items in groups)
    if total <= LIST_BUDGET:
        context["groups"] = [(key, items, False) for key, items in groups]
        yield Page(page.source, page.template, page.title, page.section, context,
                   page.description)
        return
    by_province: dict[str, list[tuple]] = defaultdict(list)
    provinces: dict[str, Region] = {}
    for key, items in groups:
        province = province_of(model, region_of(key))
        by_province[province.id].append((key, items))
        provinces[province.id] = province
    # x.md and x/index.md (a folder index, render.Router.file) both split into x/<province>.md.
    stem = page.source.removesuffix(".md").removesuffix("/index")
    index = []
    parts: list[Page] = []
    for province_id, province_groups in by_province.items():
        province = provinces[province_id]
        chunks = split_groups(province_groups, weigh)
        sources = [f"{stem}/{province_id}.md"] + [
            f"{stem}/{province_id}/{number}.md" for number in range(2, len(chunks) + 1)]
        index.append((province, sum(len(items) for _, items in province_groups), sources[0]))
        pager = None
        if len(chunks) > 1:
            pager = [(number, source, _range(chunk, name_of))
                     for number, (source, chunk) in enumerate(zip(sources, chunks, strict=True), 1)]
        for number, (source, chunk) in enumerate(zip(sources, chunks, strict=True), 1):
            title = f"{page.title}：{province.name}"
            if len(chunks) > 1:
                title += f"（第{number}页，共{len(chunks)}页）"
            parts.append(Page(source, page.template, title, page.section, {
                **context, "groups": chunk, "pager": pager, "province": province,
                "model": model,  # the layout gives the page its province's chain (search)
                "crumbs": [*crumbs, (page.title, page.source)],
            }, page.description))
    yield Page(page.source, page.template, page.title, page.section,
               {**context, "provinces": index}, page.description)
    yield from parts


def _range(chunk: list[tuple], name_of: Callable[[object], str]) -> str:
    first, last = name_of(chunk[0][0]), name_of(chunk[-1][0])
    return first if first == last else f"{first}至{last}"


def action_weight(action: ActionEntry) -> int:
    return _bytes(action.heading, action.plan.plan.title, action.node.summary)


def commitment_weight(entry: CommitmentEntry) -> int:
    c = entry.commitment
    return _bytes(c.what, c.quote, c.binds, c.unit, c.deadline_printed)


# The home page lists every plan while there are few, else the newest ones.
HOME_PLANS = 10


@page_kind("home", "home.html")
def home_page(model: SiteModel) -> Iterator[Page]:
    newest = sorted(model.plans, key=lambda p: -dated(p).toordinal())
    yield Page(HOME, "home.html", SITE_NAME, "", {
        "model": model, "plans": model.plans if len(model.plans) <= HOME_PLANS
        else newest[:HOME_PLANS]},
        "各地促进残疾人就业行动方案的无障碍网站：按地区、主题、适用人群查找措施和责任单位。")


def glossary_entries(model: SiteModel) -> list[GlossaryEntry]:
    return list(model.dataset.glossary.entries) if model.dataset.glossary else []


@page_kind("glossary", "glossary.html")
def glossary_page(model: SiteModel) -> Iterator[Page]:
    yield Page(GLOSSARY, "glossary.html", "术语解释", "术语解释",
               {"entries": glossary_entries(model)},
               "方案中常见缩略语和政策术语的解释。")


@page_kind("data", "data.html", downloads=True)
def data_pages(model: SiteModel, downloads: list) -> Iterator[Page]:
    site_wide = [item for item in downloads if data_region(item.path) is None]
    per_region: dict[str, list] = defaultdict(list)
    for item in downloads:
        region_id = data_region(item.path)
        if region_id is not None and region_id in model.regions:
            per_region[region_id].append(item)
        elif region_id is not None:
            site_wide.append(item)
    ordered = [(model.regions[r], per_region[r]) for r in model.regions if r in per_region]
    page = Page(DATA, "data.html", "数据下载", "数据下载", {
        "downloads": downloads, "site_wide": site_wide, "model": model,
    }, "各方案的 JSON、CSV 数据和数据结构说明，供再利用。")
    yield from listing_pages(model, page, ordered, region_of=lambda region: region,
                             name_of=lambda region: region.name,
                             weigh=lambda item: _bytes(item.title, item.description, item.path))

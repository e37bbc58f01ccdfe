"""How far a preview edit reaches: which pages, besides the edited regions' own, can show it.

Pages of other regions show little of a region: its name, its plans' titles and status, its
actions' headings and themes (“same theme” on action pages, child regions on region pages,
citations and successors on plan pages). Lists (themes, audiences, commitments, progress) choose
and order entries by such fields too. So an edit that leaves all of that as it was (`outward`:
a summary, an item's text) can only change the edited regions' own pages and the lists that
name them; any other edit reaches every page that names the regions, every list, and the pages
whose "same theme" lists or plan links can change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import load
from generator.numbering import action_id
from generator.pages import Page
from generator.tree import walk

REGIONS_FOLDER = "regions"


def named_regions(value: object, found: set[str]) -> None:
    """Every region a page's context names: region objects, entries that belong to a region,
    and links into a region's folder (breadcrumbs). The whole site model is not followed."""
    if isinstance(value, str):
        if value.startswith(REGIONS_FOLDER + "/"):
            found.add(value.split("/")[1])
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "model":
                named_regions(item, found)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            named_regions(item, found)
    else:
        region = getattr(value, "region", None) or getattr(getattr(value, "plan", None),
                                                           "region", None)
        if region is not None and hasattr(region, "level"):
            found.add(region.id)
        elif hasattr(value, "level") and hasattr(value, "organisations"):
            found.add(value.id)  # a Region itself


def page_region(source: str) -> str | None:
    """The region a page is about (its folder), or None for a page about many."""
    parts = source.split("/")
    return parts[1] if parts[0] == REGIONS_FOLDER and len(parts) > 2 else None


@dataclass
class Reach:
    """How far an update's edits reach beyond the edited regions' own pages."""

    regions: set[str] = field(default_factory=set)  # edited
    loud: set[str] = field(default_factory=set)  # of those, the ones whose `outward` changed
    themes: set[str] = field(default_factory=set)  # whose actions changed: counts, “same theme”
    plans: bool = False  # a plan's title, number or status changed: citations, successors

    def add(self, regions: set[str], before: load.Dataset, after: load.Dataset) -> None:
        self.regions |= regions
        if outward(before, regions) != outward(after, regions):
            self.loud |= regions
        old, new = theme_members(before, regions), theme_members(after, regions)
        self.themes |= {theme for theme in old.keys() | new.keys()
                        if old.get(theme) != new.get(theme)}
        self.plans |= plan_headers(before, regions) != plan_headers(after, regions)

    def affects(self, page: Page) -> bool:
        """Whether the page can show the edits. After an edit that leaves `outward` as it was
        only the edited regions' own pages and the lists that name them can change."""
        own = page_region(page.source)
        if own in self.regions or (own is None and self.loud):
            return True
        if own is not None and not self.loud:
            return False
        if self.plans and page.template in ("plan.html", "region.html"):
            return True  # a citation or a successor found, or no longer found, by title
        action = page.context.get("action")
        if action is not None and set(action.node.themes) & self.themes:
            return True  # another region's actions on the same theme: which, how many
        found: set[str] = set()
        named_regions(page.context, found)
        return bool(found & (self.loud or self.regions))


def theme_members(dataset: load.Dataset, regions: set[str]) -> dict[str, list]:
    members: dict[str, list] = {}
    for loaded in _plans_of(dataset, regions):
        for placed in walk(loaded.plan):
            if placed.node.kind == "action":
                for theme in placed.node.themes:
                    members.setdefault(theme, []).append((loaded.plan.id, action_id(placed.node)))
    return members


def plan_headers(dataset: load.Dataset, regions: set[str]) -> list:
    return [(p.plan.id, p.plan.title, p.plan.document.number, p.plan.status)
            for p in _plans_of(dataset, regions)]


def _plans_of(dataset: load.Dataset, regions: set[str]) -> list[load.LoadedPlan]:
    return [loaded for loaded in dataset.plans if loaded.region_id in regions]


def outward(dataset: load.Dataset, regions: set[str]) -> list:
    """What pages of other regions (names, plans' titles and status, actions' headings and
    themes for “same theme”), and lists choosing and ordering entries (themes, audiences,
    commitments, progress), can take from the regions: everything in their files but the
    text and summaries of their plans' items."""
    shown: list = [dataset.regions[region_id].model_dump() for region_id in sorted(regions)]
    for loaded in _plans_of(dataset, regions):
        shown.append(loaded.plan.model_dump(exclude={"body"}))
        shown += [placed.node.model_dump(exclude={"paragraphs", "summary", "children"})
                  for placed in walk(loaded.plan)]
    return shown

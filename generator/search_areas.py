"""Lists that let a reader narrow search results to a province or a region within it.

Pagefind's own filters would do this, but Pagefind 1.5.2 writes its filter index in a random
order (Pagefind/pagefind#638: builds are not byte-identical), and its filter index lists every
page of the site, so a narrowed search would cost more the more regions there are. Instead the
build writes, from the finished index:

- areas/index.json: "provinces", the regions with none above them, as [id, name, part], in
  the order of their codes, where part is the number of the index part holding the province's
  pages (generator/search_parts.py); the search page fills its first list from it (a few
  hundred bytes), and searches a chosen province in its own part only. "country": the parts a
  search of the whole country merges, and "every_page": whether they hold every page (a site
  in one part) or, on a large site, the site's own pages and the regions' and plans' pages;
- areas/<province id>.json: that province's regions as [id, name, parent id] (depth first, by
  code) and, for each region, the ids of its own pages as Pagefind's search results name them.

The search page searches as usual, then keeps the results whose id is in the chosen region or
below it, so a narrowed search costs one province's list: it grows with that province, not with
the country. Each page's region chain comes from its "area" metadata (_layout.html); names and
codes from the region pages.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.search_index import IndexedPage

# The metadata of a page collect_areas reads (the rest need not be kept for it).
AREA_META = ("area", "kind", "region", "code")


@dataclass
class Area:
    id: str
    name: str = ""
    code: str = ""
    parent: str = ""
    children: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    part: int = 1


def collect_areas(pages: Iterable[IndexedPage]) -> dict[str, Area]:
    """Every region named in a page's chain, with its parent, its own pages, and (from its
    region page) its name and code."""
    areas: dict[str, Area] = {}
    for page in pages:
        chain = page.meta.get("area", "").split()
        if not chain:
            continue
        for parent, region in zip(["", *chain], chain, strict=False):
            areas.setdefault(region, Area(region)).parent = parent
        own = areas[chain[-1]]
        own.pages.append(page.id)
        own.part = page.part
        if page.meta.get("kind") == "region":
            own.name = page.meta.get("region", chain[-1])
            own.code = page.meta.get("code", "")
    for area in sorted(areas.values(), key=_order):
        if area.parent in areas:
            areas[area.parent].children.append(area.id)
    return areas


def _order(area: Area) -> tuple[str, str]:
    return (area.code, area.id)


def _depth_first(areas: dict[str, Area], top: str) -> list[Area]:
    found = [areas[top]]
    for child in areas[top].children:
        found.extend(_depth_first(areas, child))
    return found


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_area_lists(pages: Iterable[IndexedPage], folder: Path, country: list[int],
                     every_page: bool) -> None:
    """country: the parts a search of the whole country merges; every_page: whether they hold
    every page of the site (generator/search_parts.py)."""
    areas = collect_areas(pages)
    tops = sorted((a for a in areas.values() if a.parent not in areas), key=_order)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "index.json").write_text(_dump({
        "country": country, "every_page": every_page,
        "provinces": [[top.id, top.name or top.id, top.part] for top in tops]}),
        encoding="utf-8")
    for top in tops:
        members = _depth_first(areas, top.id)
        listing = {
            "regions": [[a.id, a.name or a.id, a.parent if a.id != top.id else ""]
                        for a in members],
            "pages": {a.id: " ".join(sorted(a.pages)) for a in members if a.pages},
        }
        (folder / f"{top.id}.json").write_text(_dump(listing), encoding="utf-8")

"""Which pages go into which part of the search index, so that neither a Pagefind run nor a
search of the whole country grows with every page of the country.

Pagefind holds everything it indexes in memory until it writes (about 270 KB per page of ours:
1.7 GB at 300 regions, over 13.6 GB at 3,000), and it cannot add to an index it wrote
(Pagefind#71). So a site larger than one part (MAX_PAGES pages) is indexed in parts, one
Pagefind run each (the primary index, <site>/pagefind/, then <site>/pagefind/part-<n>/):

- the site's own pages (help, guide, the lists' main pages);
- the overview: every region's page and every plan's page, a second time;
- the provinces: each province's regions' pages and its share of the lists split by
  province, whole provinces in the order of their ids, so a search narrowed to a province
  reads one part.

A search of the whole country merges the first two kinds (assets/ps-search.js, with Pagefind's
own mergeIndex), not every part: Pagefind scores every page that holds a query's word (about
0.13 ms a page and word), and the commonest words (残疾, 人, 就业) are on nearly every page,
so a country-wide search of all 60,000 pages of 3,000 regions took 25-30 s
(benchmarks/search_latency.py). The search page says so and offers the province. A site that
fits one part is one part, searched whole.

A part is indexed from a folder of hard links to its pages, laid out as in the site, so its
addresses are the site's own.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.search_index import OUTPUT_FOLDER
from generator.site_walk import walk_site

# Region pages per Pagefind run: at most about 1.4 GB (sampled at 3,000 regions; 6,137 pages
# took 1.7 GB at 300), within the search stage's share of the 4 GB. Fewer pages per
# part would mean more parts, and every part adds requests to a country-wide search.
MAX_PAGES = 6000
# A region's pages are under regions/<id>/; its province is the first id of the chain its
# region page carries (generator/templates/_layout.html), as does a list split by province.
AREA_ATTRIBUTE = re.compile(r'data-ps-area="([^"]*)"')
KIND_ATTRIBUTE = re.compile(r'data-ps-kind="([^"]*)"')
# Besides the region pages, the kinds of page in a region's folder that the overview holds.
OVERVIEW_KINDS = {"plan"}


@dataclass
class IndexPart:
    """One Pagefind run: its output folder under the site, and the pages it indexes (paths
    relative to the site, sorted)."""

    number: int
    provinces: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    # "site" (a site in one part), "own" (the site's own pages), "overview" (region and plan
    # pages, also in their province's part) or "provinces".
    role: str = "provinces"

    @property
    def country(self) -> bool:
        """Merged into a search of the whole country."""
        return self.role != "provinces"

    @property
    def folder(self) -> str:
        return OUTPUT_FOLDER if self.number == 1 else f"{OUTPUT_FOLDER}/part-{self.number}"


def part_folder(number: int) -> str:
    return IndexPart(number).folder


def _province_of(site: Path, region: str) -> str:
    """The first id of the region's chain, read from its page; the region itself when it has
    no page or the page carries none."""
    page = f"regions/{region}/index.html"
    chain = _attribute(site, page, AREA_ATTRIBUTE).split() if (site / page).is_file() else []
    return chain[0] if chain else region


def _site_html(site: Path) -> list[str]:
    """Every HTML page of the site (paths relative to it, sorted), but the index's own folder."""
    return sorted(prefix + name for prefix, _, files in walk_site(site, skip={OUTPUT_FOLDER})
                  for name in files if name.endswith(".html"))


def _attribute(site: Path, page: str, pattern: re.Pattern[str]) -> str:
    found = pattern.search((site / page).read_text(encoding="utf-8", errors="replace"))
    return found.group(1) if found else ""


def _in_overview(site: Path, page: str) -> bool:
    """A region's page (regions/<id>/index.html) or a plan's (regions/<id>/<plan>/index.html,
    told from the region's other folders by its kind)."""
    depth = page.count("/")
    return page.endswith("/index.html") and (depth == 2 or (
        depth == 3 and _attribute(site, page, KIND_ATTRIBUTE) in OVERVIEW_KINDS))


def _chunks(pages: list[str], size: int, role: str, first: int) -> list[IndexPart]:
    return [IndexPart(first + number, pages=pages[start:start + size], role=role)
            for number, start in enumerate(range(0, len(pages), size))]


def plan_parts(site: Path, max_pages: int = MAX_PAGES) -> list[IndexPart]:
    """The parts, deterministically. A site that fits one part is one part, searched whole.
    A larger one: the site's own pages, a third of max_pages at a time (they hold about three
    times a region page's text); the overview (every region's and every plan's page, indexed
    a second time), half of max_pages at a time; then whole provinces in the order of their
    ids, packed greedily up to max_pages (a larger province is a part of its own). A
    province's pages are those in its regions' folders and the lists split by province
    (their chain names it)."""
    by_region: dict[str, list[str]] = {}
    site_pages: list[str] = []
    for page in _site_html(site):
        steps = page.split("/", 2)
        if len(steps) == 3 and steps[0] == "regions":  # regions/<id>/…
            by_region.setdefault(steps[1], []).append(page)
        else:
            site_pages.append(page)
    region_pages = [page for pages in by_region.values() for page in pages]
    # The site's own pages hold about three times a region page's text (at 3,000 regions
    # 6,000 of them took Pagefind to about 3.9 GB): a third as many per part.
    per_part = max(1, max_pages // 3)
    if len(site_pages) <= per_part and len(site_pages) + len(region_pages) <= max_pages:
        provinces = sorted({_province_of(site, region) for region in by_region})
        return [IndexPart(1, provinces, sorted(site_pages + region_pages), role="site")]
    overview = [page for page in region_pages if _in_overview(site, page)]
    by_province: dict[str, list[str]] = {}
    for region, pages in sorted(by_region.items()):
        by_province.setdefault(_province_of(site, region), []).extend(pages)
    own: list[str] = []
    for page in site_pages:
        chain = _attribute(site, page, AREA_ATTRIBUTE).split()
        (by_province.setdefault(chain[0], []) if chain else own).append(page)
    parts = _chunks(own, per_part, "own", first=1) or [IndexPart(1, role="own")]
    # A plan's page holds its actions' summaries: 6,000 region and plan pages took Pagefind to
    # 2.2 GB at 3,000 regions (the build's whole tree to 3.9 GB), against 1.4 GB for 6,000 of a
    # province's pages. Half as many per part.
    parts += _chunks(overview, max(1, max_pages // 2), "overview", first=len(parts) + 1)
    current: IndexPart | None = None
    for province in sorted(by_province):
        pages = by_province[province]
        if current is None or len(current.pages) + len(pages) > max_pages:
            current = IndexPart(len(parts) + 1)
            parts.append(current)
        current.provinces.append(province)
        current.pages.extend(pages)
    for part in parts:
        part.pages.sort()
    return parts


def link_pages(site: Path, part: IndexPart, folder: Path) -> None:
    """folder/: the part's pages as hard links (copies where links are not possible), at
    their paths in the site."""
    shutil.rmtree(folder, ignore_errors=True)
    for page in part.pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site / page, target)
        except OSError:
            shutil.copyfile(site / page, target)

"""Which pages go into which part of the search index, so that no Pagefind run grows with the
country.

Pagefind holds everything it indexes in memory until it writes (about 270 KB per page of ours:
1.7 GB at 300 regions, over 13.6 GB at 3,000), and it cannot add to an index it wrote
(Pagefind#71). So the site is indexed in parts of at most MAX_PAGES pages, one Pagefind run
each: the first parts (the primary index, <site>/pagefind/, then <site>/pagefind/part-<n>/) hold
the pages outside a region's folder (themes, lists, help: they too grow with the country), and
the next parts the regions' pages, whole provinces in the order of their ids. A province's
regions always share one part, so a search narrowed to a province reads one index. The search
page (assets/ps-search.js) searches the whole country by merging the parts with Pagefind's own
mergeIndex (one WebAssembly module, each part's small entry and metadata files, then the chunks
for the query's words).

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
# region page carries (generator/templates/_layout.html).
AREA_ATTRIBUTE = re.compile(r'data-ps-area="([^"]*)"')


@dataclass
class IndexPart:
    """One Pagefind run: its output folder under the site, and the pages it indexes (paths
    relative to the site, sorted)."""

    number: int
    provinces: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return OUTPUT_FOLDER if self.number == 1 else f"{OUTPUT_FOLDER}/part-{self.number}"


def part_folder(number: int) -> str:
    return IndexPart(number).folder


def _province_of(region_page: Path, region: str) -> str:
    """The first id of the region's chain, read from its page; the region itself when the
    page carries none."""
    found = AREA_ATTRIBUTE.search(region_page.read_text(encoding="utf-8", errors="replace"))
    chain = found.group(1).split() if found else []
    return chain[0] if chain else region


def _site_html(site: Path) -> list[str]:
    """Every HTML page of the site (paths relative to it, sorted), but the index's own folder."""
    return sorted(prefix + name for prefix, _, files in walk_site(site, skip={OUTPUT_FOLDER})
                  for name in files if name.endswith(".html"))


def plan_parts(site: Path, max_pages: int = MAX_PAGES) -> list[IndexPart]:
    """The parts, deterministically: the pages outside regions' folders first, a third of
    max_pages at a time, then whole provinces in the order of their ids, packed greedily up to max_pages (a
    larger province is a part of its own)."""
    by_region: dict[str, list[str]] = {}
    site_pages: list[str] = []
    for page in _site_html(site):
        steps = page.split("/", 2)
        if len(steps) == 3 and steps[0] == "regions":  # regions/<id>/…
            by_region.setdefault(steps[1], []).append(page)
        else:
            site_pages.append(page)
    regions_folder = site / "regions"
    region_folders = sorted(p for p in regions_folder.iterdir() if p.is_dir()) \
        if regions_folder.is_dir() else []
    by_province: dict[str, list[str]] = {}
    for folder in region_folders:
        province = _province_of(folder / "index.html", folder.name) \
            if (folder / "index.html").is_file() else folder.name
        by_province.setdefault(province, []).extend(by_region.get(folder.name, []))
    # The site's own pages grow with the country too (lists per province, page after page),
    # and hold about three times a region page's text: a third as many per part (at 3,000
    # regions 6,000 of them took Pagefind to about 3.9 GB).
    per_part = max(1, max_pages // 3)
    parts = [IndexPart(number + 1, pages=site_pages[start:start + per_part])
             for number, start in enumerate(range(0, len(site_pages), per_part))]
    parts = parts or [IndexPart(1)]
    for province in sorted(by_province):
        pages = by_province[province]
        if parts[-1].pages and len(parts[-1].pages) + len(pages) > max_pages:
            parts.append(IndexPart(len(parts) + 1))
        parts[-1].provinces.append(province)
        parts[-1].pages.extend(pages)
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

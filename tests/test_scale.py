"""A page's HTML must not grow with the number of regions: under 60 KB per page whether the site
has 5 regions or 3,000.

Two synthetic sites are built, with 30 and with 300 regions (provinces → prefectures →
counties; every prefecture has a small plan cut from a real one). Every page of both must be
under 60 KB; a page kind about one region, plan or organisation must be the same size in both
(the navigation is constant); and the long lists that cut across regions (a theme, an
audience, the commitments of a year, the data downloads) must be split by province and into
numbered pages instead of growing past their budget. benchmarks/page_size.py runs 3,000.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import page_kind, page_sizes, write_synthetic_project

from generator import pages
from generator.build import BuildOptions, build
from generator.search_parts import AREA_ATTRIBUTE

MAX_PAGE_BYTES = 60 * 1024
SMALL, LARGE = 30, 300
# Region, plan, action and organisation pages may differ by the length of invented names.
SAME_SIZE = 3 * 1024
# An estimate (pages.LIST_BUDGET counts escaped text plus typical markup), not a measurement.
LIST_SLACK = 4 * 1024
# Lists that cut across regions, with the pages they are split into.
OVERDUE_EPOCH = 1893456000  # 2030-01-01
LIST_KINDS = ("theme", "audience", "commitments year", "data", "progress list")


def is_list(kind: str) -> bool:
    return kind.startswith(LIST_KINDS) or kind in ("data/index.html", "progress/index.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """The built sites, by number of regions."""
    found = {}
    for count in (SMALL, LARGE):
        root = tmp_path_factory.mktemp(f"regions-{count}")
        # Prefectures only, to keep the test quick: benchmarks/page_size.py builds the dense case.
        project = write_synthetic_project(root, count, actions_per_plan=2, county_plans=False,
                                          province_plans=False)
        assert project.plans == (3 if count == SMALL else 30)
        with pytest.MonkeyPatch.context() as patch:
            # A build date after every synthetic deadline: the overdue list is as long as it gets.
            patch.setenv("SOURCE_DATE_EPOCH", str(OVERDUE_EPOCH))
            assert build(BuildOptions(root=root, output=root / "site",
                                      check_accessibility=False)) == 0
        found[count] = root / "site"
    return found


@pytest.fixture(scope="module")
def sites(built: dict[int, Path]) -> dict[int, dict[str, int]]:
    """Page sizes of the built sites, by number of regions."""
    return {count: page_sizes(site) for count, site in built.items()}


@pytest.mark.parametrize("count", [SMALL, LARGE])
def test_every_page_is_under_60_kb(sites: dict[int, dict[str, int]], count: int) -> None:
    too_big = {path: size for path, size in sites[count].items() if size >= MAX_PAGE_BYTES}
    assert not too_big, f"{count} regions: pages of 60 KB or more: {too_big}"


def largest_by_kind_and_shape(sizes: dict[str, int]) -> dict[tuple[str, str], int]:
    """The largest page of each kind for each plan shape: a plan's pages are as long as the real
    plan it was cut from (its folder keeps that plan's id), whatever the number of regions."""
    found: dict[tuple[str, str], int] = {}
    # A region's organisations page lists the actions of its plans: its shape is theirs.
    plans_of: dict[str, list[str]] = {}
    for path in sizes:
        parts = path.split("/")
        if page_kind(path) == "plan":
            plans_of.setdefault(parts[1], []).append(parts[2])
    for path, size in sizes.items():
        parts = path.split("/")
        shape = parts[2] if parts[0] == "regions" and len(parts) > 3 else ""
        if page_kind(path) == "organisations":
            shape = " ".join(sorted(plans_of.get(parts[1], [])))
        key = (page_kind(path), shape)
        found[key] = max(found.get(key, 0), size)
    return found


def test_pages_about_one_region_do_not_grow(sites: dict[int, dict[str, int]]) -> None:
    small, large = largest_by_kind_and_shape(sites[SMALL]), largest_by_kind_and_shape(sites[LARGE])
    grown = {key: (small[key], large[key]) for key in small
             if not is_list(key[0]) and key in large and large[key] > small[key] + SAME_SIZE}
    assert not grown, f"page kinds that grow with the number of regions: {grown}"
    assert {kind for kind, _ in small} <= {kind for kind, _ in large}


def test_long_lists_are_split_instead_of_growing(sites: dict[int, dict[str, int]]) -> None:
    large = sites[LARGE]
    frame = large["404.html"]  # Material's frame: header, navigation, footer
    bound = frame + pages.LIST_BUDGET + LIST_SLACK
    over = {path: size for path, size in large.items()
            if is_list(page_kind(path)) and size > bound}
    assert not over, f"list pages over {bound} bytes: {over}"
    kinds = {page_kind(path) for path in large}
    # With 30 plans every kind of long list is split, so the split pages are what is measured.
    for kind in ("theme, one province", "audience, one province",
                 "commitments year, one province", "data, one province",
                 "progress list, one province"):
        assert kind in kinds, kind


def test_a_list_split_by_province_belongs_to_that_province(built: dict[int, Path]) -> None:
    # Its chain is the province alone, so search finds it with the province's pages
    # (generator/search_parts.py) and a search narrowed to the province keeps it.
    site = built[LARGE]
    split = [path for path in page_sizes(site) if page_kind(path).endswith(", one province")]
    assert split
    for path in split:
        area = AREA_ATTRIBUTE.search((site / path).read_text(encoding="utf-8"))
        assert area and area.group(1) in path.split("/"), path
        province = (site / "regions" / area.group(1) / "index.html").read_text(encoding="utf-8")
        assert f'data-ps-area="{area.group(1)}"' in province, path  # a province: no parent


def test_largest_page_does_not_grow(sites: dict[int, dict[str, int]]) -> None:
    """The largest page with 300 regions is no larger than with 30, or than a full list."""
    small_max, large_max = max(sites[SMALL].values()), max(sites[LARGE].values())
    full_list = sites[LARGE]["404.html"] + pages.LIST_BUDGET + LIST_SLACK
    assert large_max <= max(small_max + SAME_SIZE, full_list), (small_max, large_max)


def test_split_groups_keeps_every_item_in_order_within_the_budget() -> None:
    groups = [("a", [100, 100, 100]), ("b", [700]), ("c", [100] * 12)]
    chunks = pages.split_groups(groups, weigh=lambda size: size, budget=1000)
    flattened = [(key, item) for chunk in chunks for key, items, _ in chunk for item in items]
    assert flattened == [(key, item) for key, items in groups for item in items]
    for chunk in chunks:
        cost = sum(pages.GROUP_MARKUP + sum(items) for _, items, _ in chunk)
        assert cost <= 1000 or (len(chunk) == 1 and len(chunk[0][1]) == 1), chunk
    continued = [(key, flag) for chunk in chunks for key, _, flag in chunk]
    assert continued[0] == ("a", False)
    # A group that goes on over a page break says so on the next page.
    assert all(flag == (key == previous) for (key, flag), (previous, _)
               in zip(continued[1:], continued, strict=False))


def test_split_groups_keeps_a_group_together_when_it_fits_on_a_page() -> None:
    groups = [("a", [100]), ("b", [500, 500])]
    chunks = pages.split_groups(groups, weigh=lambda size: size, budget=2000)
    assert chunks == [[("a", [100], False)], [("b", [500, 500], False)]]

"""The result cache, sharding and merging, the Nu HTML checker and the statement's own check:
no browser needed (the cache and the statement check are given results)."""

from __future__ import annotations

import json
import os
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from a11y_sites import CLEAN_MAIN, page_html, write_site

from generator.a11y import CheckOptions
from generator.a11y.cache import ResultCache
from generator.a11y.engines import locate_engines
from generator.a11y.merge import MergeError, merge_reports
from generator.a11y.options import DEFAULT_MODE, REPO_ROOT
from generator.a11y.pages import plan_pages, shard_plans
from generator.a11y.report import Report, ToolVersions
from generator.a11y.results import AxeRun, Failure, PageResult
from generator.a11y.statement_gate import check_statement
from generator.a11y.vnu import check_html

TOOLS = ToolVersions("4.14.1", "4.0.34", "26.9.27", "1", "1", "4")


def passing(path: str, url: str = "") -> PageResult:
    run = AxeRun(1280, DEFAULT_MODE, (), (), {}, 0.5)
    return PageResult(path=path, url=url or "/p/" + path, runs=[run])


def report(pages: list[PageResult], shard: str | None = None) -> Report:
    now = datetime(2026, 11, 29, tzinfo=UTC)
    return Report("site", "/p/", now, now, (1280,), False, {}, TOOLS, pages, shard)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site", {"a": page_html(CLEAN_MAIN), "b": page_html(CLEAN_MAIN)})


def test_cache_reuses_a_pass_only_while_the_page_and_every_file_it_loaded_are_unchanged(
    tmp_path: Path, site: Path
) -> None:
    plan = next(p for p in plan_pages(site, CheckOptions()) if p.path == "a/index.html")
    cache = ResultCache(tmp_path / "cache", site, "/p/", "engines")
    assert cache.get(plan) is None
    cache.put(plan, passing(plan.path), ("/p/a/", "/p/site.css"))
    hit = ResultCache(tmp_path / "cache", site, "/p/", "engines").get(plan)
    assert hit is not None and hit.reused and hit.path == plan.path
    # Another engine, Chromium or option set: another key.
    assert ResultCache(tmp_path / "cache", site, "/p/", "other engines").get(plan) is None
    # A stylesheet it loaded changes: not reused.
    (site / "site.css").write_text("body { color: red; }", encoding="utf-8")
    assert ResultCache(tmp_path / "cache", site, "/p/", "engines").get(plan) is None


def test_cache_keeps_no_failing_result(tmp_path: Path, site: Path) -> None:
    plan = plan_pages(site, CheckOptions())[0]
    cache = ResultCache(tmp_path / "cache", site, "/p/", "engines")
    failing = passing(plan.path)
    failing.failures.append(Failure("tree:lang", "no lang"))
    cache.put(plan, failing, ())
    assert cache.get(plan) is None


def test_cache_key_follows_the_html(tmp_path: Path, site: Path) -> None:
    plan = next(p for p in plan_pages(site, CheckOptions()) if p.path == "a/index.html")
    cache = ResultCache(tmp_path / "cache", site, "/p/", "engines")
    cache.put(plan, passing(plan.path), ())
    (site / "a" / "index.html").write_text(page_html(CLEAN_MAIN + "<p>新</p>"), encoding="utf-8")
    assert ResultCache(tmp_path / "cache", site, "/p/", "engines").get(plan) is None


def test_shards_split_every_page_exactly_once_and_deterministically(site: Path) -> None:
    plans = plan_pages(site, CheckOptions(templates={"home": "index.html"}))
    parts = [shard_plans(plans, index, 2) for index in (1, 2)]
    paths = [plan.path for part in parts for plan in part]
    assert sorted(paths) == sorted(plan.path for plan in plans)
    assert len(set(paths)) == len(paths)
    assert parts == [shard_plans(plans, index, 2) for index in (1, 2)]
    with pytest.raises(ValueError, match="3/2"):
        shard_plans(plans, 3, 2)


def test_merge_joins_shards_and_refuses_a_missing_or_foreign_one() -> None:
    one = report([passing("a/index.html")], "1/2")
    two = report([passing("b/index.html")], "2/2")
    merged = merge_reports([two, one])
    assert [page.path for page in merged.pages] == ["a/index.html", "b/index.html"]
    assert merged.shard is None and merged.ok
    again = Report.from_json(json.loads(json.dumps(merged.to_json())))
    assert again.to_json()["pages"] == merged.to_json()["pages"]
    with pytest.raises(MergeError, match="every shard"):
        merge_reports([one])
    with pytest.raises(MergeError, match="different engines"):
        merge_reports([one, replace(two, tools=replace(TOOLS, axe_core="4.10.0"))])


def test_nu_checker_fails_autocomplete_on_a_checkbox(tmp_path: Path) -> None:
    bad = page_html(CLEAN_MAIN, extra_body='<input type="checkbox" id="t" autocomplete="off">')
    site = write_site(tmp_path / "site", {"bad": bad, "good": page_html(CLEAN_MAIN)})
    found = check_html(locate_engines(REPO_ROOT), site, ["bad/index.html", "good/index.html"])
    assert list(found) == ["bad/index.html"]
    assert {failure.check for failure in found["bad/index.html"]} == {"vnu:error"}
    assert "autocomplete" in found["bad/index.html"][0].message


def test_statement_is_checked_with_the_results_it_publishes(tmp_path: Path, site: Path) -> None:
    marker = "<!-- results -->"
    page = site / "a" / "index.html"
    page.write_text(page_html(CLEAN_MAIN + marker), encoding="utf-8")
    options = CheckOptions(widths=(1280,), statement_marker=marker)
    plan = next(p for p in plan_pages(site, options) if p.path == "a/index.html")
    seen: list[str] = []

    def check() -> PageResult:
        seen.append(page.read_text(encoding="utf-8"))
        return passing(plan.path, "/policysite/a/")

    result = check_statement(page, plan, options, [passing("b/index.html")], report, check)
    published = page.read_text(encoding="utf-8")
    assert result.ok and seen == [published]  # checked once, in its final form
    assert marker not in published and "共检测 2 个页面" in published


def test_cache_forgets_entries_unused_for_a_month(tmp_path: Path, site: Path) -> None:
    plan = plan_pages(site, CheckOptions())[0]
    cache = ResultCache(tmp_path / "cache", site, "/p/", "engines")
    cache.put(plan, passing(plan.path), ())
    [entry] = (tmp_path / "cache").glob("*/*.json")
    cache.prune()
    assert entry.exists()
    old = time.time() - 31 * 86400
    os.utime(entry, (old, old))
    cache.prune()
    assert not entry.exists()

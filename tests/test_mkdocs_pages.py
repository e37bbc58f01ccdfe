"""MkDocs' pages built by several processes are the pages `mkdocs build` writes, byte for byte.

A large hosted site is built with its pages shared among processes (generator/mkdocs_pages.py);
here the threshold is lowered so a small synthetic project takes that way, and its site must
equal the site of the ordinary single-process MkDocs run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic import write_synthetic_project

from generator import mkdocs_pages
from generator.build import BuildOptions, build


def site_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_pages_built_in_parallel_equal_a_single_mkdocs_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    write_synthetic_project(tmp_path, 6, actions_per_plan=2)
    single = tmp_path / "single"
    assert build(BuildOptions(root=tmp_path, output=single, check_accessibility=False)) == 0
    monkeypatch.setattr(mkdocs_pages, "PARALLEL_FROM", 0)
    monkeypatch.setattr(mkdocs_pages.os, "cpu_count", lambda: 2)
    assert mkdocs_pages.parallel_workers(tmp_path / "build" / "docs", offline=False) == 2
    shared = tmp_path / "shared"
    assert build(BuildOptions(root=tmp_path, output=shared, check_accessibility=False)) == 0
    one, two = site_bytes(single), site_bytes(shared)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_the_offline_build_and_material_search_keep_one_mkdocs_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_pages, "PARALLEL_FROM", 0)
    monkeypatch.setattr(mkdocs_pages.os, "cpu_count", lambda: 2)
    assert mkdocs_pages.parallel_workers(tmp_path, offline=True) == 1
    monkeypatch.setenv("POLICYSITE_MATERIAL_SEARCH", "true")
    assert mkdocs_pages.parallel_workers(tmp_path, offline=False) == 1


def test_the_seed_site_built_in_parallel_equals_a_single_mkdocs_run(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real plans' pages too: generated pages skip Python-Markdown in the parallel build
    (mkdocs_pages._render_html), so every page of theirs must come out as Markdown makes it."""
    root = Path(__file__).resolve().parents[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    single = tmp_path / "single"
    assert build(BuildOptions(root=root, output=single, check_accessibility=False)) == 0
    monkeypatch.setattr(mkdocs_pages, "PARALLEL_FROM", 0)
    monkeypatch.setattr(mkdocs_pages.os, "cpu_count", lambda: 2)
    shared = tmp_path / "shared"
    assert build(BuildOptions(root=root, output=shared, check_accessibility=False)) == 0
    one, two = site_bytes(single), site_bytes(shared)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []

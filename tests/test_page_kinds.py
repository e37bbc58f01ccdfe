"""The page-kind registry: every template has a kind, every kind has a representative page for
the accessibility gate, and no two pages share a source path."""

from __future__ import annotations

import datetime as dt
import posixpath
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.page_kinds import PAGE_KINDS, SitePages, all_pages, page_file
from generator.render import Router, relative_path
from generator.sitemodel import build_site_model
from generator.validate import validate_project

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "generator" / "templates"


@pytest.fixture(scope="module")
def site() -> SitePages:
    dataset, problems = validate_project(ROOT)
    assert not [p for p in problems if p.severity == "error"]
    return all_pages(build_site_model(dataset, dt.date(2026, 11, 22)), downloads=[])


def test_every_template_belongs_to_a_page_kind() -> None:
    templates = {path.name for path in TEMPLATES.glob("*.html") if not path.name.startswith("_")}
    registered = {kind.template for kind in PAGE_KINDS if kind.template}
    assert templates == registered


def test_every_page_kind_has_pages_to_choose_the_gate_s_representative_from(
        site: SitePages) -> None:
    assert set(site.kind_sources) == {kind.name for kind in PAGE_KINDS}
    assert all(site.kind_sources.values())
    for kind in PAGE_KINDS:
        if kind.template is None:  # hand-written: the page is in content/
            [source] = site.kind_sources[kind.name]
            assert (ROOT / "content" / source).is_file(), kind.name


def test_kind_names_and_page_sources_are_unique(site: SitePages) -> None:
    names = [kind.name for kind in PAGE_KINDS]
    assert len(names) == len(set(names))
    sources = [page.source for page in site.pages]
    assert len(sources) == len(set(sources))


@pytest.mark.parametrize("offline", [False, True])
def test_page_files_follow_the_url_style(site: SitePages, offline: bool) -> None:
    router = Router(directory_urls=not offline)
    files = {name: page_file(sources[0], router) for name, sources in site.kind_sources.items()}
    assert files["home"] == "index.html"
    assert all(name.endswith(".html") for name in files.values())
    assert all(name.endswith("/index.html") or name == "index.html"
               for name in files.values()) != offline


SITE_PATHS = st.lists(st.sampled_from(["regions", "gansu", "2022-2024", "actions", "index.html",
                                       "data", "a.json"]), max_size=4).map(
    lambda parts: "/".join(parts) or ".")


@given(target=SITE_PATHS, base=SITE_PATHS)
def test_relative_path_is_posixpath_relpath_for_site_paths(target: str, base: str) -> None:
    assert relative_path(target, base) == posixpath.relpath(target, base)

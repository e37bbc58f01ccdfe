"""The seed site built by both engines, MkDocs with Material (the default) and Zensical
(`--engine zensical`), from the same generated pages: the same pages, the same main content of
every page, our theme overrides in both, and the accessibility gate passing on Zensical's output.

The gate runs here on one page of each template of Zensical's output (the pages `policysite
build` uses for its colour and text-size matrix), not on every page: it costs minutes of CPU a
page set. MkDocs' output goes through the whole gate in every build and in
tests/test_accessibility_gate_site.py.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator import fidelity
from generator.build import STATEMENT_MARKER, BuildOptions, build, representative_pages
from generator.site_engine import ZENSICAL_VERSION

ROOT = Path(__file__).resolve().parents[1]
# Elements whose order and attributes make the structure a reader meets: headings, landmarks'
# content, lists, tables and links. Wrappers an engine adds (code highlighting's div and
# spans) are left out; their text is compared.
STRUCTURE = ("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "dl", "dt", "dd",
             "table", "caption", "th", "td", "a", "section", "nav", "details", "summary")
ATTRIBUTES = ("id", "href", "lang", "scope", "aria-label", "aria-labelledby")


def require_zensical() -> None:
    try:
        version = metadata.version("zensical")
    except metadata.PackageNotFoundError:
        version = None
    assert version == ZENSICAL_VERSION, (
        f"Zensical {ZENSICAL_VERSION} is needed (found: {version}); install the test extra: "
        ".venv/bin/pip install -e '.[test]' (scripts/test.sh does)")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    require_zensical()
    built = {}
    for engine in ("mkdocs", "zensical"):
        output = tmp_path_factory.mktemp(engine) / "site"
        options = BuildOptions(root=ROOT, output=output, check_accessibility=False,
                               engine=engine)
        assert build(options) == 0, f"the build with {engine} failed"
        built[engine] = output
    return built


def pages(site: Path) -> set[str]:
    """The HTML pages of a site, without the engine's assets and Pagefind's index."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")
            if path.relative_to(site).parts[0] not in ("assets", "pagefind")}


def main_content(path: Path) -> tuple[list[str], str]:
    """The article's structure (elements and their attributes, in order) and its text without
    whitespace (engines indent and wrap differently)."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    article = soup.find("article")
    assert isinstance(article, Tag), f"{path}: no <article>"
    structure = [
        element.name + "".join(f" {name}={element.get(name)!r}" for name in ATTRIBUTES
                               if element.get(name) is not None)
        for element in article.find_all(STRUCTURE)
    ]
    return structure, fidelity.without_whitespace(article.get_text())


def test_both_engines_build_the_same_pages(sites: dict[str, Path]) -> None:
    mkdocs, zensical = pages(sites["mkdocs"]), pages(sites["zensical"])
    assert mkdocs == zensical, (sorted(mkdocs - zensical)[:10], sorted(zensical - mkdocs)[:10])
    assert len(mkdocs) > 10


def test_every_page_has_the_same_main_content(sites: dict[str, Path]) -> None:
    differing = []
    for page in sorted(pages(sites["mkdocs"])):
        if main_content(sites["mkdocs"] / page) != main_content(sites["zensical"] / page):
            differing.append(page)
    assert not differing, f"{len(differing)} pages differ, e.g. {differing[:10]}"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_our_overrides_are_on_every_page(sites: dict[str, Path], engine: str) -> None:
    for page in sorted(pages(sites[engine])):
        html = (sites[engine] / page).read_text(encoding="utf-8")
        assert re.search(r'<html lang="zh-CN"', html), f"{engine} {page}: lang"
        assert '<a href="#main-content" class="ps-skip-link">' in html, f"{engine} {page}: skip"
        assert 'id="ps-reading-panel"' in html, f"{engine} {page}: reading settings"
        assert "policysite.css" in html and "policysite.js" in html, f"{engine} {page}: assets"


def test_the_accessibility_gate_passes_on_zensicals_output(sites: dict[str, Path]) -> None:
    from generator.a11y import CheckOptions, run_checks, summary_table

    site = sites["zensical"]
    templates = representative_pages(ROOT, offline=False, site=site)
    report = run_checks(site, CheckOptions(
        pages=sorted(set(templates.values())), templates=templates,
        statement_page=templates.get("statement"), statement_marker=STATEMENT_MARKER))
    failing = [page.path for page in report.pages if not page.ok]
    assert report.ok, f"the gate failed on Zensical's output: {failing}\n{summary_table(report)}"
    assert {page.path for page in report.pages} == set(templates.values())

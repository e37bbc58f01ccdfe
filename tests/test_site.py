"""The built site: every sentence of every document on it, every action and organisation on its
page, one h1 and lang="zh-CN" everywhere, small pages, no outside requests, identical rebuilds,
and an offline build that works from file://."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from support import real_plans

from generator import fidelity
from generator.build import BuildOptions, build
from generator.linkcheck import check_links
from generator.page_kinds import all_pages
from generator.render import Router
from generator.routes import (
    action_source,
    full_text_source,
    organisation_anchor,
    organisations_source,
)
from generator.sitemodel import build_site_model
from generator.validate import validate_project

ROOT = Path(__file__).resolve().parents[1]
MAX_PAGE_BYTES = 60 * 1024


class _Text(HTMLParser):
    """Visible text of a page's article, the part a reader reads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.h1 = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "h1":
            self.h1 += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return fidelity.without_whitespace("".join(parser.parts))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("built") / "site"
    assert build(BuildOptions(root=ROOT, output=output, check_accessibility=False)) == 0
    return output


@pytest.fixture(scope="module")
def model():
    dataset, problems = validate_project(ROOT)
    assert not [p for p in problems if p.severity == "error"]
    return build_site_model(dataset, __import__("datetime").date(2026, 11, 22))


def html_file(site: Path, source: str) -> Path:
    url = Router().output_url(source)
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def organisation_section(site: Path, region_id: str, organisation_id: str) -> str:
    """The HTML of an organisation's section (its h2 up to the next) on its region's page."""
    html = html_file(site, organisations_source(region_id)).read_text(encoding="utf-8")
    start = html.index(f'<h2 id="{organisation_anchor(organisation_id)}"')
    end = html.find("<h2", start + 1)
    return html[start:end if end > 0 else len(html)]


def test_every_sentence_of_every_document_is_on_its_full_text_page(site: Path, model) -> None:
    assert [plan.key for plan in model.plans] and len(model.plans) == len(real_plans())
    for plan in model.plans:
        corrected, mismatches = fidelity.apply_corrections(plan.plan, plan.loaded.source_text)
        assert not mismatches
        text = page_text(html_file(site, full_text_source(plan)))
        position = 0
        for sentence in fidelity.sentences(corrected):
            found = text.find(sentence, position)
            assert found >= 0, f"{plan.key}: sentence missing or out of order: {sentence}"
            position = found + len(sentence)


def test_every_action_has_a_page_with_its_text_and_organisations(site: Path, model) -> None:
    count = 0
    for plan in model.plans:
        for action in plan.actions:
            page = html_file(site, action_source(action))
            assert page.is_file(), page
            text = page_text(page)
            for paragraph in action.node.paragraphs:
                assert fidelity.without_whitespace(paragraph.text) in text
            for role in action.roles:
                assert role.organisation.name in text
                section = organisation_section(site, action.region.id, role.organisation.id)
                assert role.organisation.name in section
            count += 1
    # Every action page the site has is one of these (none left over from another rule).
    assert count and count == len(list(site.glob("regions/*/*/actions/*/index.html")))


def test_every_organisation_named_in_a_bracket_is_on_an_action_page(site: Path, model) -> None:
    from generator.tree import responsibilities, walk

    for plan in model.plans:
        for placed in walk(plan.plan):
            for responsibility, _ in responsibilities(placed):
                for name in responsibility.organisations:
                    organisation = model.organisation(plan.region, name)
                    assert organisation is not None, name
                    section = organisation_section(site, plan.region.id, organisation.id)
                    assert organisation.name in section


def test_every_page_has_lang_zh_cn_one_h1_and_is_small(site: Path, model) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(all_pages(model, downloads=[]).pages)  # every kind's pages, at least
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html, page
        parser = _Text()
        parser.feed(html)
        assert parser.h1 == 1, f"{page}: {parser.h1} h1 elements"
        assert len(html.encode("utf-8")) < MAX_PAGE_BYTES, f"{page} is {len(html)} bytes"


@pytest.mark.parametrize("page", ["guide/index.html", "guide/progress/index.html"])
def test_the_guides_steps_are_headings(site: Path, page: str) -> None:
    """A screen-reader user moves through a how-to by its headings: a step set in bold type
    only looks like one, and jumping by heading passed over every step."""
    html = (site / page).read_text(encoding="utf-8")
    steps = re.findall(r"<(h3|strong)[^>]*>第 (\d+) 步", html)
    assert steps, page
    assert [tag for tag, _ in steps] == ["h3"] * len(steps), steps
    assert [int(number) for _, number in steps] == list(range(1, len(steps) + 1))


def test_links_resolve_and_nothing_is_loaded_from_elsewhere(site: Path) -> None:
    assert check_links(site) == []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', html), page
        if page.name != "404.html":  # the 404 page may be served at any depth
            assert not re.search(r'(src|href)="/', html), f"{page}: root-absolute link"


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert build(BuildOptions(root=ROOT, output=again, check_accessibility=False)) == 0
    first, second = _digest(site), _digest(again)
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert differing == []


def test_offline_build_opens_from_files(tmp_path: Path) -> None:
    output = tmp_path / "offline"
    assert build(BuildOptions(root=ROOT, output=output, check_accessibility=False,
                              offline=True)) == 0
    assert (output / "regions" / "jinchang" / "2026-2027" / "actions" / "3.html").is_file()
    assert check_links(output) == []
    home = (output / "index.html").read_text(encoding="utf-8")
    assert 'href="regions/index.html"' in home

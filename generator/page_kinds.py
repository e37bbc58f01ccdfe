"""The registry of page kinds: every kind of page the site has, in one list.

Adding a page kind touches three files: its template (generator/templates/), its function
registered with @page_kind (generator/pages.py, topic_pages.py or progress_pages.py: the site model → that kind's
pages), and its source path (generator/routes.py; templates reach every path function through
the Jinja global `routes`). Each kind's
smallest built page is its representative page, checked by the accessibility gate in every
colour and text-size mode and with the keyboard; tests/test_page_kinds.py proves every kind has
one and every template has a kind, so no template can drop out of the gate's matrix unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

# progress_pages and topic_pages are imported for their @page_kind registrations.
from generator import labels, pages, progress_pages, routes, topic_pages  # noqa: F401
from generator.pages import GENERATED_KINDS, Page, PageKind
from generator.render import Renderer, Router
from generator.sitemodel import SiteModel, heading

PAGE_KINDS: tuple[PageKind, ...] = (
    *GENERATED_KINDS,  # registered by @page_kind in pages.py and progress_pages.py
    PageKind("statement", None, source=routes.STATEMENT),
    PageKind("help", None, source=routes.HELP),
    PageKind("guide", None, source=routes.GUIDE),
    PageKind("search", None, source=routes.SEARCH),
)


@dataclass
class SitePages:
    pages: list[Page]
    # Kind name → the source of each of its pages (hand-written kinds: their one page), from
    # which the gate picks the kind's representative (smallest_built_pages).
    kind_sources: dict[str, list[str]] = field(default_factory=dict)


def all_pages(model: SiteModel, downloads: list) -> SitePages:
    """Every generated page, and the pages of each kind (hand-written ones included)."""
    site = SitePages([])
    for kind in PAGE_KINDS:
        if kind.pages is None:
            assert kind.source is not None, kind.name
            site.kind_sources[kind.name] = [kind.source]
            continue
        for page in kind.pages(model, downloads):
            # A function yields the pages of its own template only: its representative page
            # would otherwise stand for a template it does not show.
            assert page.template == kind.template, (kind.name, page.template)
            site.kind_sources.setdefault(kind.name, []).append(page.source)
            site.pages.append(page)
    return site


def smallest_built_pages(
    kind_sources: dict[str, list[str]], router: Router, site_dir: Path
) -> dict[str, str]:
    """Kind name → its smallest page's HTML file in the built site (ties: the first path).

    Why the smallest: the gate checks this page in all nine modes with both engines, so a
    small page keeps that matrix cheap; and an edit re-checks the whole matrix only when it
    changes this very page, not whenever it touches a kind's first page (the first region's
    plan, say). Every page of the kind gets every axe rule and the Nu checker all the same.
    """
    chosen: dict[str, str] = {}
    for name, sources in kind_sources.items():
        files = [page_file(source, router) for source in sources]
        built = [file for file in files if (site_dir / file).is_file()]
        # A page the build did not write (the search page offline) is left to the caller.
        chosen[name] = min(built, key=lambda file: ((site_dir / file).stat().st_size, file),
                           default=files[0])
    return chosen


def page_file(source: str, router: Router) -> str:
    """A page's HTML file, relative to the site folder."""
    url = router.output_url(source)
    return url + "index.html" if url.endswith("/") or url == "" else url


def site_renderer(model: SiteModel, router: Router) -> Renderer:
    """The Jinja renderer with the site's globals: every template finds its links' sources
    (routes) and the names of things under the same names."""
    renderer = Renderer(router, pages.glossary_entries(model))
    renderer.env.globals.update(
        region_src=routes.region_source, plan_src=routes.plan_source,
        full_text_src=routes.full_text_source, action_src=routes.action_source,
        theme_src=routes.theme_source,
        audience_src=routes.audience_source, anchor_of=routes.node_anchor,
        term_anchor=renderer.glossary_anchor,
        theme_name=lambda i: next((t.name for t in model.themes if t.id == i), i),
        audience_name=lambda i: next((t.name for t in model.audiences if t.id == i), i),
        kind_label=labels.kind_label, role_heading=labels.role_heading, heading=heading,
        level_label=labels.level_label,
        progress_src=routes.plan_progress_source,
        report_file=routes.report_download,
        routes=routes,  # every source path, so a new page kind needs no new global here
    )
    return renderer

"""MkDocs' own build, split in two: the site's frame once, then any pages on demand.

`mkdocs build` reads and renders every page. For a preview edit only a few pages change, so the
preview keeps one MkDocs session in its process: the configuration, the file list, the theme's
Jinja environment and the navigation (with the titles of the pages in it) are made once, the
way mkdocs.commands.build.build makes them, and each changed page then goes through MkDocs'
own `_populate_page` and `_build_page`, the two steps every page takes in a full build. A page
built this way is byte for byte the page a full build writes (tests/test_preview.py), as long
as the set of pages and the navigation are the same; when either changes the session is opened
again. MkDocs' private helpers are pinned by the version in pyproject.toml.

Material's search plugin is off in the hosted build, so no jieba state is shared between builds
(generator/build.py runs the full build in its own process for that reason).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator import processes


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """mkdocs.yml reads !ENV values while it is loaded: set them for that moment only."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Warnings(logging.Handler):
    """MkDocs' warnings during a page's build: strict mode makes them errors in a full build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class MkDocsSession:
    """One configuration, file list, theme environment and navigation; pages built on demand."""

    def __init__(self, root: Path, site_dir: Path, environment: dict[str, str]) -> None:
        """environment: what mkdocs.yml reads (site_engine.engine_environment)."""
        with _environment(environment):
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, config)
        # Every page's navigation shows the titles of the pages in it: read those now.
        for page in nav.pages:
            mkdocs_build._populate_page(page, config, files)
        self.env = config.plugins.on_env(env, config=config, files=files)
        self.config, self.files, self.nav = config, files, nav
        self.doc_files = files.documentation_pages()
        self.sources = frozenset(file.src_uri for file in self.doc_files)
        # Pages not in content/ are generated: HTML only (generator/render.py).
        self.generated = self.sources - _hand_written(root / "content")
        self.nav_sources = frozenset(page.file.src_uri for page in nav.pages)

    def build_pages(self, sources: Iterable[str]) -> list[str]:
        """Read, render and write each page as a full build would; MkDocs' warnings returned."""
        handler = _Warnings()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(handler)
        try:
            for source in sorted(sources):
                file = self.files.get_file_from_path(source)
                assert file is not None and file.page is not None, source
                if source in self.generated:
                    file.page.render = _render_html.__get__(file.page)  # type: ignore[method-assign]
                mkdocs_build._populate_page(file.page, self.config, self.files)
                mkdocs_build._build_page(file.page, self.config, self.doc_files, self.nav,
                                         self.env)
                if source not in self.nav_sources:
                    # Written: its text is not needed again (the navigation shows only the
                    # titles of its own pages), and a share holds tens of thousands of pages.
                    file.page.markdown = file.page.content = None
        finally:
            logger.removeHandler(handler)
        return handler.messages


def _hand_written(content: Path) -> frozenset[str]:
    """The files in content/, as source paths: a few dozen, where the site has tens of
    thousands of pages (one look-up per page cost a second per 6,000 pages)."""
    return frozenset(path.relative_to(content).as_posix() for path in content.rglob("*")
                     if path.is_file())


def _render_html(page: Page, config: object, files: object) -> None:
    """Page.render for a generated page, without Python-Markdown. Its body is one raw HTML
    block (render._compact keeps blank lines out), which Markdown passes through unchanged but
    for the surrounding whitespace, after parsing it twice with Python's HTMLParser: more than
    half of MkDocs' time per page. No Markdown headings, so no table of contents; no Markdown
    links, so nothing for MkDocs to rewrite or validate (generator/linkcheck.py checks every
    link and anchor). tests/test_mkdocs_pages.py compares the result with `mkdocs build`."""
    assert page.markdown is not None
    page.content = page.markdown.strip()
    page.toc = get_toc([])
    page._title_from_render = None  # the title is in the front matter
    page.present_anchor_ids = set()


def _build_shard(root: str, site_dir: str, environment: dict[str, str],
                 sources: list[str]) -> list[str]:
    """A worker process: its own session, then its share of the pages. The theme cannot
    change while it runs: Jinja need not ask at every include whether a template file did."""
    session = MkDocsSession(Path(root), Path(site_dir), environment)
    session.env.auto_reload = False
    return session.build_pages(sources)


def build_site(root: Path, site_dir: Path, environment: dict[str, str], workers: int
               ) -> list[str]:
    """What `mkdocs build` writes, with the pages shared among `workers` processes, this one
    included (each page is independent once the navigation is known). Only for the hosted
    build with Material's search off: its index is gathered page by page in one process.
    MkDocs' warnings are returned; in strict mode any of them fails the build."""
    session = MkDocsSession(root, site_dir, environment)
    session.env.auto_reload = False  # as in the workers: the theme cannot change meanwhile
    config = session.config
    sources = sorted(session.sources)
    shards = [sources[index::workers] for index in range(workers)]
    # spawn, not fork: the build may have threads running (serve's web server).
    context = multiprocessing.get_context("spawn")
    # The workers die with the build, even when it is killed (processes.die_with_parent).
    # This process builds the first share itself: a session of its own costs each worker
    # seconds per thousand pages, and this one has its session already. It copies the static
    # files and writes the theme's templates while the workers open theirs.
    with ProcessPoolExecutor(max(workers - 1, 1), mp_context=context,
                             initializer=processes.die_with_parent()) as pool:
        others = len(shards) - 1
        results = pool.map(_build_shard, [str(root)] * others, [str(site_dir)] * others,
                           [environment] * others, shards[1:])
        warnings = _write_frame(session)
        warnings += session.build_pages(shards[0])
        warnings += [message for result in results for message in result]
    config.plugins.on_post_build(config=config)
    return warnings


def _write_frame(session: MkDocsSession) -> list[str]:
    """The static files and the theme's own templates (404 page, sitemap); MkDocs' warnings."""
    config, files = session.config, session.files
    handler = _Warnings()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        files.copy_static_files()
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, session.env, files, config, session.nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, session.nav)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return handler.messages


PARALLEL_FROM = 2000  # pages; below this, a second process costs more than it saves


def parallel_workers(docs: Path, offline: bool) -> int:
    """How many processes should build the pages: 1 (MkDocs alone) for small sites, for the
    offline build and whenever Material's search is on (POLICYSITE_MATERIAL_SEARCH)."""
    cores = min(os.cpu_count() or 1, 4)
    if offline or cores < 2 or os.environ.get("POLICYSITE_MATERIAL_SEARCH", "").lower() == "true":
        return 1
    # Counting stops at the threshold: counting 60,000 pages with rglob took 15 s.
    pages = sum(1 for _ in itertools.islice(docs.rglob("*.md"), PARALLEL_FROM))
    return cores if pages >= PARALLEL_FROM else 1

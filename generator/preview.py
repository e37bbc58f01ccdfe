"""The preview's incremental rebuild: after an edit, only the pages whose inputs changed.

`policysite serve` first builds the whole site (generator/build.py, without the accessibility
gate). After that, an edit under regions/<id>/ goes through `Preview.update`:

1. the data are validated again, re-reading only the YAML files that changed (load.FILE_CACHE);
2. the site model and the list of pages are made again (cheap: no page is rendered yet);
3. the pages that can show the edited regions are rendered: every page of those regions, every
   page that is not about one region (lists, indexes), and every page of another region whose
   context names an edited region (a breadcrumb, a list of child regions, “same theme” actions).
   A page whose Markdown comes out unchanged stops there;
4. MkDocs builds only the changed pages, in a session kept open in this process
   (generator/mkdocs_pages.py), straight into the served folder;
5. the downloads that changed are copied, the changed pages' links checked and their .gz
   copies written; the search index is rebuilt in the background (generator/preview_search.py:
   Pagefind cannot index only some pages), so it never delays the next edit.

Anything else (content/, overrides/, mkdocs.yml, the shared vocabularies, a page added or
removed) takes a full build. The result is byte for byte what a full build of the edited input
gives (tests/test_preview.py), the search index once its background rebuild has finished.
"""

from __future__ import annotations

import filecmp
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

from generator import build as site_build
from generator import load, routes
from generator.clock import build_date
from generator.compress import write_compressed_copies_of
from generator.console import say
from generator.export import write_exports
from generator.linkcheck import check_links
from generator.mkdocs_pages import MkDocsSession
from generator.page_kinds import all_pages, site_renderer
from generator.pages import Page
from generator.preview_search import BackgroundIndex
from generator.problems import format_report, has_errors
from generator.render import Router, write_text
from generator.site_engine import engine_environment
from generator.sitemodel import build_site_model
from generator.summarycheck import check_summaries
from generator.validate import validate_project

REGIONS_FOLDER = "regions"
ROUTER = Router()  # the hosted site's URLs: serve previews what a hosted build publishes
SHARED_FILES = ("themes.yaml", "audiences.yaml", "glossary.yaml")


def edited_regions(root: Path, changed: Iterable[Path]) -> set[str] | None:
    """The regions whose folders the changes are in; None when a change needs a full build."""
    regions: set[str] = set()
    for path in changed:
        try:
            parts = path.resolve().relative_to(root.resolve()).parts
        except ValueError:
            return None
        if len(parts) < 3 or parts[0] != REGIONS_FOLDER or parts[1] in SHARED_FILES:
            return None
        regions.add(parts[1])
    return regions


def named_regions(value: object, found: set[str]) -> None:
    """Every region a page's context names: region objects, entries that belong to a region,
    and links into a region's folder (breadcrumbs). The whole site model is not followed."""
    if isinstance(value, str):
        if value.startswith(REGIONS_FOLDER + "/"):
            found.add(value.split("/")[1])
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "model":
                named_regions(item, found)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            named_regions(item, found)
    else:
        region = getattr(value, "region", None) or getattr(getattr(value, "plan", None),
                                                           "region", None)
        if region is not None and hasattr(region, "level"):
            found.add(region.id)
        elif hasattr(value, "level") and hasattr(value, "organisations"):
            found.add(value.id)  # a Region itself


def _html_name(source: str) -> str:
    url = ROUTER.output_url(source)
    return url + "index.html" if url.endswith("/") or url == "" else url


def page_region(source: str) -> str | None:
    """The region a page is about (its folder), or None for a page about many."""
    parts = source.split("/")
    return parts[1] if parts[0] == REGIONS_FOLDER and len(parts) > 2 else None


def affected(page: Page, regions: set[str]) -> bool:
    own = page_region(page.source)
    if own is None or own in regions:
        return True
    found: set[str] = set()
    named_regions(page.context, found)
    return bool(found & regions)


class Preview:
    """The served site and what is needed to update it page by page."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root, self.output = root, output
        self.docs = root / "build" / "docs"
        self.sources: frozenset[str] = frozenset()
        self.session: MkDocsSession | None = None
        self.downloads: list | None = None
        self.changed_data: list[str] = []
        self.search = BackgroundIndex(output)
        load.FILE_CACHE = {}

    def full(self) -> int:
        """A whole build, as `policysite build --skip-checks` makes it; then the state the
        next edit needs: the data (read from the cache) and an open MkDocs session."""
        self.session, self.dataset, self.downloads = None, None, None
        self.search.cancel()  # the whole build indexes the site itself
        code = site_build.build(site_build.BuildOptions(root=self.root, output=self.output,
                                                        check_accessibility=False))
        self.sources = frozenset()  # learnt at the next update
        if code == 0:
            self.dataset = validate_project(self.root)[0]
            with site_build.build_lock(self.docs):
                self.session = self._session()
        return code

    def update(self, changed: Iterable[Path]) -> int:
        regions = edited_regions(self.root, changed)
        if regions is None or not self.output.is_dir() or self.dataset is None:
            return self.full()
        start = time.perf_counter()
        # A re-index still running is out of date now and would slow this update down.
        stopped = self.search.cancel()
        with site_build.build_lock(self.docs):
            shown = self._show_edited(regions)
        if shown:
            say(f"   已更新所编辑地区的 {len(shown)} 个页面，"
                           f"用时 {time.perf_counter() - start:.1f} 秒；接着检查全部数据、更新其他页面 …")
        dataset, problems = validate_project(self.root)
        if problems:
            say(format_report(problems))
        if has_errors(problems):
            say("数据有错误，预览保持上一次的样子；改正后保存即可。")
            if stopped:
                self.search.restart()  # the index of the pages as they still are
            return 1
        self.dataset = dataset
        model = build_site_model(dataset, build_date())
        with site_build.build_lock(self.docs):
            pending: list[str] = []
            if self.downloads is None:  # the first update: the downloads' list is not known yet
                self.downloads = self._write_exports(model)
                pending = self.changed_data
            pages = all_pages(model, self.downloads).pages
            sources = self._hand_written() | {ROUTER.file(page.source) for page in pages}
            if not self.sources:
                self.sources = frozenset(p.relative_to(self.docs).as_posix()
                                         for p in self.docs.rglob("*.md"))
            if sources != self.sources:
                return self.full()
            built = sorted(set(shown))
            renderer = site_renderer(model, ROUTER)
            downloads = self._write_exports(model)
            data = sorted({*pending, *self.changed_data})
            if downloads != self.downloads:
                self.downloads = downloads
                pages = all_pages(model, downloads).pages
            # Every page that can show the edited regions, from the whole site's model now: the
            # edited pages again (their cross-region parts), the lists, the neighbours.
            built = sorted({*built, *self._build(renderer, [page for page in pages
                                                            if affected(page, regions)])})
            files = self._copy_files(sorted(data + self._copy_plan_files(model, regions)))
        html = [_html_name(source) for source in built]
        say(f"   预览已更新 {len(built)} 个页面，用时 {time.perf_counter() - start:.1f} 秒。")
        for problem in check_links(self.output, only=html):
            say(problem)
        write_compressed_copies_of([self.output / name for name in html + files])
        self.search.restart()
        return 0

    def _show_edited(self, regions: set[str]) -> list[str]:
        """The edited regions' own pages at once, from a model of those regions alone (and
        their ancestors, for the breadcrumbs): what staff are looking at, in a second at any
        size of site. Parts that show other regions (actions on the same theme, child regions)
        are filled in by the update's second step. Nothing is shown while the edited files
        have errors of their own (loading, summaries); the second step checks everything and
        reports it."""
        assert self.dataset is not None
        mini = load.Dataset(root=self.root, themes=self.dataset.themes,
                            audiences=self.dataset.audiences, glossary=self.dataset.glossary)
        problems: list = []
        for region_id in sorted(regions):
            folder = self.root / REGIONS_FOLDER / region_id
            region = load.load_region_folder(folder, self.root, mini, problems)
            parent = region.parent if region else None
            while parent and parent not in mini.regions and parent in self.dataset.regions:
                mini.regions[parent] = self.dataset.regions[parent]
                parent = self.dataset.regions[parent].parent
        problems += check_summaries(mini)  # per plan: cheap on one region's plans
        if has_errors(problems) or not set(regions) <= set(mini.regions):
            return []
        model = build_site_model(mini, build_date())
        renderer = site_renderer(model, ROUTER)
        own = [page for page in all_pages(model, self.downloads or []).pages
               if page_region(page.source) in regions]
        if not all((self.docs / ROUTER.file(page.source)).is_file() for page in own):
            return []  # a page added: the second step rebuilds the whole site
        return self._build(renderer, own)

    def _build(self, renderer, pages: list[Page]) -> list[str]:
        """Render the pages; those whose Markdown changed go through MkDocs. Their sources."""
        changed = []
        for page in pages:
            text = renderer.render(page.template, page.source, page.title, page.html_title,
                                   page.context, page.description)
            target = self.docs / ROUTER.file(page.source)
            if target.read_text(encoding="utf-8") != text:
                write_text(target, text)
                changed.append(page.source)
        if changed:
            if self.session is None:
                self.session = self._session()
            for warning in self.session.build_pages(ROUTER.file(source) for source in changed):
                say(warning)
        return changed

    def _session(self) -> MkDocsSession:
        return MkDocsSession(self.root, self.output, engine_environment(False, self.docs))

    def _write_exports(self, model) -> list:
        """The downloads (data/…, feed.xml) again; remembers which of them changed."""
        def contents() -> dict[Path, bytes]:
            found = [*(self.docs / "data").rglob("*"), self.docs / "feed.xml"]
            return {p: p.read_bytes() for p in found if p.is_file()}

        before = contents()
        downloads = write_exports(model.dataset, self.docs, today=model.today)
        self.changed_data = [p.relative_to(self.docs).as_posix()
                             for p, data in contents().items() if before.get(p) != data]
        return downloads

    def _hand_written(self) -> frozenset[str]:
        """The Markdown pages generate_docs copies or writes besides the page kinds."""
        content = self.root / "content"
        return frozenset({p.relative_to(content).as_posix() for p in content.rglob("*.md")}
                         | {routes.FIELDS_GUIDE})

    def _copy_plan_files(self, model, regions: set[str]) -> list[str]:
        """Each edited plan's original text and progress reports, as generate_docs copies them."""
        changed = []
        for plan in model.plans:
            if plan.region.id not in regions or plan.loaded.source_text is None:
                continue
            copies = [(plan.loaded.folder / plan.plan.source, routes.source_download(plan))]
            for entry in model.commitments:
                if entry.plan is plan:
                    copies += [(plan.loaded.folder / report.source.file,
                                routes.report_download(plan, report.source.file))
                               for report in entry.commitment.progress if report.source.file]
            for source, name in copies:
                target = self.docs / name
                if not target.is_file() or not filecmp.cmp(source, target, shallow=False):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, target)
                    changed.append(name)
        return changed

    def _copy_files(self, names: list[str]) -> list[str]:
        """Static files copied as MkDocs copies them (byte for byte)."""
        for name in names:
            target = self.output / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.docs / name, target)
        return names

"""The preview's incremental rebuild: after an edit, only the pages whose inputs changed.

`policysite serve` first builds the whole site (generator/build.py, without the accessibility
gate). After that, an edit under regions/<id>/ goes through `Preview.update`:

1. the edited regions' folders are read and checked again, and nothing else
   (generator/preview_validate.py); with errors, the pages stay as they are;
2. their own pages are rendered at once from a model of those regions alone (and their
   ancestors, for the breadcrumbs); MkDocs builds those whose Markdown changed, in a session
   kept open in this process (generator/mkdocs_pages.py), straight into the served folder.

The rest of the update (`step`, called by serve whenever no file changed for a moment, in
slices of a fraction of a second, so that the next save never waits for it) makes the whole
site's model and renders every page that can show the edit (`Reach`): the edited pages again
for their parts about other regions, the lists that name the regions, and, when the edit
changed what other regions' pages show of them (generator/preview_reach.py), those pages.
Then the edited regions' plans' downloads are written again, and the files about the whole
country by a child process (generator/preview_exports.py: data/all.json grows with the
country), the download pages rendered from their list, and the
search index rebuilt by another (generator/preview_search.py: Pagefind cannot index only some
pages). A newer edit stops whatever of this is still running and takes its regions over.

Anything else (content/, overrides/, mkdocs.yml, the shared vocabularies, a region, plan or
page added or removed) takes a full build. The result is byte for byte what a full build of the
edited input gives (tests/test_preview.py), once the rest and the children have finished.
"""

from __future__ import annotations

import filecmp
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator import build as site_build
from generator import fingerprint, load, routes
from generator.clock import build_date
from generator.compress import write_compressed_copies_of
from generator.console import say
from generator.linkcheck import check_links
from generator.mkdocs_pages import MkDocsSession
from generator.page_kinds import PAGE_KINDS, site_renderer
from generator.pages import Page, data_pages
from generator.preview_exports import BackgroundExports, PlanDownloads
from generator.preview_reach import REGIONS_FOLDER, Reach, page_region
from generator.preview_search import BackgroundIndex
from generator.preview_validate import revalidate
from generator.problems import format_report, has_errors
from generator.publish import OutputRefused, check_output, copy_site
from generator.render import Router, write_text
from generator.site_engine import engine_environment
from generator.sitemodel import build_site_model, site_model_steps
from generator.validate import validate_project

ROUTER = Router()  # the hosted site's URLs: serve previews what a hosted build publishes
SHARED_FILES = ("themes.yaml", "audiences.yaml", "glossary.yaml")
DONE = "预览已是最新。"
# The rest of an update goes in slices of about this many seconds between looks for new
# saves, rendering at most BATCH pages (or looking at SCAN pages) per slice.
SLICE, BATCH, SCAN = 0.2, 20, 200


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


def _html_name(source: str) -> str:
    url = ROUTER.output_url(source)
    return url + "index.html" if url.endswith("/") or url == "" else url


def pages_besides_downloads(model) -> Iterator[Page]:
    """Every generated page but the download pages, one at a time (page_kinds.all_pages makes
    the whole list at once). The download pages wait for the downloads' child."""
    for kind in PAGE_KINDS:
        if kind.pages is not None and kind.name != "data":
            yield from kind.pages(model, [])


class Preview:
    """The served site and what is needed to update it page by page."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root, self.output = root, output
        self.docs = root / "build" / "docs"
        self.sources: frozenset[str] = frozenset()
        self.session: MkDocsSession | None = None
        self.dataset: load.Dataset | None = None
        self.pending: Iterator[bool | None] | None = None  # the rest of the last update, in slices
        self.unfinished = Reach()  # the edits whose rest has not run to its end
        self.shown: set[str] = set()  # their pages built at once, not yet checked and gzipped
        self.data_held = False  # an edit with errors: the downloads wait for a good one
        self.search = BackgroundIndex(output)
        self.exports = BackgroundExports(root, self.docs, output)
        self.plan_downloads = PlanDownloads(self.docs, output)
        load.FILE_CACHE = {}

    def start(self) -> int:
        """serve's start: the output of an earlier build of the same inputs, when there is
        one (generator/fingerprint.py), copied if it was published elsewhere; else `full`."""
        before = fingerprint.file_states(self.root)  # an edit during the start: a full build
        options = site_build.BuildOptions(root=self.root, output=self.output,
                                          check_accessibility=False)
        built = fingerprint.reusable(self.docs, site_build.input_fingerprint(options))
        try:
            check_output(self.root, self.output)
        except OutputRefused:
            built = None  # full() says why
        if built is None:
            return self.full()
        say(f"数据和程序都与上次生成时相同，沿用已生成的网站（{built}）…")
        if built != self.output.resolve():
            with site_build.build_lock(self.docs):
                copy_site(built, self.output)
        dataset, problems = validate_project(self.root)
        if has_errors(problems) or fingerprint.file_states(self.root) != before:
            return self.full()
        self.sources = frozenset()
        self._ready(dataset)
        return 0

    def full(self) -> int:
        """A whole build, as `policysite build --skip-checks` makes it; then the state the
        next edit needs: the data (read from the cache) and an open MkDocs session."""
        self.cancel()  # the whole build indexes the site itself and writes every download
        self.session, self.dataset, self.unfinished, self.shown = None, None, Reach(), set()
        self.plan_downloads.forget()
        code = site_build.build(site_build.BuildOptions(root=self.root, output=self.output,
                                                        check_accessibility=False))
        self.sources = frozenset()  # learnt at the next update
        if code == 0:
            self._ready(validate_project(self.root)[0])
        else:
            say(DONE)
        return code

    def _ready(self, dataset: load.Dataset) -> None:
        """The state the next edit needs, for a site built from `dataset`."""
        self.dataset = dataset
        with site_build.build_lock(self.docs):
            self.session = self._session()
        # While staff read, every plan's download entries, in slices (`step`): the
        # first edit's downloads then cost its own plans, not every plan's.
        self.pending = self.plan_downloads.update(self.dataset, build_date())
        say(DONE)

    def update(self, changed: Iterable[Path]) -> int:
        """Check the edited regions and show their own pages; the rest of the update is left
        to `step` (or `finish`), so that the next save never waits for it."""
        regions = edited_regions(self.root, changed)
        if regions is None or not self.output.is_dir() or self.dataset is None:
            return self.full()
        start = time.perf_counter()
        checked = revalidate(self.dataset, regions)
        if checked is None:  # a region or plan added, removed or renamed
            return self.full()
        dataset, problems = checked
        if problems:
            say(format_report(problems))
        if has_errors(problems):
            # What is still being done for the last good edit goes on, but its downloads
            # would be made from the files as they are now: they wait for a good edit.
            self.data_held = True
            self.exports.cancel()
            say("数据有错误，预览保持上一次的样子；改正后保存即可。")
            return 1
        fingerprint.forget(self.docs)  # the pages change: no longer an earlier build's
        self.cancel()
        self.unfinished.add(regions, self.dataset, dataset)
        # all.json's frame holds the regions' own files (names, codes, registers)
        self.plan_downloads.forget(regions, frame=any(
            self.dataset.regions.get(r) != dataset.regions.get(r) for r in regions))
        self.dataset, self.data_held = dataset, False
        with site_build.build_lock(self.docs):
            shown = self._show_edited(regions)
        self.shown.update(shown)
        say(f"   已更新所编辑地区的 {len(shown)} 个页面，用时 {time.perf_counter() - start:.1f} 秒；"
            "接着更新其他地方显示的内容 …")
        self.pending = self._rest(self.unfinished)
        return 0

    def step(self, seconds: float = SLICE) -> bool:
        """Go on with the rest of the last update for about `seconds`; True when it has just
        come to its end. serve calls this whenever no file has changed for a moment."""
        if self.pending is None:
            return False
        until = time.perf_counter() + seconds
        for whole_build in self.pending:
            if whole_build:
                self.pending = None
                self.full()
                return True
            if time.perf_counter() >= until:
                return False
        self.pending = None
        return True

    def finish(self) -> int:
        """The rest of the last update and the children it starts, to the end (tests)."""
        while self.pending is not None:
            self.step(60.0)
        return max(self.exports.wait(), self.search.wait())

    def cancel(self) -> None:
        """Stop the rest of the last update and its children: a newer edit makes them stale."""
        if self.pending is not None:
            self.pending.close()
            self.pending = None
        self.exports.cancel()
        self.search.cancel()

    def _rest(self, reach: Reach) -> Iterator[bool | None]:
        """The rest of an update, yielding False (or None) between slices, True when it needs a full
        build instead: every other page that can show the edited regions, from the whole
        site's model (the edited pages again for their cross-region parts, the lists, the
        neighbours), then the downloads (a child), the download pages, the search index."""
        start = time.perf_counter()
        # Seconds at 3,000 regions: a plan at a time, a save may come between any two.
        model = yield from site_model_steps(self.dataset, build_date())
        renderer = site_renderer(model, ROUTER)
        if not self.sources:
            self.sources = frozenset(p.relative_to(self.docs).as_posix()
                                     for p in self.docs.rglob("*.md"))
        sources, built, batch = set(self._hand_written()), [], []
        for number, page in enumerate(pages_besides_downloads(model), start=1):
            sources.add(ROUTER.file(page.source))
            if reach.affects(page):
                batch.append(page)
            if len(batch) == BATCH or number % SCAN == 0:
                with site_build.build_lock(self.docs):
                    built += self._build(renderer, batch)
                batch = []
                yield False
        with site_build.build_lock(self.docs):
            built += self._build(renderer, batch)
            files = self._copy_files(self._copy_plan_files(model, reach.regions))
        gone = {s for s in self.sources - sources if not s.startswith(routes.DATA_FOLDER + "/")}
        if sources - self.sources or gone:
            yield True  # a page added or removed
            return
        built = sorted({*built, *self.shown})
        self._served(built, files)
        self.shown = set()
        say(f"   预览已更新 {len(built)} 个页面，用时 {time.perf_counter() - start:.1f} 秒。")
        yield False
        yield from self._downloads(model, renderer)
        self.search.restart()
        self.unfinished = Reach()
        say(DONE)

    def _downloads(self, model, renderer) -> Iterator[bool | None]:
        """The edited plans' downloads again, then the files about the whole country (a child
        process), then the pages that list them."""
        if self.data_held:
            return
        country = yield from self.plan_downloads.update(model.dataset, model.today)
        self.exports.start(country)
        while self.exports.running():
            yield False
        written = self.exports.country()
        if written is None:
            say("下载用的数据文件没有重新生成（见上方的信息）；页面不受影响。")
            return
        downloads = self.plan_downloads.listed(written, model.dataset)
        pages = list(data_pages(model, downloads))
        before = {s for s in self.sources if s.startswith(routes.DATA_FOLDER + "/")}
        if {ROUTER.file(page.source) for page in pages} != before:
            yield True  # the download list now takes another number of pages
            return
        with site_build.build_lock(self.docs):
            built = self._build(renderer, pages)
        self._served(built, [])

    def _served(self, built: list[str], files: list[str]) -> None:
        """The link check of the rebuilt pages, and their .gz copies (and the files')."""
        html = [_html_name(source) for source in built]
        for problem in check_links(self.output, only=html):
            say(problem)
        write_compressed_copies_of([self.output / name for name in html + files])

    def _show_edited(self, regions: set[str]) -> list[str]:
        """The edited regions' own pages at once, from a model of those regions alone (and
        their ancestors, for the breadcrumbs): what staff are looking at, in a second at any
        size of site. Parts that show other regions (actions on the same theme, child regions)
        are filled in by the rest of the update."""
        assert self.dataset is not None
        whole = self.dataset
        mini = load.Dataset(root=self.root, themes=whole.themes, audiences=whole.audiences,
                            glossary=whole.glossary,
                            plans=[p for p in whole.plans if p.region_id in regions])
        for region_id in sorted(regions):
            mini.regions[region_id] = whole.regions[region_id]
            parent = whole.regions[region_id].parent
            while parent and parent not in mini.regions and parent in whole.regions:
                mini.regions[parent] = whole.regions[parent]
                parent = whole.regions[parent].parent
        model = build_site_model(mini, build_date())
        renderer = site_renderer(model, ROUTER)
        own = [page for page in pages_besides_downloads(model)
               if page_region(page.source) in regions]
        if not all((self.docs / ROUTER.file(page.source)).is_file() for page in own):
            return []  # a page added: the rest of the update rebuilds the whole site
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

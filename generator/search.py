"""Site search for the hosted build: Pagefind indexes the built pages, after the engine ran.

Pagefind's extended build segments Chinese, and it splits its index into chunks a browser
fetches on demand, so a first visit downloads no index at all and one search downloads only
the chunks for its words. A large site is indexed in parts, one Pagefind run each, so that
Pagefind's memory does not grow with the country (generator/search_parts.py); a search of the
whole country merges the site's own parts and an overview of the regions and plans, one
narrowed to a province reads that province's part. It runs as our own step over finished
HTML, not as an engine plugin, so another engine can still build the site. It indexes what the templates mark (overrides/
main.html: data-pagefind-body around the article, the breadcrumb ignored) and reads each page's
region, plan, kind and region chain ("area") from generator/templates/_layout.html. After it,
the build reads the pages back from the index and writes two sets of small files beside it,
under site/search/: the index's own words (generator/search_words.py), with which the search page
splits a query as the index did, and per-province lists of page ids (generator/search_areas.py),
with which it narrows results to a province or region. Our own search page (content/search.md,
assets/ps-search.js) queries it. The offline build keeps Material's search: Pagefind cannot fetch
its index from file://.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from generator import processes
from generator.search_areas import AREA_META, write_area_lists
from generator.search_index import (
    EXTRAS_FOLDER,
    OUTPUT_FOLDER,
    IndexedPage,
    fragment_order,
    read_fragment,
)
from generator.search_parts import MAX_PAGES, IndexPart, link_pages, plan_parts
from generator.search_words import index_words, write_word_lists

# A part's pages, linked while Pagefind indexes them (generator/search_parts.py); removed after.
WORK_FOLDER = ".search-part"
# Pagefind's optional interfaces: we ship our own accessible form, so these are never loaded.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
                "pagefind-modular-ui.css", "pagefind-component-ui.js",
                "pagefind-component-ui.css", "pagefind-highlight.js")


class SearchIndexFailed(Exception):
    """Pagefind stopped with an error; its own message has been passed on."""


def pagefind_command(pages: Path, output: Path) -> list[str]:
    """Pagefind from the Python package (it brings the extended binary), over one part's
    pages (generator/search_parts.py), writing that part's index."""
    return [sys.executable, "-m", "pagefind", "--site", str(pages),
            "--output-path", str(output), "--force-language", "zh"]


def remove_unused_files(index: Path) -> None:
    for name in UNUSED_FILES:
        (index / name).unlink(missing_ok=True)


@dataclass
class _Running:
    """A part's Pagefind run, started; its output goes to files (a full pipe would stall it
    while this process reads the previous part)."""

    part: IndexPart
    process: subprocess.Popen[str]
    out: IO[str]
    err: IO[str]


def _start_part(site: Path, part: IndexPart, work: Path) -> _Running:
    link_pages(site, part, work)
    out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed by _finish_part
    try:
        process = processes.start(pagefind_command(work, site / part.folder), stdout=out,
                                  stderr=err)
    except OSError:
        out.close()
        err.close()
        shutil.rmtree(work, ignore_errors=True)
        raise
    return _Running(part, process, out, err)


def _finish_part(site: Path, running: _Running, work: Path) -> int:
    """Wait for the run; the number of pages it indexed."""
    try:
        returncode = running.process.wait()
        stdout, stderr = _read_back(running.out), _read_back(running.err)
    finally:
        if running.process.poll() is None:  # this process is being interrupted
            running.process.kill()
            running.process.wait()
        running.out.close()
        running.err.close()
        shutil.rmtree(work, ignore_errors=True)
    if returncode != 0:
        raise SearchIndexFailed(stdout + stderr)
    remove_unused_files(site / running.part.folder)
    return _indexed_pages(stdout)


def _read_back(output: IO[str]) -> str:
    output.seek(0)
    return output.read()


@dataclass
class _Gathered:
    """What our word and area lists need from the index, read part by part while Pagefind
    indexes the next part: the words, and each page's id, part and area metadata (not its
    text: all pages' text would not fit in memory at 3,000 regions), by fragment order."""

    words: set[str] = field(default_factory=set)
    pages: list[tuple[tuple[str, str], IndexedPage]] = field(default_factory=list)

    def add(self, site: Path, part: IndexPart) -> None:
        if part.role == "overview":  # its pages are read with their province's part
            return
        for path in (site / part.folder).glob("fragment/*.pf_fragment"):
            page = read_fragment(site, path)
            self.words |= index_words([page])
            meta = {key: page.meta[key] for key in AREA_META if key in page.meta}
            self.pages.append((fragment_order(path),
                               replace(page, url="", content="", meta=meta)))

    def in_order(self) -> list[IndexedPage]:
        return [page for _, page in sorted(self.pages, key=lambda entry: entry[0])]


def index_site(site: Path, max_pages: int = MAX_PAGES) -> int:
    """Write the search index into site/pagefind/ (in parts of at most max_pages pages, one
    Pagefind run after another, so memory does not grow with the site), and our query words
    and region lists beside it; returns the number of pages indexed. While Pagefind indexes
    a part, this process reads the part before (Pagefind leaves part of the cores idle)."""
    work = site / WORK_FOLDER
    for stale in (site / OUTPUT_FOLDER, work):
        shutil.rmtree(stale, ignore_errors=True)
    gathered, pages, done = _Gathered(), 0, None
    parts = plan_parts(site, max_pages)
    for part in parts:
        running = _start_part(site, part, work)
        try:
            if done is not None:
                gathered.add(site, done)
        finally:
            indexed = _finish_part(site, running, work)
            pages += 0 if part.role == "overview" else indexed  # each page counted once
        done = part
    if done is not None:
        gathered.add(site, done)
    write_word_lists(gathered.words, site / EXTRAS_FOLDER / "words")
    write_area_lists(gathered.in_order(), site / EXTRAS_FOLDER / "areas",
                     country=[part.number for part in parts if part.country],
                     every_page=all(part.country for part in parts))
    return pages


def _indexed_pages(log: str) -> int:
    """Pagefind reports "Indexed N pages"; 0 when the line is missing (a Pagefind upgrade)."""
    for line in log.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == "Indexed" and words[2] == "pages":
            return int(words[1])
    return 0


def index_for_search(site: Path, offline: bool, published_name: str) -> bool:
    """The build step: index the hosted build (the offline one keeps Material's search).
    False (with Pagefind's own message and ours, in Chinese) when the index could not be built."""
    if offline:
        return True
    print("   建立搜索索引（Pagefind）…", file=sys.stderr, flush=True)
    try:
        pages = index_site(site)
    except (SearchIndexFailed, OSError) as error:
        print(str(error).strip(), file=sys.stderr)
        print(f"搜索索引没有建成（见上方 Pagefind 的信息），网站没有发布；"
              f"{published_name}/ 保持不变。如果提示找不到 pagefind，请在项目的虚拟环境中运行 "
              f"pip install -e . 安装依赖。", file=sys.stderr, flush=True)
        return False
    print(f"   已为 {pages} 个页面建立索引。", file=sys.stderr, flush=True)
    return True

"""Site search for the hosted build: Pagefind indexes the built pages, after the engine ran.

Pagefind's extended build segments Chinese, and it splits its index into chunks a browser
fetches on demand, so a first visit downloads no index at all and one search downloads only
the chunks for its words. A large site is indexed in parts, one Pagefind run each, so that
Pagefind's memory does not grow with the country (generator/search_parts.py); the search page
merges them. It runs as our own step over finished HTML, not as an engine plugin,
so another engine can still build the site. It indexes what the templates mark (overrides/
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
import sys
from pathlib import Path

from generator import processes
from generator.search_areas import write_area_lists
from generator.search_index import EXTRAS_FOLDER, OUTPUT_FOLDER, indexed_pages
from generator.search_parts import MAX_PAGES, IndexPart, link_pages, plan_parts
from generator.search_words import write_word_lists

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


def index_part(site: Path, part: IndexPart, work: Path) -> int:
    """One Pagefind run over one part's pages; the number of pages it indexed."""
    link_pages(site, part, work)
    try:
        result = processes.run(pagefind_command(work, site / part.folder), capture_output=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if result.returncode != 0:
        raise SearchIndexFailed(result.stdout + result.stderr)
    remove_unused_files(site / part.folder)
    return _indexed_pages(result.stdout)


def index_site(site: Path, max_pages: int = MAX_PAGES) -> int:
    """Write the search index into site/pagefind/ (in parts of at most max_pages pages, one
    Pagefind run after another, so memory does not grow with the site), and our query words
    and region lists beside it; returns the number of pages indexed."""
    work = site / WORK_FOLDER
    for stale in (site / OUTPUT_FOLDER, work):
        shutil.rmtree(stale, ignore_errors=True)
    pages = sum(index_part(site, part, work) for part in plan_parts(site, max_pages))
    # Two passes over the fragments rather than all pages' text in memory at once.
    write_word_lists(indexed_pages(site), site / EXTRAS_FOLDER / "words")
    write_area_lists(indexed_pages(site), site / EXTRAS_FOLDER / "areas")
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

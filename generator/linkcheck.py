"""Every internal link and anchor of the built site resolves, and nothing loads from elsewhere.

The build starts the check beside the search stage (checking_links_ahead): Pagefind only adds
its own files and leaves part of the cores idle, and the check's workers, at low priority,
use them. A link whose target was not there when the check started is judged again against
the finished site, so a link into the search index is never reported by mistake.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import posixpath
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from generator.site_walk import walk_site

_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
            "iframe": "src", "audio": "src", "video": "src", "form": "action"}
# Pages are UTF-8 (MkDocs writes them so), whatever a hand-made page's meta says or lacks.
_PARSER = lxml.html.HTMLParser(encoding="utf-8")
_CARRIERS = "//*[@id or @name or @href or @src or @action or @srcset]"
PARALLEL_FROM = 400  # pages; below this, starting worker processes costs more than it saves


@dataclass
class _Collector:
    """What the check needs from one page: its ids and its links as (tag, url, line)."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, int]] = field(default_factory=list)


def _parse(path: Path) -> _Collector:
    """libxml2's HTML parser (lxml, in C): about fifteen times faster than html.parser on our pages,
    with the same ids and links (entities decoded in attribute values)."""
    collector = _Collector()
    data = path.read_bytes()
    if not data.strip():
        return collector
    document = lxml.html.document_fromstring(data, parser=_PARSER)
    # Only elements that carry an id or a link, found by libxml2 (in document order): a
    # Python loop over every element of a page cost more than the parsing.
    for element in document.xpath(_CARRIERS):
        tag = element.tag
        for name in ("id", "name") if tag == "a" else ("id",):
            value = element.get(name)
            if value:
                collector.ids.add(value)
        attribute = _LINKING.get(tag)
        line = element.sourceline or 0
        if attribute and element.get(attribute) is not None:
            collector.links.append((tag, element.get(attribute) or "", line))
        srcset = element.get("srcset")
        if srcset:
            for candidate in srcset.split(","):
                if candidate.strip():
                    collector.links.append((tag, candidate.split()[0], line))
    return collector


# A link's verdict: (line, problem), or (line, url, target file, anchor) when the target was
# not among the site's files when the page was judged, or the anchor must be looked up among
# the target's ids (known once every page is parsed); the anchor may be "".
Verdict = tuple[int, str] | tuple[int, str, str, str]
# What judging one page gives: its ids and its verdicts.
Judged = tuple[set[str], list[Verdict]]


def _judge_page(site: Path, name: str, files: set[str], folders: set[str]) -> Judged:
    """One page's ids, and the verdict on each of its links but those that are fine."""
    collector = _parse(site / name)
    verdicts: list[Verdict] = []
    folder = posixpath.dirname(name)
    for tag, url, line in collector.links:
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data", "javascript") and tag == "a":
            if parts.scheme == "javascript":
                verdicts.append((line, f"不允许 javascript: 链接：{url}"))
            continue
        if parts.scheme or url.startswith("//"):
            verdicts.append((line, f"指向外部网站的{tag}（网站不得向外部发请求）：{url}"))
            continue
        target = _target(folder, unquote(parts.path), folders) if parts.path else name
        if target is None:
            verdicts.append((line, f"链接指向网站目录之外：{url}"))
        elif target not in files or (parts.fragment and target.endswith(".html")):
            verdicts.append((line, url, target, unquote(parts.fragment)))
    return collector.ids, verdicts


# What a worker process needs for every page: the site and its files (set once per worker).
_WORKER: dict[str, object] = {}


def _start_worker(site: Path, files: set[str], folders: set[str], niceness: int) -> None:
    _WORKER.update(site=site, files=files, folders=folders)
    if niceness:
        with contextlib.suppress(OSError):
            os.nice(niceness)


def _judge_in_worker(name: str) -> Judged:
    return _judge_page(_WORKER["site"], name, _WORKER["files"], _WORKER["folders"])  # type: ignore[arg-type]


@contextlib.contextmanager
def _judging(site: Path, pages: list[str], files: set[str], folders: set[str],
             niceness: int = 0) -> Iterator[Iterable[Judged]]:
    """Each page judged, in order; in worker processes on big sites, started at once and
    running while the body runs. Parsing and judging links is most of the work and each page
    is independent (a link's target resolved in the parent was half the check's time)."""
    workers = min(os.cpu_count() or 1, 8)
    if workers == 1 or len(pages) < PARALLEL_FROM:
        yield (_judge_page(site, name, files, folders) for name in pages)
        return
    # spawn, not fork: the build may have threads running (serve's web server), and forking a
    # threaded process can deadlock the child.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker,
                               initargs=(site, files, folders, niceness))
    try:
        yield pool.map(_judge_in_worker, pages, chunksize=64)
    finally:
        pool.shutdown(cancel_futures=True)  # after an error, what has not started never will


def _judge_all(site: Path, pages: list[str], files: set[str], folders: set[str]) -> list[Judged]:
    with _judging(site, pages, files, folders) as judged:
        return list(judged)


class _ParsedPages(dict):
    """Parsed pages by name; a page not parsed yet is parsed when first asked for."""

    def __init__(self, site: Path, parsed: dict[str, _Collector]) -> None:
        super().__init__(parsed)
        self.site = site

    def __missing__(self, name: str) -> _Collector:
        self[name] = _parse(self.site / name)
        return self[name]


def _site_files(site: Path) -> tuple[set[str], set[str]]:
    """Every file and folder of the site as a relative POSIX path: one walk instead of a
    stat call per link (a page has about forty links, most of them the same nav)."""
    files, folders = set(), {"."}
    for prefix, names, filenames in walk_site(site):
        folders.update(prefix + name for name in names)
        files.update(prefix + name for name in filenames)
    return files, folders


def _target(folder: str, path_part: str, folders: set[str]) -> str | None:
    """The site-relative file a link from a page in `folder` points at, or None when it leaves
    the site. Plain string joins: this runs for every link of every page (four million at
    3,000 regions), and posixpath.join and dirname cost more than the normalising."""
    if path_part.startswith("/"):
        joined = posixpath.normpath(path_part.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(f"{folder}/{path_part}" if folder else path_part)
    if joined == ".." or joined.startswith("../"):
        return None
    if path_part.endswith("/") or joined in folders:
        joined = "index.html" if joined == "." else f"{joined}/index.html"
    return joined


def _html_pages(files: set[str]) -> list[str]:
    return sorted(name for name in files if name.endswith(".html"))


@dataclass
class LinksAhead:
    """A link check started before the search stage: the pages it judges, and their results
    as the workers deliver them."""

    pages: list[str]
    judged: Iterable[Judged]


@contextlib.contextmanager
def checking_links_ahead(site: Path) -> Iterator[LinksAhead]:
    """Start judging every page of the site as it is now, in worker processes at low priority,
    while the body runs; the body may add files but must not change or remove any. Finish
    with check_links(site, ahead=…) inside the body."""
    files, folders = _site_files(site)
    pages = _html_pages(files)
    with _judging(site, pages, files, folders, niceness=10) as judged:
        yield LinksAhead(pages, judged)


def check_links(site: Path, only: list[str] | None = None,
                ahead: LinksAhead | None = None) -> list[str]:
    """Problems as Chinese sentences; an empty list means every link resolves. `only`: check
    the links of these pages alone (the preview's changed pages), parsing a target page only
    when a link names one of its anchors. `ahead`: the pages judged by checking_links_ahead,
    finished here against the site as it is now (pages added since are judged too)."""
    files, folders = _site_files(site)
    if ahead is not None:
        judged = list(ahead.judged)
        added = sorted(set(_html_pages(files)) - set(ahead.pages))
        pages = ahead.pages + added
        judged += _judge_all(site, added, files, folders)
    else:
        pages = sorted(set(only) & files) if only is not None else _html_pages(files)
        judged = _judge_all(site, pages, files, folders)
    # Ids by page, for the anchors; a target page not checked here is parsed when asked for.
    ids = _ParsedPages(site, {name: _Collector(ids=page_ids)
                              for name, (page_ids, _) in zip(pages, judged, strict=True)})
    problems: list[str] = []
    for name, (_, verdicts) in zip(pages, judged, strict=True):
        for verdict in verdicts:
            if len(verdict) == 2:
                problems.append(f"{name}:{verdict[0]}: {verdict[1]}")
                continue
            line, url, target, anchor = verdict
            if target not in files:
                problems.append(f"{name}:{line}: 链接的目标不存在：{url}")
            elif anchor and target.endswith(".html") and anchor not in ids[target].ids:
                problems.append(f"{name}:{line}: 链接的锚点不存在：{url}")
    return problems

"""Every internal link and anchor of the built site resolves, and nothing loads from elsewhere."""

from __future__ import annotations

import multiprocessing
import os
import posixpath
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

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


# A link's verdict: (line, problem) or (line, url, target page, anchor) when the anchor must
# be looked up among the target's ids (known once every page is parsed).
Verdict = tuple[int, str] | tuple[int, str, str, str]


def _judge_page(site: Path, name: str, files: set[str], folders: set[str]
                ) -> tuple[set[str], list[Verdict]]:
    """One page's ids, and the verdict on each of its links but those that are fine."""
    collector = _parse(site / name)
    verdicts: list[Verdict] = []
    for tag, url, line in collector.links:
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data", "javascript") and tag == "a":
            if parts.scheme == "javascript":
                verdicts.append((line, f"不允许 javascript: 链接：{url}"))
            continue
        if parts.scheme or url.startswith("//"):
            verdicts.append((line, f"指向外部网站的{tag}（网站不得向外部发请求）：{url}"))
            continue
        target = _target(name, unquote(parts.path), folders) if parts.path else name
        if target is None:
            verdicts.append((line, f"链接指向网站目录之外：{url}"))
        elif target not in files:
            verdicts.append((line, f"链接的目标不存在：{url}"))
        elif parts.fragment and target.endswith(".html"):
            verdicts.append((line, url, target, unquote(parts.fragment)))
    return collector.ids, verdicts


# What a worker process needs for every page: the site and its files (set once per worker).
_WORKER: dict[str, object] = {}


def _start_worker(site: Path, files: set[str], folders: set[str]) -> None:
    _WORKER.update(site=site, files=files, folders=folders)


def _judge_in_worker(name: str) -> tuple[set[str], list[Verdict]]:
    return _judge_page(_WORKER["site"], name, _WORKER["files"], _WORKER["folders"])  # type: ignore[arg-type]


def _judge_all(site: Path, pages: list[str], files: set[str], folders: set[str]
               ) -> list[tuple[set[str], list[Verdict]]]:
    """Parsing and judging links is most of the work and each page is independent: use every
    core on big sites (a link's target resolved in the parent was half the check's time)."""
    workers = min(os.cpu_count() or 1, 8)
    if workers == 1 or len(pages) < PARALLEL_FROM:
        return [_judge_page(site, name, files, folders) for name in pages]
    # spawn, not fork: the build may have threads running (serve's web server), and forking a
    # threaded process can deadlock the child.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker,
                             initargs=(site, files, folders)) as pool:
        return list(pool.map(_judge_in_worker, pages, chunksize=64))


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
    for parent, names, filenames in os.walk(site):
        base = Path(parent).relative_to(site).as_posix()
        prefix = "" if base == "." else base + "/"
        folders.update(prefix + name for name in names)
        files.update(prefix + name for name in filenames)
    return files, folders


def _target(page: str, path_part: str, folders: set[str]) -> str | None:
    """The site-relative file a link points at, or None when it leaves the site."""
    if path_part.startswith("/"):
        joined = posixpath.normpath(path_part.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path_part))
    if joined == ".." or joined.startswith("../"):
        return None
    if path_part.endswith("/") or joined in folders:
        joined = posixpath.normpath(posixpath.join(joined, "index.html"))
    return joined


def check_links(site: Path, only: list[str] | None = None) -> list[str]:
    """Problems as Chinese sentences; an empty list means every link resolves. `only`: check
    the links of these pages alone (the preview's changed pages), parsing a target page only
    when a link names one of its anchors."""
    files, folders = _site_files(site)
    pages = sorted(name for name in files if name.endswith(".html"))
    if only is not None:
        pages = sorted(set(only) & files)
    judged = _judge_all(site, pages, files, folders)
    # Ids by page, for the anchors; a target page not checked here is parsed when asked for.
    ids = _ParsedPages(site, {name: _Collector(ids=page_ids)
                              for name, (page_ids, _) in zip(pages, judged, strict=True)})
    problems: list[str] = []
    for name, (_, verdicts) in zip(pages, judged, strict=True):
        for verdict in verdicts:
            if len(verdict) == 2:
                problems.append(f"{name}:{verdict[0]}: {verdict[1]}")
            elif verdict[3] not in ids[verdict[2]].ids:
                problems.append(f"{name}:{verdict[0]}: 链接的锚点不存在：{verdict[1]}")
    return problems

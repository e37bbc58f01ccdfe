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


def _parse_all(site: Path, pages: list[str]) -> list[_Collector]:
    """Parsing is most of the work and each page is independent: use every core on big sites."""
    paths = [site / page for page in pages]
    workers = min(os.cpu_count() or 1, 8)
    if workers == 1 or len(paths) < PARALLEL_FROM:
        return [_parse(path) for path in paths]
    # spawn, not fork: the build may have threads running (serve's web server), and forking a
    # threaded process can deadlock the child.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_parse, paths, chunksize=64))


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
    parsed = _ParsedPages(site, dict(zip(pages, _parse_all(site, pages), strict=True)))
    problems: list[str] = []
    for name, collector in list(parsed.items()):
        for tag, url, line in collector.links:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data", "javascript") and tag == "a":
                if parts.scheme == "javascript":
                    problems.append(f"{name}:{line}: 不允许 javascript: 链接：{url}")
                continue
            if parts.scheme or url.startswith("//"):
                problems.append(f"{name}:{line}: 指向外部网站的{tag}（网站不得向外部发请求）：{url}")
                continue
            target = _target(name, unquote(parts.path), folders) if parts.path else name
            if target is None:
                problems.append(f"{name}:{line}: 链接指向网站目录之外：{url}")
                continue
            if target not in files:
                problems.append(f"{name}:{line}: 链接的目标不存在：{url}")
                continue
            anchor = unquote(parts.fragment)
            if anchor and target.endswith(".html") and anchor not in parsed[target].ids:
                problems.append(f"{name}:{line}: 链接的锚点不存在：{url}")
    return problems

"""Every internal link and anchor of the built site resolves, and nothing loads from elsewhere."""

from __future__ import annotations

import multiprocessing
import os
import posixpath
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
            "iframe": "src", "audio": "src", "video": "src", "form": "action"}
PARALLEL_FROM = 400  # pages; below this, starting worker processes costs more than it saves


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, int]] = []  # (tag, url, line)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        attribute = _LINKING.get(tag)
        if attribute and values.get(attribute) is not None:
            self.links.append((tag, values[attribute] or "", self.getpos()[0]))
        if values.get("srcset"):
            for candidate in (values["srcset"] or "").split(","):
                if candidate.strip():
                    self.links.append((tag, candidate.split()[0], self.getpos()[0]))


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
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

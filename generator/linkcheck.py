"""Every internal link and anchor of the built site resolves, and nothing loads from elsewhere."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
            "iframe": "src", "audio": "src", "video": "src", "form": "action"}


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


def _target_file(site: Path, page: Path, path_part: str) -> Path:
    if path_part.startswith("/"):
        candidate = site / path_part.lstrip("/")
    else:
        base = page.parent.relative_to(site).as_posix()
        joined = posixpath.normpath(posixpath.join(base, path_part))
        candidate = site / joined
    if path_part.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate


def check_links(site: Path) -> list[str]:
    """Problems as Chinese sentences; an empty list means every link resolves."""
    pages = sorted(site.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    problems: list[str] = []
    for page, collector in parsed.items():
        name = page.relative_to(site).as_posix()
        for tag, url, line in collector.links:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data", "javascript") and tag == "a":
                if parts.scheme == "javascript":
                    problems.append(f"{name}:{line}: 不允许 javascript: 链接：{url}")
                continue
            if parts.scheme or url.startswith("//"):
                problems.append(f"{name}:{line}: 指向外部网站的{tag}（网站不得向外部发请求）：{url}")
                continue
            if not parts.path:
                target = page
            else:
                target = _target_file(site, page, unquote(parts.path))
                try:
                    target.resolve().relative_to(site.resolve())
                except ValueError:
                    problems.append(f"{name}:{line}: 链接指向网站目录之外：{url}")
                    continue
                if not target.is_file():
                    problems.append(f"{name}:{line}: 链接的目标不存在：{url}")
                    continue
            anchor = unquote(parts.fragment)
            if anchor and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if anchor not in ids:
                    problems.append(f"{name}:{line}: 链接的锚点不存在：{url}")
    return problems

"""Jinja rendering of page kinds into the Markdown files MkDocs (or another engine) reads.

Each generated file is YAML front matter followed by one block of HTML. Jinja autoescapes every
value, so text from YAML is always shown as text. Links are computed here for both URL styles
(`x/` on a web server, `x.html` for the offline build that opens from file://), so they work
inside raw HTML, where MkDocs does not rewrite links.

Links in raw HTML mean different things to the two engines: MkDocs 1.6 copies them unchanged (so
they are relative to the page's URL), Zensical 0.0.73 resolves them against the Markdown file
(relative to the source). Every page is therefore written where the two folders coincide
(`Router.file`): `x.md` as `x/index.md` when URLs are directories; with `x.html` URLs they
already coincide. One relative link then means the same page to both engines.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import BytecodeCache, Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from generator.labels import chinese_date, file_size, format_number
from generator.model import Commitment, GlossaryEntry
from generator.pages import GLOSSARY


@dataclass(frozen=True)
class Router:
    """Where each source file lands, and the relative link from one page to another."""

    directory_urls: bool = True

    def file(self, source: str) -> str:
        """The Markdown file a generated page is written to, relative to the docs folder: one
        whose folder is the folder of its URL (see the module's docstring). The URL is the same
        as the source's: `x.md` and `x/index.md` both become `x/` with directory URLs."""
        if not self.directory_urls or _is_index(source):
            return source
        return source.removesuffix(".md") + "/index.md"

    def output_url(self, source: str) -> str:
        stem = source.removesuffix(".md")
        if self.directory_urls:
            if _is_index(source):
                return stem.removesuffix("index")
            return stem + "/"
        return stem + ".html"

    def base_dir(self, source: str) -> str:
        """The folder the page's HTML file sits in, relative to the site root ("." for root)."""
        url = self.output_url(source)
        if url.endswith("/") or url == "":
            return url.rstrip("/") or "."
        return posixpath.dirname(url) or "."

    def href(self, from_source: str, to_source: str, anchor: str | None = None) -> str:
        target = self.output_url(to_source)
        base = self.base_dir(from_source)
        if target.endswith("/") or target == "":
            relative = relative_path(target.rstrip("/") or ".", base)
            relative = "./" if relative == "." else relative + "/"
        else:
            relative = relative_path(target, base)
        return relative + (f"#{anchor}" if anchor else "")

    def asset(self, from_source: str, path: str) -> str:
        """A link to a static file (download), which keeps its name in both URL styles."""
        return relative_path(path, self.base_dir(from_source))


def relative_path(target: str, base: str) -> str:
    """posixpath.relpath for the site's own paths (relative, normalised, "." for the root),
    without its calls to abspath and the working directory: the generator makes tens of links
    per page, and relpath was a tenth of page generation's time."""
    target_parts = [] if target == "." else target.split("/")
    base_parts = [] if base == "." else base.split("/")
    common = 0
    for mine, theirs in zip(target_parts, base_parts, strict=False):  # the shorter decides
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base_parts) - common) + target_parts[common:]) or "."


def _is_index(source: str) -> bool:
    return source == "index.md" or source.endswith("/index.md")


@dataclass
class PageState:
    """What one page has used so far: glossary terms are linked at their first use only."""

    source: str
    router: Router
    glossary_used: set[str] = field(default_factory=set)


def front_matter_text(text: str) -> str:
    """Titles and descriptions pass through Material's templates unescaped (its Jinja
    environment has no autoescape): escape them once here."""
    return str(escape(text))


class _CompiledTemplates(BytecodeCache):
    """Templates compiled once per process, shared by every Renderer: the preview makes a
    renderer per edit, and compiling the templates again took most of a second. Jinja keys each
    entry by the template's name and a checksum of its source, so an edited template is
    compiled anew; every Renderer has the same options, so the compiled code is the same."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


class Renderer:
    def __init__(self, router: Router, glossary: list[GlossaryEntry]) -> None:
        self.router = router
        self.glossary = sorted(glossary, key=lambda e: (-len(e.term), e.term))
        self._glossary_pattern = (
            re.compile("|".join(re.escape(e.term) for e in self.glossary))
            if self.glossary else None
        )
        self.env = Environment(
            loader=PackageLoader("generator", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=COMPILED_TEMPLATES,
            # A renderer lives for one build (or one preview update): no need to ask, at every
            # include, whether a template file changed (a twentieth of generation's time).
            auto_reload=False,
        )
        self.env.filters["cn_date"] = chinese_date
        self.env.filters["number"] = format_number
        self.env.filters["file_size"] = file_size
        self.env.filters["visible"] = visible_whitespace
        self.env.filters["requirement"] = requirement

    def glossary_anchor(self, term: str) -> str:
        # Hex of the UTF-8 bytes: ASCII, unique and stable when entries are added.
        return "term-" + term.encode("utf-8").hex()

    def linker(self, state: PageState) -> Callable[[str], Markup]:
        """A filter that escapes text and links each glossary term's first use on the page."""

        def link_terms(text: str) -> Markup:
            if self._glossary_pattern is None:
                return escape(text)
            pieces: list[str] = []
            position = 0
            for match in self._glossary_pattern.finditer(text):
                term = match.group(0)
                if term in state.glossary_used:
                    continue
                state.glossary_used.add(term)
                href = self.router.href(state.source, GLOSSARY, self.glossary_anchor(term))
                pieces.append(str(escape(text[position:match.start()])))
                pieces.append(f'<a class="ps-term" href="{escape(href)}">{escape(term)}</a>')
                position = match.end()
            pieces.append(str(escape(text[position:])))
            return Markup("".join(pieces))

        return link_terms

    def render(self, template: str, source: str, title: str, html_title: str,
               context: dict, description: str = "") -> str:
        state = PageState(source=source, router=self.router)

        def url(to_source: str, anchor: str | None = None) -> str:
            return self.router.href(source, to_source, anchor)

        body = self.env.get_template(template).render(
            **context, url=url, asset=lambda path: self.router.asset(source, path),
            gloss=self.linker(state), source=source, page_title=title,
            page_kind=template.removesuffix(".html"),
        )
        meta = {
            "title": front_matter_text(title),
            "html_title": html_title,
            # Material prints the description into an attribute without escaping it.
            "description": front_matter_text(description or html_title),
            "hide": ["toc"],
        }
        header = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}"
                           for key, value in meta.items())
        return f"---\n{header}\n---\n\n{_compact(body)}\n"


def _compact(html: str) -> str:
    """No blank lines inside the HTML block: Markdown would end the raw block there."""
    return "\n".join(line for line in html.splitlines() if line.strip())


# Comparators printed after the number they qualify: “800人以上”, not “以上800人”.
TRAILING_COMPARATORS = frozenset({"以上"})


def requirement(commitment: Commitment) -> str:
    """A commitment's frequency, comparator, value and unit in the order the documents print
    them: 每年不少于100人次, 800人以上."""
    amount = format_number(commitment.value) + (commitment.unit or "")
    comparator = commitment.comparator or ""
    if comparator in TRAILING_COMPARATORS:
        return (commitment.frequency or "") + amount + comparator
    return (commitment.frequency or "") + comparator + amount


def visible_whitespace(text: str) -> str:
    """Line breaks and edge spaces of a correction, named so a reader sees they are there."""
    core = text.strip(" ")
    lead, trail = len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" "))
    return ("〔空格〕" * lead + core.replace("\r\n", "〔换行〕").replace("\n", "〔换行〕")
            + "〔空格〕" * trail)


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")

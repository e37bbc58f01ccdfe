"""Nothing is interpreted: text staff write is shown as text, on every page and in every file.

One temporary project puts hostile strings (HTML, JavaScript URLs, Markdown, Jinja, comments,
entities, SQL and spreadsheet formulas) into every text field a staff member can write. The
site is built and every output is inspected: each built HTML page, the search index, the
sitemap, the JSON and CSV exports and the Atom feed. Markup must never become elements or
attributes, Jinja must never run, and the text must still reach the reader, escaped.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from synthetic import copy_site_files, write_plan, write_yaml

from generator import pages as page_kinds
from generator.build import BuildOptions, build
from generator.validate import validate_project
from generator.yamlload import tidy_text

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "[点我](javascript:alert(1))",
    "![x](https://evil.example/x.png)",
    "{{ config }}",
    "{% raw %}",
    "| a | b |",
    "<!-- c -->",
    "<div>raw</div>",
    "*强调* _x_ # 标题",
    "&amp; &lt;",
    "</title><script>x</script>",
    "'; --",
    '=HYPERLINK("https://evil.example","x")',  # a spreadsheet formula, for the CSV exports
    "line\n\n    indented code\n\n---\n\n## heading\n",  # blank lines end raw HTML in Markdown
]


class Fields:
    """Hands out hostile values, one per field, and remembers which field got which."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}  # field name → the text as staff wrote it

    def __call__(self, name: str, extra: str = "") -> str:
        """Every hostile string, starting at a different one for each field (so some fields
        start with markup, some with a formula), then a marker naming the field."""
        start = len(self.values) % len(HOSTILE)
        rotated = HOSTILE[start:] + HOSTILE[:start]
        text = " ".join(rotated) + f" {extra}F{len(self.values):02d}"
        assert name not in self.values, name
        self.values[name] = text
        return text

    def shown(self, name: str) -> str:
        """The text as the build has it: the loader drops whitespace next to Chinese text."""
        return tidy_text(self.values[name])

    def read(self, name: str) -> str:
        """The text as a reader sees it in HTML, where runs of whitespace are one space."""
        return squash(self.shown(name))


def squash(text: str) -> str:
    return " ".join(text.split())


def _names(fields: Fields, prefix: str, count: int) -> list[str]:
    return [fields(f"{prefix}[{i}]") for i in range(count)]


def write_hostile_project(root: Path) -> Fields:
    f = Fields()
    copy_site_files(root)
    regions = root / "regions"
    write_yaml(regions / "themes.yaml", {"terms": [
        {"id": f"theme-{i}", "name": f(f"theme[{i}].name"),
         "description": f(f"theme[{i}].description")} for i in range(2)]})
    write_yaml(regions / "audiences.yaml", {"terms": [
        {"id": f"audience-{i}", "name": f(f"audience[{i}].name"),
         "description": f(f"audience[{i}].description")} for i in range(2)]})
    write_yaml(regions / "glossary.yaml", {"entries": [
        # A hostile term that occurs in every field: its first use on a page becomes a link.
        {"term": HOSTILE[0], "full_name": f("glossary[0].full_name"),
         "explanation": f("glossary[0].explanation")},
        {"term": f("glossary[1].term"), "explanation": f("glossary[1].explanation")},
    ]})
    write_yaml(regions / "hprov" / "region.yaml", {
        "id": "hprov", "name": f("province.name"), "level": "province", "code": "110000"})
    organisations = [
        {"id": f"org-{i}", "name": f(f"organisation[{i}].name"),
         "full_name": f(f"organisation[{i}].full_name"), "kind": "government_department",
         "aliases": [f(f"organisation[{i}].aliases[0]")]}
        for i in range(3)
    ]
    write_yaml(regions / "hcity" / "region.yaml", {
        "id": "hcity", "name": f("prefecture.name"), "level": "prefecture", "parent": "hprov",
        "code": "110100", "organisations": organisations})
    names = [o["name"] for o in organisations]
    alias = organisations[2]["aliases"][0]

    def responsibility(key: str, printed_names: list[str], *, instruction: bool = False,
                       mode: str | None = None) -> dict:
        standing = f(f"{key}.standing_instruction") if instruction else None
        printed = f(f"{key}.printed", "（" + "、".join(printed_names)
                    + (f"，{standing}" if standing else "") + "）")
        data: dict = {"printed": printed, "organisations": printed_names}
        if standing:
            data["standing_instruction"] = standing
        if mode:
            data["mode"] = mode
        return data

    approval = f("approval")
    citation_quote = f("citations[0].quote")
    plan_quote = f("commitments[0].quote", "2027年底前")
    action_quote = f("body[0].children[0].commitments[0].quote", "2027年底前")
    plan = {
        "id": "2026-2027",
        "title": f("title"),
        "period": {"start": 2026, "end": 2027},
        "document": {
            "issuer_mark": f("document.issuer_mark"),
            "number": f("document.number"),
            "notice_title": f("document.notice_title"),
            "addressees": f("document.addressees"),
            "notice": [f("document.notice[0]") + approval],
            "signatory": f("document.signatory"),
            "date_written": "2026-04-02",
            "note": f("document.note"),
            "cc": _names(f, "document.cc", 2),
            "disclosure": f("document.disclosure"),
            "printer": f("document.printer"),
            "date_issued": "2026-04-02",
        },
        "approval": approval,
        "citations": [{"title": f("citations[0].title"), "number": f("citations[0].number"),
                       "quote": citation_quote}],
        "preamble": [f("preamble[0]") + citation_quote + plan_quote],
        "body": [{
            "kind": "part", "label": f("body[0].label"), "title": f("body[0].title"),
            "paragraphs": [{"text": f("body[0].paragraphs[0].text")}],
            "children": [
                {
                    "kind": "action", "id": "first", "label": f("body[0].children[0].label"),
                    "title": f("body[0].children[0].title"),
                    "paragraphs": [{"text": f("body[0].children[0].paragraphs[0].text")
                                    + action_quote}],
                    "children": [{
                        "kind": "measure", "label": f("measure.label"),
                        "title": f("measure.title"),
                        "paragraphs": [{
                            "text": f("measure.paragraphs[0].text"),
                            "responsibility": responsibility("measure.paragraphs[0]",
                                                             [alias]),
                        }],
                    }],
                    "responsibility": responsibility("body[0].children[0]", names[:2],
                                                     instruction=True),
                    "summary": f("body[0].children[0].summary"),
                    "summary_reviewed_by": f("body[0].children[0].summary_reviewed_by"),
                    "summary_reviewed_on": "2026-04-02",
                    "themes": ["theme-0", "theme-1"],
                    "audiences": ["audience-0", "audience-1"],
                    "commitments": [{
                        "quote": action_quote, "what": f("commitment.what"),
                        "comparator": "至少", "value": 1, "unit": f("commitment.unit"),
                        "deadline": "2027-12-31", "deadline_printed": "2027年底前",
                        "binds": f("commitment.binds"),
                    }],
                },
                {
                    "kind": "action", "id": "second", "label": f("body[0].children[1].label"),
                    "title": f("body[0].children[1].title"),
                    "paragraphs": [{"text": f("body[0].children[1].paragraphs[0].text")}],
                    "responsibility": responsibility("body[0].children[1]", names[::-1][:2],
                                                     mode="lead_first"),
                    "summary": f("body[0].children[1].summary"),
                    "summary_reviewed_by": f("body[0].children[1].summary_reviewed_by"),
                    "summary_reviewed_on": "2026-04-02",
                    "themes": ["theme-0"], "audiences": ["audience-0"],
                },
                {
                    "kind": "item", "label": f("item.label"), "title": f("item.title"),
                    "paragraphs": [{"text": f("item.paragraphs[0].text")}],
                    "responsibility": responsibility("item", names[2:]),
                },
            ],
        }],
        "closing": [f("closing[0]")],
        "commitments": [{
            "quote": plan_quote, "what": f("commitments[0].what"),
            "unit": f("commitments[0].unit"), "deadline": "2027-12-31",
            "deadline_printed": "2027年底前", "binds": f("commitments[0].binds"),
            "overall": True,
        }],
    }
    write_plan(root, "hcity", plan)
    return f


# ---------------------------------------------------------------- looking at what was built


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # the data directly after the start tag, for spotting injected elements


@dataclass
class ParsedPage:
    elements: list[Element] = field(default_factory=list)
    scripts: list[tuple[dict[str, str], str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)  # visible text, entities decoded

    @property
    def visible(self) -> str:
        """The text a reader reads, whitespace runs squashed as a browser does."""
        return squash("".join(self.text))


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._script: dict[str, str] | None = None
        self._script_text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.elements.append(Element(tag, values))
        if tag == "script":
            self._script, self._script_text = values, []
        if tag in ("script", "style"):
            self._skip += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.page.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)
        if self.page.elements and not self.page.elements[-1].text:
            self.page.elements[-1].text = data
        if not self._skip:
            self.page.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.page.comments.append(data)


def parse(html: str) -> ParsedPage:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page


# Inline scripts Material writes on every page (their start, which is fixed by the theme).
MATERIAL_INLINE = ("__md_scope=new URL(", 'var palette=__md_get("__palette")',
                   "var target=document.getElementById(location.hash.slice(1))")
_SCRIPT_IN_TEMPLATE = re.compile(r"<script>(.*?)</script>", re.S)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                  "srcset", "background", "cite", "longdesc", "manifest", "ping"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "frame", "frameset", "applet", "base"}
# Traces of the hostile strings being interpreted rather than shown.
MARKERS = ("alert(", "evil.example", "javascript:", "onerror", "{{", "{%", "<!-- c", "raw</")


def our_inline_scripts(root: Path) -> set[str]:
    """The inline scripts written by our own theme overrides, whitespace-normalised."""
    found = set()
    for template in (root / "overrides").rglob("*.html"):
        for body in _SCRIPT_IN_TEMPLATE.findall(template.read_text(encoding="utf-8")):
            if "{{" not in body and "{%" not in body:
                found.add(" ".join(body.split()))
    return found


def _inside_site(site_path: str, src: str, files: frozenset[str], under: str = "") -> bool:
    """Whether a page's src names a file of the built site (under `under`), not elsewhere."""
    if not src or urlsplit(src).scheme or src.startswith("//"):
        return False
    resolved = posixpath.normpath(src.lstrip("/") if src.startswith("/") else
                                  posixpath.join(posixpath.dirname(site_path), src))
    return resolved.startswith(under) and urlsplit(resolved).path in files


def injection_problems(page: ParsedPage, where: str, allowed_inline: set[str],
                       site_path: str | None = None, files: frozenset[str] = frozenset()
                       ) -> list[str]:
    """Elements, attributes and URLs that only a hostile string could have produced.

    site_path: the page's path in the site and files: the site's files (for resolving script
    and image sources); site_path None for HTML fragments (search index), where no script or
    image is allowed at all."""
    problems: list[str] = []
    for element in page.elements:
        tag, attrs = element.tag, element.attrs
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"{where}: event handler attribute {name}={value!r} on <{tag}>")
            plain = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in URL_ATTRIBUTES and plain.startswith(("javascript:", "vbscript:", "data:")):
                problems.append(f"{where}: script URL in <{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and "evil.example" in value:
                problems.append(f"{where}: off-site URL in <{tag} {name}={value!r}>")
        if tag in FORBIDDEN_TAGS:
            problems.append(f"{where}: unexpected <{tag} {attrs}>")
        if tag == "img" and (site_path is None or
                             not _inside_site(site_path, attrs.get("src", ""), files)):
            problems.append(f"{where}: image from outside the site: <img {attrs}>")
        if tag == "div" and not attrs and element.text == "raw":
            problems.append(f"{where}: injected <div>raw</div>")
        if tag in ("em", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th") and \
                element.text.strip() in ("强调", "标题", "x", "a", "b"):
            problems.append(f"{where}: Markdown was interpreted: <{tag}>{element.text}")
    for attrs, body in page.scripts:
        if site_path is None:
            problems.append(f"{where}: <script {attrs}> in a fragment")
        elif "src" in attrs:
            if not _inside_site(site_path, attrs["src"], files, under="assets/"):
                problems.append(f"{where}: script from outside assets/: {attrs['src']}")
        elif attrs.get("type") == "application/json" and attrs.get("id") == "__config":
            json.loads(body)
            if any(marker in body for marker in MARKERS):
                problems.append(f"{where}: hostile text in Material's configuration script")
        elif not (body.startswith(MATERIAL_INLINE) or " ".join(body.split()) in allowed_inline):
            problems.append(f"{where}: unknown inline script {body[:80]!r}")
    for comment in page.comments:
        if any(marker in comment for marker in MARKERS) or comment.strip() == "c":
            problems.append(f"{where}: injected comment {comment!r}")
    return problems


@dataclass(frozen=True)
class Built:
    root: Path
    site: Path
    fields: Fields
    pages: dict[str, str]  # path in the site → HTML source

    def page(self, path: str) -> str:
        return self.pages[path]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("hostile")
    fields = write_hostile_project(root)
    _, problems = validate_project(root)
    # Hostile summaries are one long run of markup that names nobody to ask: the summary
    # standard warns about that, and a warning does not stop a build.
    errors = [p for p in problems if p.severity == "error" or ".summary" not in p.field]
    assert not errors, "\n".join(problem.human() for problem in problems)
    site = root / "site"
    with pytest.MonkeyPatch.context() as patch:
        # Every list split by province and into one page per entry, so that the province
        # pages and their pagers (built from region names) are built from hostile text too.
        patch.setattr(page_kinds, "LIST_BUDGET", 1)
        assert build(BuildOptions(root=root, output=site, check_accessibility=False)) == 0
    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
             for path in sorted(site.rglob("*.html"))}
    return Built(root, site, fields, pages)


# ---------------------------------------------------------------- HTML pages


def test_no_page_gains_an_element_attribute_or_script(built: Built) -> None:
    allowed = our_inline_scripts(built.root)
    files = frozenset(p.relative_to(built.site).as_posix() for p in built.site.rglob("*")
                      if p.is_file())
    problems = []
    for path, html in built.pages.items():
        page = parse(html)
        problems += injection_problems(page, path, allowed, site_path=path, files=files)
        titles = [e for e in page.elements if e.tag == "title"]
        if len(titles) != 1:
            problems.append(f"{path}: {len(titles)} <title> elements")
    assert not problems, "\n".join(problems[:40])


def test_every_hostile_field_is_shown_as_text(built: Built) -> None:
    visible = {path: parse(html).visible for path, html in built.pages.items()}
    everything = "\n".join(visible.values())
    missing = [name for name in built.fields.values
               if built.fields.read(name) not in everything]
    assert not missing, f"fields not shown as text on any page: {missing}"
    # Escaped twice, the reader would see entities instead of the text.
    assert "&lt;script&gt;" not in everything and "&#34;" not in everything


@pytest.mark.parametrize(("page", "field_name"), [
    ("regions/hcity/2026-2027/index.html", "title"),
    ("regions/hcity/2026-2027/full-text/index.html", "preamble[0]"),
    ("regions/hcity/2026-2027/actions/first/index.html", "body[0].children[0].title"),
    ("regions/hcity/2026-2027/actions/first/index.html", "body[0].children[0].summary"),
    ("regions/hcity/index.html", "prefecture.name"),
    ("regions/hprov/index.html", "province.name"),
    ("regions/hcity/organisations/index.html", "organisation[0].name"),
    ("themes/theme-0/index.html", "theme[0].description"),
    ("audiences/audience-1/index.html", "audience[1].name"),
    ("glossary/index.html", "glossary[1].term"),
    ("glossary/index.html", "glossary[0].explanation"),
    ("themes/theme-0/hprov/index.html", "province.name"),
    ("themes/theme-0/hprov/2/index.html", "prefecture.name"),
    ("audiences/audience-0/hprov/2/index.html", "body[0].children[1].summary"),
    ("commitments/2027/hprov/index.html", "commitment.what"),
    ("commitments/2027/hprov/2/index.html", "commitments[0].what"),
    ("data/hprov/index.html", "title"),
])
def test_hostile_text_is_on_its_page(built: Built, page: str, field_name: str) -> None:
    assert built.fields.read(field_name) in parse(built.page(page)).visible


def test_source_holds_the_escaped_form(built: Built) -> None:
    html = built.page("regions/hcity/2026-2027/index.html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;" in html
    assert "&lt;div&gt;raw&lt;/div&gt;" in html
    assert "&lt;!-- c --&gt;" in html
    assert "&amp;amp; &amp;lt;" in html  # entities written by staff are text, not entities


def test_title_element_holds_the_escaped_title(built: Built) -> None:
    for path, field_name in (("regions/hcity/2026-2027/index.html", "title"),
                             ("regions/hcity/index.html", "prefecture.name"),
                             ("themes/theme-1/index.html", "theme[1].name"),
                             ("themes/theme-1/hprov/index.html", "province.name")):
        html = built.page(path)
        raw = re.findall(r"<title>(.*?)</title>", html, re.S)
        assert len(raw) == 1, path
        assert "<" not in raw[0], raw[0]
        assert "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;" in raw[0]
        title = next(e for e in parse(html).elements if e.tag == "title")
        assert built.fields.read(field_name) in squash(title.text)


def test_meta_description_is_the_text(built: Built) -> None:
    for path, field_name in (
            ("regions/hcity/2026-2027/actions/first/index.html", "body[0].children[0].summary"),
            ("themes/theme-0/index.html", "theme[0].description")):
        metas = [e for e in parse(built.page(path)).elements
                 if e.tag == "meta" and e.attrs.get("name") == "description"]
        assert [squash(m.attrs["content"]) for m in metas] == [built.fields.read(field_name)]


def test_jinja_syntax_is_not_evaluated(built: Built) -> None:
    visible = parse(built.page("regions/hcity/2026-2027/index.html")).visible
    assert "{{ config }}" in visible and "{% raw %}" in visible
    for path, html in built.pages.items():
        # A rendered {{ config }} would print MkDocs' configuration.
        assert "site_dir" not in html and "MkDocsConfig" not in html, path


# ---------------------------------------------------------------- search index and sitemap


def test_search_index_holds_the_text_as_written(built: Built) -> None:
    """Pagefind keeps each page's text and metadata as plain text (its excerpts, made in the
    browser, are escaped HTML): the search page (assets/ps-search.js) shows metadata with
    textContent and keeps only the text and <mark> of an excerpt parsed in an inert template,
    so hostile text is shown, never run (tests/test_search.py drives that page)."""
    shown = ""
    for path in sorted((built.site / "pagefind" / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd")
        record = json.loads(raw)
        # Pagefind marks the word boundaries it found with zero-width spaces.
        for value in [record["content"], *record["meta"].values()]:
            shown += squash(value.replace("\u200b", "")) + "\n"
    for name in ("title", "body[0].children[0].summary", "glossary[0].explanation"):
        assert built.fields.read(name) in shown, name
    assert "&amp;amp;" not in shown and "&lt;script" not in shown  # not escaped for HTML
    script = (Path(__file__).resolve().parents[1] / "generator" / "assets" / "ps-search.js")
    code = script.read_text(encoding="utf-8")
    # The only HTML parsed is the excerpt, in an inert <template>.
    assert code.count("innerHTML") == 1 and "template.innerHTML = html" in code
    assert "insertAdjacentHTML" not in code and "outerHTML" not in code


def test_sitemap_is_well_formed_and_free_of_text(built: Built) -> None:
    for data in ((built.site / "sitemap.xml").read_bytes(),
                 gzip.decompress((built.site / "sitemap.xml.gz").read_bytes())):
        ET.fromstring(data)
        text = data.decode("utf-8")
        assert not any(marker in text for marker in (*MARKERS, "<script")), text[:500]


# ---------------------------------------------------------------- exports and feed


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    return []


def test_json_exports_carry_the_text_exactly(built: Built) -> None:
    everything = json.loads((built.site / "data" / "all.json").read_text(encoding="utf-8"))
    strings = _strings(everything)
    missing = [name for name in built.fields.values
               if not any(built.fields.shown(name) in text for text in strings)]
    assert not missing, f"not in data/all.json as written: {missing}"
    plan = json.loads((built.site / "data" / "hcity" / "2026-2027.json").read_text("utf-8"))
    assert plan["title"] == built.fields.shown("title")


def test_csv_exports_neutralise_formulas_and_keep_text(built: Built) -> None:
    files = sorted((built.site / "data").rglob("*.csv"))
    assert len(files) == 4  # actions, commitments, responsibilities, progress reports
    cells = []
    for path in files:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        # The hostile plan has no progress reports: that file is its header row alone.
        assert len(rows) > 1 or path.name.endswith("-progress.csv"), path
        cells += [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell[:80]
    # A neutralised cell is the text behind one apostrophe.
    texts = {cell[1:] if cell.startswith("'") else cell for cell in cells}
    formula_first = [name for name in built.fields.values
                     if built.fields.shown(name).startswith("=")]
    assert formula_first, "the test must have fields that start with a formula"
    for name in ("title", "body[0].children[0].summary", "commitment.what", "organisation[0].name"):
        assert any(built.fields.shown(name) in text for text in texts), name
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)


def test_atom_feed_is_well_formed_text(built: Built) -> None:
    data = (built.site / "feed.xml").read_bytes()
    feed = ET.fromstring(data)
    atom = "{http://www.w3.org/2005/Atom}"
    entries = feed.findall(f"{atom}entry")
    assert len(entries) == 1
    assert entries[0].findtext(f"{atom}title") == built.fields.shown("title")
    assert entries[0].find(f"{atom}category").get("label") == built.fields.shown("prefecture.name")
    for element in feed.iter():
        assert element.tag.startswith(atom), element.tag  # no element came from the text
        assert element.get("type") in (None, "text", "text/html", "application/atom+xml")
        if element.tag == f"{atom}link":
            assert not element.get("href", "").lower().startswith("javascript:")


# ---------------------------------------------------------------- YAML itself


def test_yaml_tags_and_anchors_are_refused_and_never_run(tmp_path: Path) -> None:
    """The loader refuses Python tags and anchors (tests/test_loader_errors.py covers the
    messages); here, that a build of such a file stops before anything is run or published."""
    fields = write_hostile_project(tmp_path)
    assert fields.values
    pwned = tmp_path / "pwned"
    plan = tmp_path / "regions" / "hcity" / "plans" / "2026-2027" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace("period:\n  start: 2026",
                        f"period:\n  start: !!python/object/apply:os.system ['touch {pwned}']")
    plan.write_text(text, encoding="utf-8")
    region = tmp_path / "regions" / "hcity" / "region.yaml"
    text = region.read_text(encoding="utf-8").replace("\nlevel: prefecture",
                                                      "\nlevel: &level prefecture")
    region.write_text(text, encoding="utf-8")
    _, problems = validate_project(tmp_path)
    refused = {problem.file: problem.message for problem in problems}
    assert "!!python/object/apply:os.system" in refused["regions/hcity/plans/2026-2027/plan.yaml"]
    assert "&" in refused["regions/hcity/region.yaml"]
    assert build(BuildOptions(root=tmp_path, check_accessibility=False)) == 1
    assert not pwned.exists()
    assert not (tmp_path / "site").exists()

"""The text of a published document: plain text, a saved web page, a Word file or a PDF.

Each extractor returns text with one block (paragraph, table cell, PDF line) per line and
blank lines between blocks, the shape of the plain-text sources under regions/. The text is
kept as extracted (only line breaks are unified): artifacts are repaired later, each listed as
a correction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path


class ExtractionError(Exception):
    """A file that cannot be read as a document; the message is for staff, in Chinese."""


def _text_file(path: Path) -> str:
    data = path.read_bytes()
    # Chinese government sites still publish GB18030 text; UTF-8 is tried first (BOM dropped).
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError("文本文件既不是 UTF-8 也不是 GB18030 编码，请另存为 UTF-8 后再导入。")


_HTML_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr", "br",
                "section", "article", "table", "blockquote", "pre")
_CONTAINERS = ("div", "article", "section", "td", "main")


def _content(soup):  # type: ignore[no-untyped-def]
    """The deepest element holding nearly all full stops: the document, not the site around it."""
    body = soup.body or soup
    total = body.get_text().count("。")
    best = body
    for element in body.find_all(_CONTAINERS):
        if total and element.get_text().count("。") >= 0.9 * total:
            best = element  # find_all walks in document order, so deeper ones come later
    return best


def _html_file(path: Path) -> str:
    # BeautifulSoup with the stdlib parser: tolerant of the broken markup of CMS pages, and no
    # network or entity expansion. Scripts, styles and navigation are not the document.
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_text_file(path), "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "template"]):
        tag.decompose()
    root = _content(soup)
    for element in root.find_all(_HTML_BLOCKS):
        element.insert_before("\n")  # every block on lines of its own
        element.insert_after("\n")
    lines = [line.strip() for line in root.get_text().split("\n") if line.strip()]
    # CMS pages print the notice title as the page heading, above the article's container.
    heading = next((h.get_text(" ", strip=True) for h in soup.find_all(["h1", "h2", "h3"])
                    if root not in h.parents and h not in root.descendants
                    and h.get_text(strip=True).endswith(("通知", "意见", "方案"))), None)
    if heading and not any(line.endswith(("通知", "意见")) for line in lines[:8]):
        lines.insert(_title_position(lines), heading)
    return "\n\n".join(lines) + "\n"


def _title_position(lines: list[str]) -> int:
    """After the issuer mark and the number when the container starts with them."""
    position = 0
    while position < min(2, len(lines)) and (
            lines[position].endswith("文件") or re.search(r"〔\d{4}〕\d+号$", lines[position])):
        position += 1
    return position


def _docx_file(path: Path) -> str:
    # python-docx reads paragraphs and tables in document order without converting to HTML
    # first (as mammoth does), so the printed text is all we get.
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise ExtractionError("无法读取这个 Word 文件（.docx）。请确认它不是旧的 .doc 格式，"
                              "必要时用 Word 另存为 .docx 后再导入。") from error
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                blocks.extend(cell.text.strip() for cell in row.cells)
        else:
            blocks.append(block.text.strip())
    return "\n\n".join(block for block in blocks if block) + "\n"


def _pdf_file(path: Path) -> str:
    # pdfplumber (on pdfminer.six) keeps the reading order of lines and handles the CID fonts
    # of Chinese PDFs; each PDF line becomes a line, the layout step rejoins sentences.
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PdfminerException, PDFSyntaxError, ValueError) as error:
        raise ExtractionError("无法读取这个 PDF 文件。") from error
    lines = [line.strip() for page in pages for line in page.split("\n")]
    if not any(lines):
        raise ExtractionError("这个 PDF 没有文字层（可能是扫描件）。请先做文字识别（OCR），"
                              "或向发文机关索取文字版。")
    return "\n\n".join(line for line in lines if line) + "\n"


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    ".txt": _text_file,
    ".text": _text_file,
    ".html": _html_file,
    ".htm": _html_file,
    ".docx": _docx_file,
    ".pdf": _pdf_file,
}


def extract(path: Path) -> str:
    """The document's text; ExtractionError (in Chinese) when it cannot be read."""
    extractor = EXTRACTORS.get(path.suffix.lower())
    if extractor is None:
        kinds = "、".join(sorted(EXTRACTORS))
        raise ExtractionError(f"不认识“{path.suffix or path.name}”这种文件。可以导入：{kinds}。")
    try:
        text = extractor(path)
    except OSError as error:
        raise ExtractionError(f"无法读取文件：{error.strerror or error}。") from error
    if not text.strip():
        raise ExtractionError("文件中没有读到文字。")
    # One kind of line break, so that positions (第几行) mean the same in every editor.
    return re.sub(r"\r\n?|[\x85\u2028\u2029]", "\n", text)

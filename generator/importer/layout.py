"""Lines → paragraphs. Printed documents wrap lines; web pages and Word files do not.

A document is "wrapped" when most lines are about as wide as the most common width (a PDF
page's measure). There a full line continues into the next one. Any line continues when it
stops mid-sentence (page breaks of web copies, or a wrapped line cut short).
Either way, a numbered line or a "责任单位：" line always starts a new paragraph, and a short
numbered heading stands alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from generator.importer.clean import tidy


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in source.txt
    start: int  # offsets in the text after character repairs
    end: int
    text: str  # stripped


def split_lines(text: str) -> list[Line]:
    lines, offset = [], 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            lines.append(Line(number, offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return lines


LABEL = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}[.．、](?!\d)"
    r"|[（(]\d{1,2}[）)])")
_TERMINAL = "。！？；：）)"


def width(text: str) -> int:
    """Display width: Chinese characters and full-width punctuation count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def is_heading(text: str) -> bool:
    """A numbered heading on a line of its own: “一、主要目标”, “（一）加强组织领导，提升保障能力”."""
    return bool(LABEL.match(text)) and "。" not in text and width(text) <= 60 \
        and not text.endswith(("；", "，", "、"))


def measure(lines: list[Line]) -> int | None:
    """The width of a full line when the text is wrapped to a fixed measure, else None."""
    widths = [width(line.text) for line in lines]
    if len(widths) < 8:
        return None
    counts = Counter(widths)
    common = max(counts, key=lambda w: (counts[w], w))
    near = sum(n for w, n in counts.items() if abs(w - common) <= 4)
    return common if near >= 0.4 * len(widths) and common <= 120 else None


def continues(previous: Line, line: Line, full: int | None) -> bool:
    if LABEL.match(line.text):
        return False
    if line.text.startswith("责任单位"):  # its own paragraph, unless its bracket opened above
        return previous.text.endswith(("（", "("))
    if full is not None and width(previous.text) >= full - 6:
        return True  # a full line (headings are short, so never one of them)
    return not is_heading(previous.text) and not previous.text.endswith(tuple(_TERMINAL))


def paragraphs(lines: list[Line], full: int | None) -> list[list[Line]]:
    """Consecutive lines grouped into paragraphs."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and continues(groups[-1][-1], line, full):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


class Pieces:
    """The text of groups of lines as the draft holds it, remembering each span for the
    whitespace corrections."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int]] = []

    def of(self, lines: list[Line]) -> str:
        start, end = lines[0].start, lines[-1].end
        self.spans.append((start, end))
        return tidy(self.text[start:end])

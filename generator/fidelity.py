"""Proof that a plan's YAML holds its source document word for word.

The source text, with the listed corrections of extraction artifacts applied, must equal the
text the YAML reconstructs in document order, ignoring only whitespace. Equality proves both
directions: nothing of the document is missing, and nothing was added to it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.model import Node, Plan

_WHITESPACE = re.compile(r"\s+", re.UNICODE)


def without_whitespace(text: str) -> str:
    """Whitespace carries no meaning in Chinese text; extraction scatters it everywhere."""
    return _WHITESPACE.sub("", text)


def chinese_date(day: dt.date) -> str:
    """The printed form of a date in these documents: 2026年4月2日."""
    return f"{day.year}年{day.month}月{day.day}日"


def node_text(node: Node) -> Iterator[str]:
    """A node's printed text in order: heading, paragraphs with their brackets, children."""
    heading = (node.label or "") + (node.title or "")
    if heading:
        yield heading + ("。" if node.run_in else "")
    for paragraph in node.paragraphs:
        yield paragraph.text
        if paragraph.responsibility:
            yield paragraph.responsibility.printed
    for child in node.children:
        yield from node_text(child)
    if node.responsibility:
        yield node.responsibility.printed


def plan_text(plan: Plan) -> Iterator[str]:
    """The whole document as printed: the notice, the plan, then the imprint (版记)."""
    document = plan.document
    if document.issuer_mark:
        yield document.issuer_mark
    yield document.number
    yield document.notice_title
    yield document.addressees + "："
    yield from document.notice
    yield document.signatory
    yield chinese_date(document.date_written)
    if document.note:
        yield "（" + document.note + "）"
    yield plan.title
    yield from plan.preamble
    for node in plan.body:
        yield from node_text(node)
    yield from plan.closing
    if document.cc:
        yield "抄送：" + "，".join(document.cc) + "。"
    if document.disclosure:
        yield "公开属性：" + document.disclosure
    yield document.printer
    yield chinese_date(document.date_issued) + "印发"


@dataclass(frozen=True)
class CorrectionMismatch:
    index: int
    find: str
    expected: int
    found: int


def apply_corrections(plan: Plan, source: str) -> tuple[str, list[CorrectionMismatch]]:
    """Apply each listed correction; report those whose occurrence count is not as declared."""
    mismatches = []
    for index, correction in enumerate(plan.corrections):
        found = source.count(correction.find)
        if found != correction.count:
            mismatches.append(CorrectionMismatch(index, correction.find, correction.count, found))
        source = source.replace(correction.find, correction.replace)
    return source, mismatches


@dataclass(frozen=True)
class Divergence:
    """Where the YAML first departs from the source, with a little context on both sides."""

    offset: int
    source_context: str
    yaml_context: str


def first_divergence(source: str, reconstructed: str, context: int = 20) -> Divergence | None:
    if source == reconstructed:
        return None
    offset = next(
        (i for i, (a, b) in enumerate(zip(source, reconstructed, strict=False)) if a != b),
        min(len(source), len(reconstructed)),
    )
    start = max(0, offset - context)
    return Divergence(
        offset,
        source[start : offset + context],
        reconstructed[start : offset + context],
    )


def compare(plan: Plan, source: str) -> tuple[Divergence | None, list[CorrectionMismatch]]:
    corrected, mismatches = apply_corrections(plan, source)
    divergence = first_divergence(
        without_whitespace(corrected), without_whitespace("".join(plan_text(plan)))
    )
    return divergence, mismatches


_SENTENCE_END = re.compile(r"(?<=[。；！？])")


def sentences(text: str) -> list[str]:
    """Split corrected source text into sentences, for looking them up on the built site."""
    flat = without_whitespace(text)
    return [piece for piece in _SENTENCE_END.split(flat) if piece]

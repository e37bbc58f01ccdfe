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
from generator.yamlload import Path_

_WHITESPACE = re.compile(r"\s+", re.UNICODE)


def without_whitespace(text: str) -> str:
    """Whitespace carries no meaning in Chinese text; extraction scatters it everywhere."""
    return _WHITESPACE.sub("", text)


def chinese_date(day: dt.date) -> str:
    """The printed form of a date in these documents: 2026年4月2日."""
    return f"{day.year}年{day.month}月{day.day}日"


def node_pieces(node: Node, path: Path_) -> Iterator[tuple[Path_, str]]:
    """A node's printed text in order, each piece with the YAML path it comes from."""
    stop = "。" if node.run_in else ""
    if node.label and node.title:
        yield (*path, "label"), node.label
        yield (*path, "title"), node.title + stop
    elif node.label or node.title:
        yield (*path, "label" if node.label else "title"), (node.label or node.title or "") + stop
    for index, paragraph in enumerate(node.paragraphs):
        here = (*path, "paragraphs", index)
        yield (*here, "text"), paragraph.text
        if paragraph.responsibility:
            yield (*here, "responsibility", "printed"), paragraph.responsibility.printed
    for index, child in enumerate(node.children):
        yield from node_pieces(child, (*path, "children", index))
    if node.responsibility:
        yield (*path, "responsibility", "printed"), node.responsibility.printed


def node_text(node: Node) -> Iterator[str]:
    """A node's printed text in order: heading, paragraphs with their brackets, children."""
    for _, text in node_pieces(node, ()):
        yield text


def plan_pieces(plan: Plan) -> Iterator[tuple[Path_, str]]:
    """The whole document as printed, each piece with the YAML path it comes from."""
    document = plan.document
    if document.issuer_mark:
        yield ("document", "issuer_mark"), document.issuer_mark
    yield ("document", "number"), document.number
    yield ("document", "notice_title"), document.notice_title
    yield ("document", "addressees"), document.addressees + "："
    for index, paragraph in enumerate(document.notice):
        yield ("document", "notice", index), paragraph
    yield ("document", "signatory"), document.signatory
    yield ("document", "date_written"), chinese_date(document.date_written)
    if document.note:
        yield ("document", "note"), "（" + document.note + "）"
    yield ("title",), plan.title
    for index, paragraph in enumerate(plan.preamble):
        yield ("preamble", index), paragraph
    for index, node in enumerate(plan.body):
        yield from node_pieces(node, ("body", index))
    for index, paragraph in enumerate(plan.closing):
        yield ("closing", index), paragraph
    for index, unit in enumerate(document.cc):  # 抄送：甲，乙，丙。
        first, last = index == 0, index == len(document.cc) - 1
        yield ("document", "cc", index), ("抄送：" if first else "，") + unit + ("。" if last else "")
    if document.disclosure:
        yield ("document", "disclosure"), "公开属性：" + document.disclosure
    yield ("document", "printer"), document.printer
    yield ("document", "date_issued"), chinese_date(document.date_issued) + "印发"


def plan_text(plan: Plan) -> Iterator[str]:
    """The whole document as printed: the notice, the plan, then the imprint (版记)."""
    for _, text in plan_pieces(plan):
        yield text


def path_at(plan: Plan, offset: int) -> Path_:
    """The YAML path of the piece holding character `offset` of the whitespace-free text."""
    end, last = 0, ("body",)
    for path, text in plan_pieces(plan):
        end += len(without_whitespace(text))
        if end > offset:
            return path
        last = path
    return last  # the source goes on after the YAML ends


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

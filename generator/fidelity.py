"""Proof that a plan's YAML holds its source document word for word.

The source text, with the listed corrections of extraction artifacts applied, must equal the
text the YAML reconstructs in document order, ignoring only whitespace. Equality proves both
directions: nothing of the document is missing, and nothing was added to it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.labels import chinese_date
from generator.model import STANDARD_HEADER_ORDER, Document, HeaderElement, Node, Plan
from generator.yamlload import Path_

_WHITESPACE = re.compile(r"\s+", re.UNICODE)


def without_whitespace(text: str) -> str:
    """Whitespace carries no meaning in Chinese text; extraction scatters it everywhere."""
    return _WHITESPACE.sub("", text)


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


def header_pieces(document: Document) -> Iterator[tuple[Path_, str]]:
    """The header (版头) elements the document prints, in the order it prints them."""
    for element in document.header:
        text = getattr(document, element)
        if text:
            yield ("document", element), text


def plan_pieces(plan: Plan) -> Iterator[tuple[Path_, str]]:
    """The whole document as printed, each piece with the YAML path it comes from."""
    document = plan.document
    yield from header_pieces(plan.document)
    if document.addressees:
        yield ("document", "addressees"), document.addressees + "："
    for index, paragraph in enumerate(document.notice):
        yield ("document", "notice", index), paragraph
    if document.signatory:
        yield ("document", "signatory"), document.signatory
    if document.date_written:
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
    if document.printer:
        yield ("document", "printer"), document.printer
    if document.date_issued:
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


_GENERAL_REMEDY = ("逐字对照原文改正（漏字、多字、标点）；如果原文中是抽取错误，"
                   "请在 corrections 中登记更正。")


def printed_header_order(plan: Plan, source: str) -> tuple[HeaderElement, ...] | None:
    """The order in which the source prints the header elements the YAML has, if any order
    of them matches the start of the source."""
    document = plan.document
    corrected = without_whitespace(apply_corrections(plan, source)[0])
    present = [e for e in STANDARD_HEADER_ORDER if getattr(document, e)]
    for order in itertools.permutations(present):
        head = "".join(without_whitespace(getattr(document, e)) for e in order)
        if corrected.startswith(head):
            return order
    return None


def remedy(plan: Plan, source: str, path: Path_) -> str:
    """How to fix a divergence found at `path`: the general advice, or the specific remedy
    for documents printed differently from the standard layout (see the staff guide)."""
    field = path[1] if len(path) > 1 and path[0] == "document" else None
    if field in STANDARD_HEADER_ORDER:
        order = printed_header_order(plan, source)
        if order is not None and order != plan.document.header:
            return ("原文版头的先后顺序与 YAML 不同：在 document 下加上 "
                    f"header_order: [{', '.join(order)}]，按原文的顺序排列。")
    if field == "number":
        return "核对发文字号；原文没有印发文字号时，删掉 number 字段（不要自己编写）。" + _GENERAL_REMEDY
    if field in ("printer", "date_issued"):
        return ("原文没有版记（印发机关和印发日期）时，删掉 printer 和 date_issued；"
                "网页上的发布日期写在 date_published。" + _GENERAL_REMEDY)
    return _GENERAL_REMEDY


_SENTENCE_END = re.compile(r"(?<=[。；！？])")


def sentences(text: str) -> list[str]:
    """Split corrected source text into sentences, for looking them up on the built site."""
    flat = without_whitespace(text)
    return [piece for piece in _SENTENCE_END.split(flat) if piece]

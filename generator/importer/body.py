"""Paragraphs → the plan's tree: numbering gives the levels, the document's shape the kinds.

Levels follow the order in which numbering styles first appear (一、 then （一） then 1. then
（1）, whichever a document uses). A short numbered line without a full stop is a heading; a
numbered paragraph that opens with a short sentence has a run-in title. Kinds: if the top level
holds sections (任务目标, 主要措施, 保障措施 …) they are parts; under them — or at the top level
otherwise — the highest node that names responsible organisations is an action, its ancestors
are groups, its descendants measures, and what names no one is an item. Safeguard sections
(保障, 要求, 组织实施 …) hold items only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.importer.layout import LABEL, is_heading
from generator.importer.responsibility import is_responsibility, trailing_bracket

_SECTION = re.compile(r"目标|措施|任务|要求|保障|组织实施|指导思想|原则|总体|步骤|进度|安排")
_SAFEGUARD = re.compile(r"保障|要求|组织实施|组织领导|监督|步骤|进度")
_TITLE_MAX = 40


@dataclass
class Node:
    label: str
    style: str
    title: str | None = None
    run_in: bool = False
    paragraphs: list[dict] = field(default_factory=list)  # {"text", "responsibility"?}
    children: list[Node] = field(default_factory=list)
    responsibility: str | None = None  # printed
    kind: str = "item"
    sealed: bool = False  # a responsibility printed after its children closes it


@dataclass
class Structure:
    preamble: list[str] = field(default_factory=list)
    body: list[Node] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)


def style_of(label: str) -> str:
    if label.endswith("、") and not label[0].isdigit():
        return "一、"
    if label[0] in "（(":
        return "（1）" if label[1].isdigit() else "（一）"
    return "1."


def _split_responsibility(text: str) -> tuple[str, str | None]:
    start = trailing_bracket(text)
    if start is not None and is_responsibility(text[start:]):
        return text[:start].strip(), text[start:]
    return text, None


def _paragraph(text: str) -> dict:
    body, printed = _split_responsibility(text)
    return {"text": body, "responsibility": printed} if printed else {"text": text}


def _numbered(text: str) -> Node:
    label = LABEL.match(text).group()  # type: ignore[union-attr]
    rest = text[len(label):].strip()
    node = Node(label=label, style=style_of(label))
    stop = rest.find("。")
    if 0 < stop <= _TITLE_MAX and not re.search(r"[；0-9%]", rest[:stop]):
        node.title, node.run_in, rest = rest[:stop], True, rest[stop + 1:].strip()
    elif stop < 0 and is_heading(text):
        node.title, rest = rest, ""
    if rest:
        node.paragraphs.append(_paragraph(rest))
    return node


class Builder:
    def __init__(self) -> None:
        self.structure = Structure()
        self.stack: list[Node] = []
        self.opened: list[Node] = []  # nodes opened since the last standalone responsibility
        self.standalone_style = ""  # the level standalone responsibilities belong to

    def add(self, text: str) -> None:
        if LABEL.match(text):
            self.open(_numbered(text))
        elif text.startswith("责任单位") and self.stack:
            self.standalone(text)
        elif not self.stack:
            self.structure.preamble.append(text)
        elif any(node.sealed for node in self.stack):
            self.structure.closing.append(text)  # nothing of a sealed node may follow it
        elif is_responsibility(text) and trailing_bracket(text) == 0 and \
                self.stack[-1].paragraphs and "responsibility" not in self.stack[-1].paragraphs[-1]:
            self.stack[-1].paragraphs[-1]["responsibility"] = text  # a bracket on its own line
        else:
            self.stack[-1].paragraphs.append(_paragraph(text))

    def open(self, node: Node) -> None:
        styles = [n.style for n in self.stack]
        if node.style in styles:
            del self.stack[styles.index(node.style):]
        while self.stack and self.stack[-1].sealed:
            self.stack.pop()
        siblings = self.stack[-1].children if self.stack else self.structure.body
        siblings.append(node)
        self.stack.append(node)
        self.opened.append(node)

    def standalone(self, printed: str) -> None:
        """“责任单位：…” on its own line covers the node, or all siblings opened since the last;
        once decided, the document keeps to that level."""
        deepest = self.stack[-1]
        same_level = [n for n in self.opened if n.style == deepest.style]
        owner = self.stack[-2] if len(same_level) > 1 and len(self.stack) > 1 else deepest
        if self.standalone_style:
            owner = next((n for n in self.stack if n.style == self.standalone_style), owner)
        self.standalone_style = owner.style
        owner.responsibility = printed
        owner.sealed = True
        self.opened = []


def walk(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from walk(node.children)


def _own_responsibility(node: Node) -> bool:
    return bool(node.responsibility) or any("responsibility" in p for p in node.paragraphs)


def _classify(nodes: list[Node]) -> None:
    for node in nodes:
        if _own_responsibility(node):
            node.kind = "action"
            for child in walk(node.children):
                child.kind = "measure"
        elif any(_own_responsibility(n) for n in walk(node.children)):
            node.kind = "group"
            _classify(node.children)
        else:
            for child in walk([node]):
                child.kind = "item"


def assign_kinds(body: list[Node]) -> None:
    # Sections name no one themselves; actions at the top level do (jinchang, wuwei).
    sections = not any(_own_responsibility(n) for n in body) and any(
        n.title and len(n.title) <= 10 and not n.run_in and _SECTION.search(n.title)
        for n in body)
    if not sections:
        _classify(body)
        return
    for part in body:
        _classify(part.children)
        if part.title and _SAFEGUARD.search(part.title):
            for node in walk(part.children):
                node.kind = "item"
        part.kind = "part"


def settle_responsibilities(structure: Structure) -> bool:
    """Brackets ending a node's only paragraph belong to the node, unless the document prints
    one bracket per paragraph (then every bracket stays with its paragraph). Returns whether
    the document is of that per-paragraph shape."""
    nodes = list(walk(structure.body))
    per_paragraph = any(sum("responsibility" in p for p in n.paragraphs) > 1 for n in nodes)
    for node in nodes:
        last = node.paragraphs[-1] if node.paragraphs else None
        lone = last is not None and not last["text"]  # a bracket right after a run-in title
        if last and "responsibility" in last and not node.children and \
                not node.responsibility and (lone or not per_paragraph):
            node.responsibility = last.pop("responsibility")
        node.paragraphs = [p for p in node.paragraphs if p["text"]]
    return per_paragraph


def closing_paragraphs(structure: Structure) -> None:
    """Unnumbered paragraphs after the last node's responsibility end the plan (结束段落)."""
    nodes = list(walk(structure.body))
    if not nodes:
        return
    last = nodes[-1]
    marked = [i for i, p in enumerate(last.paragraphs) if "responsibility" in p]
    if marked and marked[-1] < len(last.paragraphs) - 1:
        tail = last.paragraphs[marked[-1] + 1:]
        del last.paragraphs[marked[-1] + 1:]
        structure.closing[:0] = [p["text"] for p in tail]


def build(texts: list[str]) -> Structure:
    builder = Builder()
    for text in texts:
        builder.add(text)
    structure = builder.structure
    closing_paragraphs(structure)
    return structure

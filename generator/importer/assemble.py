"""The document's text → the values of a draft plan, with what staff must review.

Everything the draft holds is cut from the text after the listed corrections, so the
fidelity check passes by construction; what had to be guessed carries a review note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.fidelity import without_whitespace
from generator.importer import body as body_
from generator.importer import clean, layout, proposals
from generator.importer import header as header_
from generator.importer.responsibility import guess_kind, says_lead_first, split
from generator.model import NOTICE_ELEMENTS, Document, Vocabulary
from generator.numbering import parse_label
from generator.projectfile import sha256_hex

Path_ = tuple[str | int, ...]
_CITATION = re.compile(r"《([^《》]+)》(（[^（）]*(?:〔\d{4}〕|第)[^（）]*号）)?")
_PERIOD = re.compile(r"[（(](\d{4})\s*[—–\-－~至]+\s*(\d{4})\s*年?[）)]")
_APPROVAL = re.compile(r"已经[^，。]{0,40}?(?:同意|批准|通过)")


@dataclass
class Draft:
    values: dict
    review: dict[Path_, str] = field(default_factory=dict)
    notes: dict[Path_, list[str]] = field(default_factory=dict)
    new_organisations: list[dict] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass
class Context:
    names: set[str]  # registry names and aliases
    themes: Vocabulary | None
    audiences: Vocabulary | None
    taken_ids: set[str]
    lead_first: bool = False  # “列第一位的为牵头单位，下同”: the plan's responsibility_mode


def _responsibility(printed: str, path: Path_, context: Context, draft: Draft) -> dict:
    parts = split(printed, context.names)
    value: dict = {"printed": printed, "organisations": parts.organisations or [printed]}
    if parts.lead_first and not context.lead_first:
        value["mode"] = "lead_first"
        draft.review[(*path, "mode")] = "括号中写明了牵头单位，按列第一位的为牵头读。"
    if parts.standing_instruction:
        value["standing_instruction"] = parts.standing_instruction
    for name in value["organisations"]:
        if name in context.names:
            continue
        context.names.add(name)
        number = len(draft.new_organisations) + 1
        identifier = next(f"org-{n}" for n in range(number, number + 1000)
                          if f"org-{n}" not in context.taken_ids)
        context.taken_ids.add(identifier)
        draft.new_organisations.append({"id": identifier, "name": name, "kind": guess_kind(name)})
    unknown = [n for n in value["organisations"] if any(o["name"] == n
                                                        for o in draft.new_organisations)]
    if unknown:
        draft.review[(*path, "organisations")] = \
            f"{'、'.join(unknown)}不在登记册中，已作为新单位加进 region.yaml，请核对名称、id 和类别。"
    return value


def _node(node: body_.Node, path: Path_, context: Context, draft: Draft) -> dict:
    value: dict = {"kind": node.kind, "label": node.label}
    if node.title:
        value["title"] = node.title
    if node.run_in:
        value["run_in"] = True
    paragraphs = []
    for index, paragraph in enumerate(node.paragraphs):
        item: dict = {"text": paragraph["text"]}
        if "responsibility" in paragraph:
            item["responsibility"] = _responsibility(
                paragraph["responsibility"], (*path, "paragraphs", index, "responsibility"),
                context, draft)
        paragraphs.append(item)
    if paragraphs:
        value["paragraphs"] = paragraphs
    if node.children:
        value["children"] = [_node(child, (*path, "children", index), context, draft)
                             for index, child in enumerate(node.children)]
    if node.responsibility:
        value["responsibility"] = _responsibility(node.responsibility, (*path, "responsibility"),
                                                  context, draft)
    text = "".join(p["text"] for p in node.paragraphs)
    if node.kind == "action":
        _propose(value, path, node.title or "", text, context, draft)
    candidates = proposals.candidate_commitments(text)
    if candidates:
        draft.notes[path] = [
            "候选承诺（请核对；确认后写进 commitments，quote 从正文原样复制）："
        ] + [f"  - {clause}" for clause in candidates]
    return value


def _propose(value: dict, path: Path_, title: str, text: str, context: Context,
             draft: Draft) -> None:
    if not value.get("title"):
        draft.review[(*path, "label")] = "没有识别出行动的标题，请按原文补上 title。"
    value["themes"] = proposals.propose_terms(context.themes, title, text)
    value["audiences"] = proposals.propose_terms(context.audiences, title, text)
    draft.review[(*path, "themes")] = "主题是按词语推测的，请核对。"
    draft.review[(*path, "audiences")] = "人群是按词语推测的，请核对。"
    draft.notes[(*path, "themes")] = [
        "summary（通俗说明）由工作人员按维护指南的标准撰写，导入程序不写。"]


def _unique_action_ids(body: list[dict], draft: Draft) -> None:
    """Actions numbered afresh in each part would share a URL id: give the later ones
    “part-number” ids (the id is the page's address; staff may choose another)."""
    seen: set[str] = set()

    def visit(nodes: list[dict], path: Path_, prefix: str) -> None:
        for index, node in enumerate(nodes):
            here = (*path, index)
            parsed = parse_label(node.get("label") or "")
            number = str(parsed[1]) if parsed else ""
            if node["kind"] == "action" and number in seen:
                node_id = f"{prefix or 'action'}-{number}"
                nodes[index] = node = {"kind": node["kind"], "id": node_id,
                                       **{k: v for k, v in node.items() if k != "kind"}}
                draft.review[(*here, "id")] = "序号与前面的行动重复，网址 id 按所在部分编写。"
                seen.add(node_id)
            elif node["kind"] == "action":
                seen.add(number)
            visit(node.get("children", []), (*here, "children"),
                  number if node["kind"] in ("part", "group") else prefix)

    visit(body, ("body",), "")


def _citations(whole: str, title: str) -> list[dict]:
    found, seen = [], set()
    for match in _CITATION.finditer(whole):
        name = match.group(1)
        if name in seen or without_whitespace(name) == without_whitespace(title):
            continue
        seen.add(name)
        item = {"title": name}
        if match.group(2):
            item["number"] = match.group(2)[1:-1]
        item["quote"] = match.group()
        found.append(item)
    return found


_DOCUMENT_ORDER = tuple(Document.model_fields)  # the model's order, as printed


def _plan_values(plan_id: str, head: header_.Header, structure: body_.Structure) -> dict:
    values: dict = {"id": plan_id, "title": head.title}
    period = _PERIOD.search(head.title)
    if period:
        values["period"] = {"start": int(period.group(1)), "end": int(period.group(2))}
    document = dict(head.document)
    standard = [k for k in ("issuer_mark", "number", "notice_title") if k in head.order]
    if head.order != standard and "header_order" in Document.model_fields:
        document["header_order"] = head.order  # a model that records the printed order
    values["document"] = {k: document[k] for k in _DOCUMENT_ORDER if k in document}
    approval = _APPROVAL.search("".join(head.document.get("notice", [])))
    if approval:
        values["approval"] = approval.group()
    return values


def assemble(source: str, plan_id: str, context: Context) -> Draft:
    text, fixes = clean.character_fixes(source)
    lines = layout.split_lines(text)
    full = layout.measure(lines)
    pieces = layout.Pieces(text)
    head = header_.parse(lines, pieces, full)
    structure = body_.build([pieces.of(group) for group in layout.paragraphs(head.body, full)])
    body_.settle_responsibilities(structure)
    body_.assign_kinds(structure.body)

    draft = Draft(values=_plan_values(plan_id, head, structure), review=dict(head.review),
                  missing=[k for k in _DOCUMENT_ORDER if k in head.missing
                           and k in NOTICE_ELEMENTS])  # a number or imprint may be absent
    if draft.missing:
        draft.review[("document",)] = "原文中没有找到：" + "、".join(draft.missing) + \
            "。请对照原件补上；只找到文件的一部分、其中没有印发通知时，" \
            "在 excerpt 中说明（见维护指南“录入不同样式的文件”）。"

    values = draft.values
    if "approval" in values:
        draft.review[("approval",)] = "审议情况按“已经……同意”读出，请核对。"
    whole = "".join([*structure.preamble, *(p["text"] for n in body_.walk(structure.body)
                                            for p in n.paragraphs), *structure.closing])
    citations = _citations(whole, head.title)
    if citations:
        values["citations"] = citations
        draft.review[("citations",)] = "引用的文件按书名号读出，请核对标题和文号。"
    context.lead_first = says_lead_first(text)
    body = [_node(node, ("body", index), context, draft)
            for index, node in enumerate(structure.body)]
    _unique_action_ids(body, draft)
    values["responsibility_mode"] = "lead_first" if context.lead_first else "shared"
    draft.review[("responsibility_mode",)] = (
        "文件写明“列第一位的为牵头单位”。" if context.lead_first
        else "文件没有统一写明牵头单位，按共同负责读；如文件另有说明请改。")
    if structure.preamble:
        values["preamble"] = structure.preamble
    values["body"] = body
    draft.review[("body",)] = ("层级按序号读出；kind 按文件结构推定（写了责任单位的最高一级是行动 "
                               "action，其下是措施 measure，保障措施等是条目 item），请核对。")
    if structure.closing:
        values["closing"] = structure.closing
    # The checksum of source.txt exactly as run.py writes it (UTF-8, line breaks unchanged).
    values["source"] = "source.txt"
    values["source_sha256"] = sha256_hex(source.encode("utf-8"))
    for key in ("preamble", "closing"):
        candidates = [c for p in values.get(key, []) for c in proposals.candidate_commitments(p)]
        if candidates:
            draft.notes[(key,)] = ["候选承诺（请核对；确认后写进 commitments）："] + \
                [f"  - {clause}" for clause in candidates]
    fixes += clean.whitespace_fixes(text, pieces.spans)
    corrections = clean.corrections(source, fixes)
    values["corrections"] = [correction.model_dump() for correction, _ in corrections]
    for index, (_, fix) in enumerate(corrections):
        if fix.review:
            draft.review[("corrections", index)] = fix.review
    return draft

"""Responsibility brackets → organisations, matched against the region's registry.

“（市人社局、市残联等按职责分工负责，以下任务均需永昌县、金川区政府推进落实，不再一一列出）”
gives the organisations 市人社局 and 市残联 and the standing instruction after them. Names are
cut out of the printed text, so each one is printed there by construction; the registry (names
and aliases) decides where one name ends and the next begins, then the separators 、，and 和.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN, _CLOSE = "（(〔[【", "）)〕]】"
_STANDING = re.compile(r"以下[^。；]*?不再(?:一一|重复)?列出")
_LEAD_FIRST = re.compile(r"列第一位的为牵头单位|排在第一位的为牵头单位|第一个为牵头单位")
_CUT = ("。", "按职责分工", "按照职责分工", "分别负责", "共同负责", "负责")
_DEADLINE_PART = r"[；;，,。]?\s*(?:完成)?(?:时限|时间)[：:].*$"
_ROLE_LABEL = r"(?:牵头|责任|配合|参与|协办|主办|协助)单位[：:]"
_ROLE_WORD = r"(?:牵头|配合|参与|协助)(?=[，,；;、。]|$)"
_SEPARATORS = "、，,；"
_CONNECTORS = ("以及", "和", "及", "等")
_ORG_END = re.compile(r"(局|委|办|联|会|政府|院|校|行|部|厅|社|队|站|处|室|中心|公司|单位|段|所)$")


@dataclass(frozen=True)
class Split:
    organisations: list[str]
    standing_instruction: str | None
    lead_first: bool  # the bracket names a lead (牵头): the first organisation listed


def says_lead_first(text: str) -> bool:
    """Whether the document declares once for all brackets that the first listed leads."""
    return bool(_LEAD_FIRST.search(text))


def trailing_bracket(text: str) -> int | None:
    """Where the bracket group that ends `text` opens, or None."""
    if not text or text[-1] not in "）)":
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        char = text[index]
        if char in "）)":
            depth += 1
        elif char in "（(":
            depth -= 1
            if depth == 0:
                return index
    return None


def is_responsibility(printed: str) -> bool:
    inner = printed.strip("（()）")
    return inner.startswith("责任单位") or "负责" in inner[-12:] or "牵头" in inner \
        or "职责分工" in inner or bool(_STANDING.search(inner))


def _depth_split(text: str) -> list[str]:
    """Split at separators outside brackets (〔市、区〕 is part of a name)."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char in _OPEN) - (char in _CLOSE)
        if char in _SEPARATORS and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _unknown(piece: str) -> list[str]:
    """A piece no registry name covers: split at 和/及 between two organisation names."""
    for connector in ("以及", "和", "及"):
        left, found, right = piece.partition(connector)
        if found and _ORG_END.search(left) and right:
            return [left, *_unknown(right)]
    return [piece] if piece else []


def organisations(text: str, names: set[str]) -> list[str]:
    found: list[str] = []
    longest = sorted(names, key=len, reverse=True)
    for part in _depth_split(text):
        position = 0
        while position < len(part):
            name = next((n for n in longest if part.startswith(n, position)), None)
            if name:
                found.append(name)
                position += len(name)
                continue
            connector = next((c for c in _CONNECTORS if part.startswith(c, position)), None)
            if connector:
                position += len(connector)
                continue
            # Up to the next registry name (after a connector) or the end of the part.
            end = next((i for i in range(position + 1, len(part))
                        if part.startswith(_CONNECTORS, i)
                        and any(part.startswith(n, i + len(c)) for c in _CONNECTORS
                                if part.startswith(c, i) for n in longest)), len(part))
            piece = part[position:end]
            piece = piece[:-1] if piece.endswith("等") else piece
            found += _unknown(piece.strip())
            position = end
    return found


def split(printed: str, names: set[str]) -> Split:
    inner = printed
    if inner[:1] in "（(" and inner[-1:] in "）)":
        inner = inner[1:-1]
    inner = re.sub(r"^责任单位[：:]", "", inner.strip())
    standing = _STANDING.search(inner)
    text = _STANDING.sub("", inner)
    text = re.sub(_DEADLINE_PART, "", text)  # “；完成时限：2025年底” names no one
    # Roles are separators: “牵头单位：甲；配合单位：乙、丙”, “甲牵头，乙、丙配合”.
    text = re.sub(_ROLE_LABEL, "、", text)
    text = re.sub(_ROLE_WORD, "、", text)
    for cut in _CUT:
        index = text.find(cut)
        if index > 0:
            text = text[:index]
    text = text.strip("等，、；")
    found = organisations(text, names)
    if standing:  # registered organisations the instruction names are responsible too
        found += [n for n in _registered(standing.group(), names) if n not in found]
    return Split(found, standing.group() if standing else None, "牵头" in inner)


def _registered(text: str, names: set[str]) -> list[str]:
    """Registry names in text, longest first at each position."""
    longest = sorted(names, key=len, reverse=True)
    found, position = [], 0
    while position < len(text):
        name = next((n for n in longest if text.startswith(n, position)), None)
        if name:
            found.append(name)
            position += len(name)
        else:
            position += 1
    return found


_KINDS = (
    (re.compile(r"残联|妇联|工商联|总工会|团市委|团县委|团委|科协|红十字会"), "mass_organisation"),
    (re.compile(r"成员单位|工作委员会|残工委|领导小组"), "coordinating_body"),
    (re.compile(r"^[^、]*(市委|县委|区委|省委)(?!.*政府)"), "party_department"),
    (re.compile(r"人行|人民银行|金融监管|税务|烟草|海关|统计调查|邮政管理"), "central_unit"),
    (re.compile(r"学校|学院|大学|高校"), "school"),
    (re.compile(r"银行|分行|公司|车站|火车站|车务段|集团"), "company"),
    (re.compile(r"开发区|经开区|园区|管委会|新区"), "development_zone"),
    (re.compile(r"政府$|县$|区$|市$|乡镇|街道"), "lower_government"),
    (re.compile(r"局$|委$|办$|厅$|部$|中心$|社$"), "government_department"),
)


def guess_kind(name: str) -> str:
    """A first guess of an organisation's kind from how its name ends; staff confirm it."""
    return next((kind for pattern, kind in _KINDS if pattern.search(name)), "other")

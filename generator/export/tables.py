"""The CSV files: one row per action, per responsible organisation, per commitment.

For people with a spreadsheet: UTF-8 with a BOM so Excel and WPS show Chinese, CRLF line
endings (RFC 4180), Chinese headers, and cells that would start a formula neutralised with a
leading apostrophe (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io

from generator import fidelity
from generator.export.data import entries, responsibility_record
from generator.export.progress import STATE_HEADER, state_cells
from generator.labels import format_number
from generator.model import Organisation, Plan
from generator.numbering import action_id
from generator.tree import responsibilities

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> str:
    """Text as a spreadsheet cell: a leading apostrophe keeps =, +, -, @ from starting a formula.

    Only text is neutralised: numbers are formatted here from floats, so a negative value stays
    a number a spreadsheet can add up.
    """
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, int | float):
        return format_number(cell)
    text = str(cell)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def to_csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line endings
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    # The BOM is what makes Excel read the file as UTF-8 instead of the system's GBK.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


ACTION_HEADER = ["地区", "方案", "序号", "行动编号", "标题", "通俗说明", "主题", "面向人群",
                 "牵头单位", "配合单位", "共同负责单位", "承诺数", "原文"]
RESPONSIBILITY_HEADER = ["地区", "方案", "所在条目", "行动编号", "行动标题", "单位", "单位全称",
                         "单位编号", "单位类别", "角色", "责任单位原文", "统一要求"]
COMMITMENT_HEADER = ["地区", "方案", "所在条目", "行动编号", "行动标题", "承诺内容", "比较",
                     "数值", "计量单位", "频次", "期限", "期限原文", "约束对象", "总体目标", "原文",
                     *STATE_HEADER]


def _names(terms: list[dict], ids: list[str]) -> str:
    by_id = {term["id"]: term["name"] for term in terms}
    return "、".join(by_id.get(i, i) for i in ids)


def _by_role(action: dict, role: str) -> str:
    names: list[str] = []
    for responsibility in action["responsibilities"]:
        for organisation in responsibility["organisations"]:
            if organisation["role"] == role and organisation["printed_name"] not in names:
                names.append(organisation["printed_name"])
    return "、".join(names)


def action_rows(record: dict, plan: Plan) -> list[list[object]]:
    region, title = record["region"]["name"], record["title"]
    texts = {action_id(e.placed.node): "\n".join(fidelity.node_text(e.placed.node))
             for e in entries(plan) if e.placed.node.kind == "action"}
    return [[region, title, a["label"], a["id"], a["title"], a["summary"],
             _names(record["themes"], a["themes"]), _names(record["audiences"], a["audiences"]),
             _by_role(a, "lead"), _by_role(a, "partner"), _by_role(a, "shared"),
             a["commitment_count"], texts.get(a["id"], "")]
            for a in record["actions"]]


def responsibility_rows(record: dict, plan: Plan, registry: dict[str, Organisation]
                        ) -> list[list[object]]:
    region, title = record["region"]["name"], record["title"]
    rows = []
    for entry in entries(plan):
        for responsibility, _ in responsibilities(entry.placed):
            resolved = responsibility_record(responsibility, plan, registry)
            for organisation in resolved.organisations:
                rows.append([region, title, entry.location, entry.action_id, entry.action_title,
                             organisation.printed_name, organisation.full_name,
                             organisation.id, organisation.kind_label,
                             organisation.role_label, resolved.printed,
                             resolved.standing_instruction])
    return rows


def commitment_rows(record: dict) -> list[list[object]]:
    region, title = record["region"]["name"], record["title"]
    titles = {a["id"]: a["title"] for a in record["actions"]}
    return [[region, title, c["location"], c["action_id"], titles.get(c["action_id"]), c["what"],
             c["comparator"], c["value"], c["unit"], c["frequency"], c["deadline"],
             c["deadline_printed"], c["binds"], c["overall"], c["quote"], *state_cells(c)]
            for c in record["commitments"]]

"""Checks of a plan's document elements (发文信息) and status that span fields.

Each check yields (YAML path, message, hint); checks.Checker places them in the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import NOTICE_ELEMENTS, Plan
from generator.yamlload import Path_

Finding = tuple[Path_, str, str]

# The header elements by the Chinese name staff know them by, for messages.
HEADER_WORDS = {"issuer_mark": "发文机关标志", "number": "发文字号", "notice_title": "标题"}


def check_document(plan: Plan) -> Iterator[Finding]:
    document = plan.document
    if document.date_issued and document.date_written and \
            document.date_issued < document.date_written:
        yield (("document", "date_issued"), "印发日期早于成文日期。", "核对两个日期。")
    for element in missing_notice(plan):
        yield (("document", element), f"缺少必填字段“{element}”。",
               f"在 document 中照原文加上“{element}: …”。只找到文件的一部分、"
               "其中没有印发通知时，不填它，而在 excerpt 中说明收录了什么、缺了什么"
               "（见维护指南“录入不同样式的文件”）。")
    if document.header_order is not None:
        yield from _check_header_order(plan)


def missing_notice(plan: Plan) -> list[str]:
    """The cover notice's elements a whole document (not an excerpt) lacks. While any is
    missing the text comparison is not run: it would only report the same gap again."""
    if plan.excerpt is not None:
        return []
    return [element for element in NOTICE_ELEMENTS if not getattr(plan.document, element)]


def _check_header_order(plan: Plan) -> Iterator[Finding]:
    document = plan.document
    order = document.header_order or []
    path: Path_ = ("document", "header_order")
    for index, element in enumerate(order):
        if element in order[:index]:
            yield ((*path, index), f"“{element}”列了两次。", "每个要素只列一次。")
        elif getattr(document, element) is None:
            yield ((*path, index), f"列了“{element}”（{HEADER_WORDS[element]}），"
                   f"但 document 中没有填写 {element}。",
                   f"原文有{HEADER_WORDS[element]}就在 document 中填写 {element}，没有就从这里删掉。")
    for element, word in HEADER_WORDS.items():
        if getattr(document, element) is not None and element not in order:
            yield (path, f"header_order 中缺少“{element}”（{word}）。",
                   f"按原文的先后顺序把 {element} 加进 header_order。")


def check_status(plan: Plan, key: str, plan_keys: set[str],
                 unloaded: set[str]) -> Iterator[Finding]:
    """`key` is this plan's region/plan id; `unloaded` are plans whose plan.yaml failed to load
    (their own errors are reported in their own file, not again here)."""
    status = plan.status
    if not status or not status.superseded_by:
        return
    path: Path_ = ("status", "superseded_by")
    target = status.superseded_by
    if target == key:
        yield (path, "方案不能被自己取代。", "写取代它的新方案的“地区id/方案id”。")
    elif target not in plan_keys and target not in unloaded:
        yield (path, f"找不到方案“{target}”。", "写成“地区id/方案id”，例如 gansu/2022-2024。")

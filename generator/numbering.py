"""Numbered labels (一、 （一） 1. （1）): their style and number, and an action's URL id."""

from __future__ import annotations

import re

from generator.model import Node

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LABEL_STYLES = (
    ("一、", re.compile(r"^([一二三四五六七八九十]+)、$")),
    ("（一）", re.compile(r"^[（(]([一二三四五六七八九十]+)[）)]$")),
    ("1.", re.compile(r"^([0-9]+)[.．]$")),
    ("（1）", re.compile(r"^[（(]([0-9]+)[）)]$")),
)


def chinese_number(text: str) -> int | None:
    """一 … 九十九, as printed in labels; None for what is no number, like “十十” or “一二”."""
    if text.isdigit():
        return int(text)
    tens, ten, units = text.partition("十")
    if not ten:
        return _DIGITS.get(text)
    if (tens and tens not in _DIGITS) or (units and units not in _DIGITS):
        return None
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[units] if units else 0)


def parse_label(label: str) -> tuple[str, int] | None:
    """A label's style and number: "（三）" → ("（一）", 3); None when it is not a numbering."""
    for style, pattern in _LABEL_STYLES:
        match = pattern.match(label.strip())
        if match:
            number = chinese_number(match.group(1))
            return (style, number) if number is not None else None
    return None


def action_id(node: Node) -> str | None:
    """The URL id of an action: its explicit id, else the number of its label."""
    if node.id:
        return node.id
    parsed = parse_label(node.label or "")
    return str(parsed[1]) if parsed else None



def first_with_style(siblings: list[Node], node: Node, style: str) -> bool:
    for sibling in siblings:
        parsed = parse_label(sibling.label or "")
        if parsed and parsed[0] == style:
            return sibling is node
    return True


_NUMERALS = "零一二三四五六七八九"


def label_like(label: str, number: int) -> str:
    """The label `label` would have with another number, for messages."""
    parsed = parse_label(label)
    style = parsed[0] if parsed else ""
    if style in ("1.", "（1）"):
        return re.sub(r"[0-9]+", str(number), label, count=1)
    if number < 10:
        chinese = _NUMERALS[number]
    elif number < 100:
        tens, units = divmod(number, 10)
        chinese = ("" if tens == 1 else _NUMERALS[tens]) + "十" + (_NUMERALS[units] if units else "")
    else:
        chinese = str(number)  # beyond the numerals labels use
    return re.sub(r"[一二三四五六七八九十]+", chinese, label, count=1)

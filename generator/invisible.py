"""Characters that cannot be seen but change how text reads.

Bidirectional controls reorder the characters around them, so a line shows one thing and holds
another ("Trojan Source"); zero-width characters split words where nothing shows. Screen
readers stumble on both: they read a pause, a "空格" or nothing, and search and copying break
at them. They arrive with text copied from web pages, PDFs and chat tools.

In YAML they are never written as they are (a correction that must name one writes the escape
"\\u200B", which can be seen). source.txt keeps them, since it stays byte for byte the document
as published; a correction removes them there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BIDI = "改变文字方向的控制字符"
_ZERO_WIDTH = "零宽字符"

# Each character: its Chinese name, and which kind it is.
INVISIBLE: dict[str, tuple[str, str]] = {
    "\u061c": ("阿拉伯字母标记", _BIDI),
    "\u200e": ("从左到右标记", _BIDI),
    "\u200f": ("从右到左标记", _BIDI),
    "\u202a": ("从左到右嵌入", _BIDI),
    "\u202b": ("从右到左嵌入", _BIDI),
    "\u202c": ("方向格式结束", _BIDI),
    "\u202d": ("从左到右强制", _BIDI),
    "\u202e": ("从右到左强制", _BIDI),
    "\u2066": ("从左到右隔离", _BIDI),
    "\u2067": ("从右到左隔离", _BIDI),
    "\u2068": ("首强字符隔离", _BIDI),
    "\u2069": ("方向隔离结束", _BIDI),
    "\u200b": ("零宽空格", _ZERO_WIDTH),
    "\u200c": ("零宽不连字", _ZERO_WIDTH),
    "\u200d": ("零宽连字", _ZERO_WIDTH),
    "\u2060": ("零宽不换行（字连接符）", _ZERO_WIDTH),
    "\ufeff": ("零宽不换行空格（字节顺序标记）", _ZERO_WIDTH),
}
_PATTERN = re.compile("[" + "".join(INVISIBLE) + "]")


def find(text: str) -> Iterator[tuple[int, str]]:
    """(offset, character) of every invisible character in text."""
    for match in _PATTERN.finditer(text):
        yield match.start(), match.group()


def describe(character: str) -> str:
    """“零宽空格（U+200B，零宽字符）”: what staff search for and what they see in an editor."""
    name, kind = INVISIBLE[character]
    return f"{name}（U+{ord(character):04X}，{kind}）"


def shown(text: str) -> str:
    """Text for a message, with each invisible character written out where it stands."""
    return _PATTERN.sub(lambda match: f"〔U+{ord(match.group()):04X}〕", text)

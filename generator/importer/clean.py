"""Extraction artifacts: found, removed, and listed as corrections with position and reason.

Two kinds. Character artifacts (page markers, Markdown marks, half-width punctuation in Chinese
text) are repaired first, on the whole text, keeping every line in place. Whitespace artifacts
(line breaks inside a sentence, stray spaces inside dates and numbers) are repaired inside each
piece of text the draft holds, once the layout step has decided which lines belong together.
Each correction's count is what `policysite validate` will find, applied in the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Correction


@dataclass
class Fix:
    find: str
    replace: str
    reason: str
    lines: list[int] = field(default_factory=list)
    review: str | None = None  # a repair that changes words: a person must confirm it

    def where(self) -> str:
        shown = "、".join(str(n) for n in self.lines[:6]) + ("等" if len(self.lines) > 6 else "")
        return f"source.txt 第{shown}行"


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _cjk(char: str) -> bool:
    """Chinese characters and full-width punctuation."""
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" or char in "“”‘’—…"


_MARKDOWN_HEADING = re.compile(r"(?m)^(#{1,6}) (?=\S)")
_RULE = re.compile(r"(?m)^[ \t]*(-{3,}|\*{3,}|_{3,})[ \t]*$")
_PAGE_MARK = re.compile(
    r"(?m)^[ \t]*([—－\-–]{1,2}[ \t]*\d{1,3}[ \t]*[—－\-–]{1,2}|第[ \t]*\d{1,3}[ \t]*页"
    r"(?:[ \t]*[，,]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t]*$")
_FULL_WIDTH = {"(": "（", ")": "）", ",": "，", ";": "；", ":": "："}


def _grouped(text: str, found: list[tuple[int, str, str, str]]) -> list[Fix]:
    """(offset, find, replace, reason) → one Fix per distinct find, with its line numbers."""
    fixes: dict[tuple[str, str], Fix] = {}
    for offset, find, replace, reason in sorted(found):
        fix = fixes.setdefault((find, replace), Fix(find, replace, reason))
        line = line_of(text, offset)
        if line not in fix.lines:
            fix.lines.append(line)
    return list(fixes.values())


def markdown_marks(text: str) -> list[Fix]:
    found = []
    for match in _MARKDOWN_HEADING.finditer(text):
        marker = match.group(1) + " "
        if match.start() == 0:  # no line break before it: the whole first line is the find
            line = text.split("\n", 1)[0]
            found.append((0, line, line[len(marker):], "文本抽取时留下的 Markdown 标题标记“#”，不是文件原文。"))
        else:
            found.append((match.start(), "\n" + marker, "\n",
                          "文本抽取时留下的 Markdown 标题标记“#”，不是文件原文。"))
    found += [(m.start(1), m.group(1), "", "文本抽取时把分隔线转成了 Markdown 分隔线，不是文件文字。")
              for m in _RULE.finditer(text)]
    # Longest marker first, so "\n# " never eats the start of "\n## ".
    return sorted(_grouped(text, found), key=lambda fix: -len(fix.find))


def page_marks(text: str) -> list[Fix]:
    return _grouped(text, [(m.start(1), m.group(1), "", "页码标记，是文本抽取时带入的，不是文件原文。")
                           for m in _PAGE_MARK.finditer(text)])


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] in " \t":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def half_width_punctuation(text: str) -> list[Fix]:
    """Half-width brackets and commas among Chinese characters: PDF and OCR conversions."""
    fixes = []
    for char, full in _FULL_WIDTH.items():
        offsets = [i for i, c in enumerate(text) if c == char]
        chinese = [i for i in offsets
                   if _cjk(_neighbour(text, i, -1)) or _cjk(_neighbour(text, i, 1))]
        if not chinese:
            continue
        reason = f"文本抽取把全角“{full}”转成了半角“{char}”，原文为全角标点。"
        if len(chinese) == len(offsets):
            fixes += _grouped(text, [(i, char, full, reason) for i in chinese])
            continue
        # Some are not in Chinese text (e.g. "1,000"): repair only those with a Chinese neighbour.
        found = []
        for i in chinese:
            if char == "(" or not _cjk(text[i - 1: i] or " "):
                found.append((i, text[i: i + 2], full + text[i + 1: i + 2], reason))
            else:
                found.append((i - 1, text[i - 1: i + 1], text[i - 1] + full, reason))
        fixes += _grouped(text, found)
    return fixes


_ENGLISH_WORDS = {"and": "和", "or": "或"}  # machine-translation leftovers seen in OCR copies
_STUTTER_WORDS = set("人天常个家户年月层处时刻步")  # characters Chinese doubles on purpose


def stray_words(text: str) -> list[Fix]:
    """An English conjunction between Chinese words: “作用 and 广泛”."""
    found = []
    for match in re.finditer(r"([\u4e00-\u9fff]{2}) (and|or) ([\u4e00-\u9fff]{2})", text):
        left, word, right = match.groups()
        found.append((match.start(), match.group(), left + _ENGLISH_WORDS[word] + right,
                      f"文本抽取把原文的“{_ENGLISH_WORDS[word]}”错成了英文单词“{word}”。"))
    fixes = _grouped(text, found)
    for fix in fixes:
        fix.review = "这项更正改动了文字，请对照原件确认。"
    return fixes


def repeated_at_breaks(text: str) -> list[Fix]:
    """A character printed twice across a page break (“农村残⏎残疾人”), found nowhere else."""
    flat = re.sub(r"\s+", "", text)
    found = []
    for match in re.finditer(r"([\u4e00-\u9fff]{2})([\u4e00-\u9fff])(\s*\n\s*)\2"
                             r"([\u4e00-\u9fff]{2})", text):
        left, char, _, right = match.groups()
        if char in _STUTTER_WORDS or flat.count(char * 2) > 1 or flat.count(char + right) < 2:
            continue
        found.append((match.start(), match.group(), left + char + right,
                      f"文本抽取在换页处把“{char}”字重复了一次。"))
    fixes = _grouped(text, found)
    for fix in fixes:
        fix.review = "这项更正删去了一个字，请对照原件确认。"
    return fixes


def apply(text: str, fixes: list[Fix]) -> str:
    for fix in fixes:
        text = text.replace(fix.find, fix.replace)
    return text


def character_fixes(source: str) -> tuple[str, list[Fix]]:
    """Repair character artifacts rule by rule; every line stays on its line number."""
    text, fixes = source, []
    for rule in (markdown_marks, page_marks, half_width_punctuation, stray_words,
                 repeated_at_breaks):
        found = rule(text)
        text = apply(text, found)
        fixes += found
    return text, fixes


# ---------------------------------------------------------------- whitespace inside a piece

_RUN = re.compile(r"\s+")
LINE_BREAK = "句子中间的换行，是排版或文本抽取造成的，不是分段。"
STRAY_SPACE = "日期、数字或文字中间多余的空格，是排版或文本抽取造成的。"


def removable(text: str, match: re.Match[str]) -> str | None:
    """Why a whitespace run inside a piece of text goes, or None when it is the document's own
    (a space between Latin words or between two numbers)."""
    if "\n" in match.group():
        return LINE_BREAK
    before, after = text[match.start() - 1: match.start()], text[match.end(): match.end() + 1]
    if not before or not after:
        return None
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return None
    if before.isdigit() and after.isdigit():
        return None
    return STRAY_SPACE


def tidy(piece: str) -> str:
    """A piece of text as the draft holds it: artifacts of whitespace removed, ends trimmed."""
    piece = piece.strip()
    return _RUN.sub(lambda m: "" if removable(piece, m) else m.group(), piece)


def _context(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    left = start
    while left > 0 and start - left < width and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and right - end < width and not text[right].isspace():
        right += 1
    return left, right


def whitespace_fixes(text: str, spans: list[tuple[int, int]]) -> list[Fix]:
    """One correction per distinct whitespace artifact inside the given pieces of text."""
    runs: dict[int, tuple[int, str]] = {}
    for start, end in spans:
        piece = text[start:end]
        stripped = len(piece) - len(piece.lstrip())
        inner = piece.strip()
        for match in _RUN.finditer(inner):
            reason = removable(inner, match)
            if reason:
                runs[start + stripped + match.start()] = (start + stripped + match.end(), reason)
    found = []
    for run_start, (run_end, reason) in runs.items():
        for width in (2, 4, 8):
            left, right = _context(text, run_start, run_end, width)
            find = text[left:right]
            elsewhere = [m.start() for m in re.finditer(re.escape(find), text)
                         if m.start() + (run_start - left) not in runs]
            if not elsewhere:
                break
        replace = text[left:run_start] + text[run_end:right]
        found.append((run_start, find, replace, reason))
    fixes = _grouped(text, found)
    for fix in fixes:  # a find also covers runs another (wider) find was made for
        fix.lines = sorted({line_of(text, m.start()) for m in re.finditer(re.escape(fix.find), text)})
    return fixes


def corrections(source: str, fixes: list[Fix]) -> list[tuple[Correction, Fix]]:
    """The fixes as the model's corrections, counted as `policysite validate` will count them."""
    result: list[tuple[Correction, Fix]] = []
    text = source
    for fix in fixes:
        count = text.count(fix.find)
        if count == 0:
            continue  # an earlier, wider repair already took it
        result.append((Correction(find=fix.find, replace=fix.replace, count=count,
                                  where=fix.where(), reason=fix.reason), fix))
        text = text.replace(fix.find, fix.replace)
    return result

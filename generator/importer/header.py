"""The notice before the plan and the imprint (版记) after it, as GB/T 9704 prints them.

Top: issuer mark (…文件), number (…〔2026〕15号), notice title (ending 通知), addressees (ending
“：”), notice paragraphs, signatory, date written, 附注 in brackets, then the plan's title.
Bottom: 抄送, 公开属性, printer and the date of issue (…印发). Whatever is absent stays absent;
what the model requires but the document lacks is reported for review.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from generator.fidelity import without_whitespace
from generator.importer.layout import LABEL, Line, Pieces, paragraphs

_NUMBER = re.compile(r"^\S{1,15}[〔\[［（(]\d{4}[〕\]］）)]\d{1,4}号$")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_ISSUED = re.compile(r"^(.*?)(\d{4}年\d{1,2}月\d{1,2}日)印发$")
_NOTE = re.compile(r"^[（(]([^（）()]{1,30})[）)]$")


def iso_date(printed: str) -> dt.date | None:
    """“2026年4月2日” (spaces ignored) → 2026-04-02; None when it is no date."""
    match = _DATE.fullmatch(without_whitespace(printed))
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


@dataclass
class Header:
    document: dict = field(default_factory=dict)
    title: str = ""
    body: list[Line] = field(default_factory=list)
    review: dict[tuple, str] = field(default_factory=dict)  # YAML path → what to check
    missing: list[str] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # issuer mark, number, title as printed


def _take_until(lines: list[Line], start: int, done, limit: int) -> int | None:
    """The index after the first run of lines (at most `limit`) whose joined text is done."""
    joined = ""
    for index in range(start, min(len(lines), start + limit)):
        joined += without_whitespace(lines[index].text)
        if done(joined):
            return index + 1
    return None


def _plan_title_end(lines: list[Line], start: int, notice_title: str) -> int:
    """The plan's title repeats the name the notice title issues (…印发《X》的通知)."""
    named = re.search(r"印发(.+?)的(?:通知|意见)$", without_whitespace(notice_title))
    expected = named.group(1).strip("《》") if named else ""
    joined = ""
    for index in range(start, min(len(lines), start + 4)):
        joined += without_whitespace(lines[index].text)
        if not expected.startswith(joined):
            break
        if joined == expected:
            return index + 1
    return start + 1


_SIGNED_ON_ONE_LINE = re.compile(r"^(\S.{1,30}?)\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


def _signature(lines: list[Line], start: int, pieces: Pieces, full: int | None,
               doc: dict) -> int | None:
    """Notice paragraphs up to the signatory and the date written (on the next line or the
    same one); the index after them, or None when there is no signature."""
    for j in range(start, min(len(lines), start + 40)):
        if LABEL.match(lines[j].text):
            continue
        one_line = _SIGNED_ON_ONE_LINE.match(lines[j].text)
        if one_line and iso_date(one_line.group(2)):
            taken, day = 1, iso_date(one_line.group(2))
        elif j + 1 < len(lines) and iso_date(lines[j + 1].text):
            taken, day = 2, iso_date(lines[j + 1].text)
        else:
            continue
        doc["notice"] = [pieces.of(group) for group in paragraphs(lines[start:j], full)]
        signed = pieces.of([lines[j]])
        if taken == 2:
            pieces.of([lines[j + 1]])
        doc["signatory"] = signed[: signed.find(str(day.year))] if taken == 1 else signed
        doc["date_written"] = day
        return j + taken
    return None


def _number(lines: list[Line], i: int, pieces: Pieces, header: Header) -> int:
    if "number" not in header.document and i < len(lines) and \
            _NUMBER.match(without_whitespace(lines[i].text)):
        header.document["number"] = pieces.of([lines[i]])
        header.order.append("number")
        return i + 1
    return i


def parse_top(lines: list[Line], pieces: Pieces, full: int | None, header: Header) -> int:
    """Fill the notice's fields; return the index of the first line after the plan's title."""
    doc, i = header.document, 0
    if i < len(lines) and lines[i].text.endswith("文件") and len(lines[i].text) <= 30:
        doc["issuer_mark"] = pieces.of([lines[i]])
        header.order.append("issuer_mark")
        i += 1
    i = _number(lines, i, pieces, header)
    end = _take_until(lines, i, lambda t: t.endswith(("通知", "意见")), 6)
    if end is None or i + 1 >= len(lines):  # the plan alone, as some web pages print it
        header.missing += ["number", "notice_title", "addressees", "notice", "signatory",
                           "date_written"]
        header.title = pieces.of([lines[i]]) if i < len(lines) else ""
        header.review[("title",)] = "没有找到通知部分，按第一行读作方案标题，请核对。"
        return i + 1
    doc["notice_title"] = pieces.of(lines[i:end])
    header.order.append("notice_title")
    i = _number(lines, end, pieces, header)  # web pages often print the number after the title
    if "number" not in doc:
        header.missing.append("number")
    end = _take_until(lines, i, lambda t: t.endswith(("：", ":")), 4)
    if end is not None:
        doc["addressees"] = pieces.of(lines[i:end]).rstrip("：:")
        i = end
    else:
        header.missing.append("addressees")
    after = _signature(lines, i, pieces, full, doc)
    if after is None:
        header.missing += ["signatory", "date_written"]
        return i
    i = after
    note = _NOTE.match(lines[i].text) if i < len(lines) else None
    if note:
        doc["note"] = note.group(1).strip()
        pieces.of([lines[i]])
        i += 1
    end = _plan_title_end(lines, i, doc["notice_title"])
    header.title = pieces.of(lines[i:end])
    if end == i + 1 and not doc["notice_title"].count(without_whitespace(header.title)):
        header.review[("title",)] = "方案标题按位置读出，与通知标题中的名称不一致，请核对。"
    return end


def parse_bottom(lines: list[Line], pieces: Pieces, header: Header) -> int:
    """Fill the imprint's fields; return the index of its first line (the body ends there)."""
    doc, end = header.document, len(lines)
    issued = _ISSUED.match(without_whitespace(lines[end - 1].text)) if lines else None
    if not issued:  # web copies often end without the imprint, or with 抄送 only
        header.missing += ["printer", "date_issued"]
    elif issued.group(1):
        doc["date_issued"] = iso_date(issued.group(2))
        printer_text = pieces.of([lines[end - 1]])
        doc["printer"] = printer_text[: printer_text.find(issued.group(2)[:4])].strip()
        end -= 1
    else:
        doc["date_issued"] = iso_date(issued.group(2))
        pieces.of([lines[end - 1]])
        doc["printer"] = pieces.of([lines[end - 2]])
        end -= 2
    if end and without_whitespace(lines[end - 1].text).startswith("公开属性："):
        doc["disclosure"] = pieces.of([lines[end - 1]]).split("：", 1)[1].strip()
        end -= 1
    start = next((j for j in range(end - 1, max(-1, end - 5), -1)
                  if lines[j].text.startswith("抄送")), None)
    if start is not None:
        cc = pieces.of(lines[start:end]).split("：", 1)[1].rstrip("。")
        doc["cc"] = [unit.strip() for unit in cc.split("，") if unit.strip()]
        end = start
    return end


def parse(lines: list[Line], pieces: Pieces, full: int | None) -> Header:
    header = Header()
    # The imprint first: its lines must not end up in the notice if the top is unusual.
    bottom = parse_bottom(lines, pieces, header)
    top = parse_top(lines[:bottom], pieces, full, header)
    header.body = lines[top:bottom]
    return header

"""Checks of the plain-language summaries (通俗说明) against their node's own text.

The standard is written for staff in content/guide/summaries.md. A machine can be certain of
some of it, and those are errors: a number the text does not contain, a contact that is not a
responsible organisation of the node, a summary without its review record. Where judgement is
needed (a hedge the summary may have lost, a long sentence, an abbreviation left unexplained, a
summary that names nobody to ask) the checks are warnings that point at the line to reread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from generator import fidelity
from generator.load import Dataset, LoadedPlan
from generator.model import Glossary, Node, Region
from generator.problems import Problem, Severity, dotted
from generator.tree import Placed, descendants, responsibilities, walk

MAX_SENTENCE = 60  # characters; the standard in content/guide/summaries.md

# report(message, hint, severity="error", at=summary path): one problem at the summary's line.
Report = Callable[..., None]

# Words that make a measure conditional or a goal rather than a promise. `可` is a hedge on its
# own, but not inside 许可 (a licence) or 认可.
_HEDGE = re.compile(r"鼓励|支持|引导|推动|探索|有条件|逐步|力争|(?<![许认])可")
# A summary may also keep a condition with these words.
_SUMMARY_HEDGE = re.compile(_HEDGE.pattern + r"|符合条件|按规定|适当|争取")

# “可咨询市残联或市人社局”, “可以找……”, “请联系……”, “可向……申请”: the standard's form for
# whom to ask. The clause runs to the next punctuation mark; “可以找工作” and “可向……倾斜”
# are not contacts.
_VERBS = "咨询|申请|报名|了解|反映|询问|办理|登记"
_CONTACT = re.compile(
    r"(?:可以|可|请)(?:(?:咨询|询问|联系|找(?!到|工作|岗位)|问(?!题))(?P<who>[^，,。；;！？：:]*)"
    rf"|向(?P<via>[^，,。；;！？：:]*?)(?:{_VERBS}))"
)
_SEPARATORS = "、或和及与/"
_CONTACT_VERBS = re.compile(rf"^(?:{_VERBS})")

# Arabic numbers; digits glued to Latin letters are codes (“F03”), not quantities.
_ARABIC = re.compile(r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?")
# Chinese numerals that count something (“两次”, “一名”); words such as 一人一策 are phrases
# the text contains as they are.
_MEASURES = "次名个人家年项月倍"
_CHINESE = re.compile(rf"(?<!第)([一二两三四五六七八九十百]+)(?=[{_MEASURES}])")
_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
_SENTENCE_END = re.compile(r"(?<=[。！？!?])")


def plan_summary_problems(dataset: Dataset, loaded: LoadedPlan) -> list[Problem]:
    """The summaries of one plan against the standard (checks.plan_problems runs this)."""
    problems: list[Problem] = []
    region = dataset.regions.get(loaded.region_id)
    for placed in walk(loaded.plan):
        problems += _check_node(loaded, placed, region, dataset.glossary)
    return problems


def _check_node(loaded: LoadedPlan, placed: Placed, region: Region | None,
                glossary: Glossary | None) -> list[Problem]:
    node, path = placed.node, (*placed.path, "summary")
    found: list[Problem] = []

    def report(message: str, hint: str, severity: Severity = "error",
               at: tuple[str | int, ...] = path) -> None:
        line, column = loaded.located.position(at)
        found.append(Problem(loaded.file, line, column, dotted(at), message, hint, severity))

    _check_provenance(loaded, placed, report)
    if not node.summary:
        return found
    summary = fidelity.without_whitespace(node.summary)
    text = fidelity.without_whitespace("".join(fidelity.node_text(node)))
    for number in _missing_numbers(summary, text):
        report(f"通俗说明中的数字“{number}”在本条原文中找不到。",
               "数字、比例、期限照原文写（原文写“2027年底前”就写 2027年底前）；"
               "原文没有的数字不要写。")
    if region is not None:
        responsible = _responsible_names(placed, region)
        _check_contacts(summary, responsible, region, node, report)
        _check_abbreviations(summary, region, glossary, report)
    _check_hedges(summary, _paragraph_text(placed), report)
    for sentence in _SENTENCE_END.split(summary):
        if len(sentence) > MAX_SENTENCE:
            report(f"通俗说明有一句长 {len(sentence)} 个字（不超过 {MAX_SENTENCE} 个字）：“{sentence[:20]}……”。",
                   "拆成两句，一句只说一件事。", "warning")
    return found


def _check_provenance(loaded: LoadedPlan, placed: Placed, report: Report) -> None:
    node, path = placed.node, placed.path
    reviewed = (node.summary_reviewed_by, node.summary_reviewed_on)
    if node.summary and None in reviewed:
        report("通俗说明缺少审核记录。",
               "对照原文审核后，在 summary 下面写 summary_reviewed_by（审核人的岗位，"
               "例如“本站内容编辑”）和 summary_reviewed_on（审核日期，例如 2026-11-29）。")
    if not node.summary and any(value is not None for value in reviewed):
        report("没有通俗说明，却写了审核记录。", "删掉 summary_reviewed_by 和 summary_reviewed_on，"
               "或补上通俗说明。", at=(*path, "summary_reviewed_by"))
    # A document without an imprint (版记) has no date of issue: its written date stands in.
    document = loaded.plan.document
    issued, word = (document.date_issued, "印发日期") if document.date_issued else \
        (document.date_written, "成文日期")
    if node.summary_reviewed_on and issued and node.summary_reviewed_on < issued:
        report(f"审核日期 {node.summary_reviewed_on} 早于方案的{word} {issued}。",
               "核对审核日期：说明只能在文件印发后对照原文审核。",
               at=(*path, "summary_reviewed_on"))


def _missing_numbers(summary: str, text: str) -> Iterator[str]:
    for match in _ARABIC.finditer(summary):
        number = match.group(0)
        if not re.search(rf"(?<![0-9.]){re.escape(number)}(?![0-9]|\.[0-9])", text):
            yield number
    for match in _CHINESE.finditer(summary):
        numeral = match.group(1)
        measure = summary[match.end()]
        value = _chinese_value(numeral)
        if numeral + measure in text or (value is not None and
                                          re.search(rf"(?<![0-9.]){value}{measure}", text)):
            continue
        yield numeral + measure


def _chinese_value(numeral: str) -> int | None:
    """一 … 九十九 (and 两); None for what this simple reading does not cover."""
    tens, ten, units = numeral.partition("十")
    if not ten:
        return _CHINESE_DIGITS.get(numeral)
    if (tens and tens not in _CHINESE_DIGITS) or (units and units not in _CHINESE_DIGITS):
        return None
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def _responsible_names(placed: Placed, region: Region) -> set[str]:
    """Every name and alias of the organisations responsible for this node: its own brackets,
    its measures' brackets, and a bracket printed after an ancestor (which covers it too)."""
    printed: set[str] = set()
    for holder in [placed, *descendants(placed)]:
        for responsibility, _ in responsibilities(holder):
            printed.update(responsibility.organisations)
    for ancestor in placed.ancestors:
        if ancestor.responsibility:
            printed.update(ancestor.responsibility.organisations)
    names = set(printed)
    for organisation in region.organisations:
        if {organisation.name, *organisation.aliases} & printed:
            names.update({organisation.name, *organisation.aliases})
    return names


def _check_contacts(summary: str, responsible: set[str], region: Region, node: Node,
                    report: Report) -> None:
    known = {name for o in region.organisations for name in (o.name, *o.aliases)} | responsible
    contacts = [match.group("who") or match.group("via") or ""
                for match in _CONTACT.finditer(summary)]
    for clause in contacts:
        for name in _contact_names(clause, known):
            if name not in responsible:
                choices = "、".join(sorted(responsible)) or "（本条没有印出责任单位）"
                report(f"通俗说明让读者找“{name}”，它不是本条的责任单位。",
                       f"只写本条责任单位的名称或别名，照登记册的写法：{choices}。")
    if node.kind == "action" and responsible and not contacts:
        report("通俗说明没有写明读者可以找谁。",
               "在说明末尾加一句“可咨询……”，写本条的一个责任单位，例如"
               f"“可咨询{sorted(responsible)[0]}”。", "warning")


def _contact_names(clause: str, known: set[str]) -> list[str]:
    """The organisations a contact clause names: registry names (which may hold 、 or
    brackets themselves) matched longest first, an explanation in brackets skipped, and the
    verb that ends the clause (“……申请”) dropped; anything else is an unknown name."""
    longest_first = sorted(known, key=len, reverse=True)
    names: list[str] = []
    rest = clause
    while rest := rest.lstrip(_SEPARATORS):
        if _CONTACT_VERBS.match(rest):
            break
        if rest[0] in "（(":
            close = min((i for i in (rest.find("）"), rest.find(")")) if i >= 0),
                        default=len(rest) - 1)
            rest = rest[close + 1:]
            continue
        name = next((n for n in longest_first if rest.startswith(n)), None)
        if name is None:
            name = re.split(rf"[{_SEPARATORS}（(]", rest, maxsplit=1)[0]
            name = re.sub(rf"(?:{_VERBS}).*$", "", name)
        if name:
            names.append(name)
        rest = rest[len(name):] if name else rest[1:]
    return names


def _check_abbreviations(summary: str, region: Region, glossary: Glossary | None,
                         report: Report) -> None:
    """A registry name shorter than its full name is an abbreviation: the glossary must
    explain it (the page links it), or the summary must, in brackets right after it."""
    terms = [entry.term for entry in glossary.entries] if glossary else []
    for organisation in region.organisations:
        full = organisation.full_name
        for name in (organisation.name, *organisation.aliases):
            if name not in summary or not full or name in full:
                continue
            if any(term in name for term in terms) or f"{name}（" in summary:
                continue
            report(f"通俗说明中的简称“{name}”没有解释（全称：{full}）。",
                   "把这个简称加进 regions/glossary.yaml（网页会链接到解释），"
                   f"或在说明中紧跟着用括号写出全称“{name}（{full}）”。", "warning")


def _paragraph_text(placed: Placed) -> str:
    """The paragraphs of a node and its measures, without headings and brackets."""
    nodes = [placed.node, *(child.node for child in descendants(placed))]
    return fidelity.without_whitespace("".join(p.text for n in nodes for p in n.paragraphs))


def _check_hedges(summary: str, text: str, report: Report) -> None:
    """A text that encourages, supports or aims must not become a promise in the summary."""
    hedges = sorted(set(_HEDGE.findall(text)))
    if not hedges:
        return
    without_contacts = _CONTACT.sub("", summary)
    if not _SUMMARY_HEDGE.search(without_contacts):
        report(f"原文有“{'、'.join(hedges)}”等限定词，通俗说明却一个也没有。",
               "对照原文核对：鼓励、支持、引导、有条件的、逐步、力争、可等措施"
               "不能写成肯定会做到的承诺，照原文保留这些词。", "warning")

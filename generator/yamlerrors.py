"""PyYAML's syntax errors → one problem in Chinese, at the place where the trouble starts.

The parser reports where it got stuck, which is often far from the mistake: a quote opened on
line 3 and never closed swallows everything up to the next quote, maybe on line 63, and the
error is reported there; an unclosed "[" is reported at the next line's colon. So before
translating, look for the quote or bracket that was opened and not closed on its own line, and
report that line. The parser's English problem kinds are translated; none reaches staff.
"""

from __future__ import annotations

import re

import yaml

from generator.problems import Problem

# A line that starts with a bare field name and a colon: "   end:" or "  - kind:".
_KEY_AT_LINE_START = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*$")
# Inside a quoted value: a later line that looks like a field of its own.
_KEY_LINE = re.compile(r"\n\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")
_QUOTES = {"'": "单引号", '"': "双引号"}
_BRACKETS = {"while parsing a flow sequence": ("方括号", "[", "]"),
             "while parsing a flow mapping": ("大括号", "{", "}")}

# (fragment of PyYAML's problem, message, hint), first match wins.
_KINDS: list[tuple[str, str, str]] = [
    ("found character", "这一行以 YAML 不允许的字符开头。",
     "如果这是正文文字，请用引号把整个值括起来。"),
    ("unknown escape character", "双引号里的反斜杠“\\”后面不是 YAML 认识的转义写法。",
     "反斜杠本身要写成“\\\\”；也可以改用单引号，或者去掉引号。"),
    ("expected escape sequence", "双引号里的转义写法不完整（例如“\\u”后面要有 4 位十六进制数）。",
     "改正转义写法；反斜杠本身要写成“\\\\”。"),
    ("chomping or indentation indicators", "“|”或“>”后面只能紧跟换行。",
     "多行文字写成“字段: |”再换行，正文缩进两个空格；如果“|”“>”是正文的一部分，请给整个值加引号。"),
    ("indentation indicator", "“|”或“>”后面的缩进数字不对。",
     "去掉“|”“>”后面的数字，直接换行写正文。"),
    ("expected a comment or a line break", "这一行在该结束的地方后面还有文字。",
     "如果这些文字是正文，请给整个值加引号；否则删掉它们。"),
    ("another document", "一个文件只能有一份数据：这一行的“---”把文件分成了两份。",
     "删掉这一行的“---”；如果是正文，请给整个值加引号。"),
    ("<document start>", "一个文件只能有一份数据：“...”或“---”之后不能再写内容。",
     "删掉“...”或“---”那一行；如果是正文，请给整个值加引号。"),
    ("undefined tag handle", "不允许使用 YAML 标签（以 ! 开头）。",
     "删掉以 ! 开头的标签，直接写值；需要文字时用引号括起来。"),
    ("sequence entries are not allowed here", "这里不能开始一个列表项（“- ”）。",
     "列表项要另起一行；如果“-”是正文的开头，请给整个值加引号。"),
    ("could not find expected ':'", "这里缺少“冒号+空格”。",
     "字段名后面要写“: ”再写值；如果这一行是上一行文字的延续，检查上一行的引号和缩进。"),
    ("alphabetic or numeric character", "“&”或“*”在 YAML 中有特殊含义，不能这样开头。",
     "如果它是正文的一部分，请给整个值加引号。"),
    ("expected the node content", "这里缺少内容：YAML 在这里等着一个值。",
     "检查是否多了逗号、冒号或括号；正文含这些符号时请加引号。"),
    ("directive", "文件中不能有以“%”开头的指令行。", "删掉以 % 开头的那一行。"),
    ("expected ' '", "文件中不能有以“%”开头的指令行。", "删掉以 % 开头的那一行。"),
]


def _tokens_before(text: str, index: int) -> list[yaml.Token]:
    """The scanner's tokens that start before `index` (the scanner may stop early itself)."""
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    return tokens


def _unclosed_quote(text: str, stuck: yaml.Mark) -> Problem | None:
    """A quoted value that runs over lines into what are obviously further fields."""
    for token in reversed(_tokens_before(text, stuck.index)):
        if not isinstance(token, yaml.ScalarToken) or token.style not in _QUOTES:
            continue
        start, end = token.start_mark, token.end_mark
        raw = text[start.index:end.index]
        if start.line != end.line and (end.line == stuck.line or _KEY_LINE.search(raw)):
            return _quote_problem(token.style, start, f"到第 {end.line + 1} 行的下一个引号为止")
        return None  # the last quoted value before the error is fine: look no further
    return None


def _quote_problem(quote: str, start: yaml.Mark, until: str) -> Problem:
    return Problem(
        "", start.line + 1, start.column + 1, "",
        f"这一行的{_QUOTES[quote]}（{quote}）没有在这一行结束：YAML 把从这里{until}的文字都当成了"
        "一个值，所以在后面出错。",
        f"在这个值的末尾补上配对的 {quote}，或者删掉开头的 {quote}（不含特殊符号的中文正文不需要引号）。",
    )


def _flow_problem(error: yaml.MarkedYAMLError, stuck: yaml.Mark) -> Problem | None:
    opened = error.context_mark
    if error.context not in _BRACKETS or opened is None:
        return None
    name, left, right = _BRACKETS[error.context]
    if opened.line != stuck.line:
        return Problem(
            "", opened.line + 1, opened.column + 1, "",
            f"这一行的{name}“{left}”没有配对的“{right}”：YAML 一直读到第 {stuck.line + 1} 行才发现出错。",
            f"在这一行的末尾补上“{right}”，或者改成每项一行的写法（“- 项目”）。",
        )
    return Problem(
        "", stuck.line + 1, stuck.column + 1, "",
        f"{name}“{left} {right}”里的写法不对：各项之间要用逗号分隔，项里有冒号或逗号时要加引号。",
        "改成每项一行的写法（“- 项目”）最不容易出错。",
    )


def syntax_problem(error: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    """The problem to show for a syntax error: where it starts, in Chinese."""
    stuck = error.problem_mark or error.context_mark
    if stuck is None:
        return Problem(file, 1, 1, "", "YAML 格式有误。", "检查文件的缩进、冒号和引号。")
    kind = (error.problem or "").strip()
    opened = error.context_mark
    if error.context == "while scanning a quoted scalar" and opened is not None:
        quote = text[opened.index] if text[opened.index] in _QUOTES else '"'
        found = _quote_problem(quote, opened, "一直到文件末尾" if "end of stream" in kind
                               else f"到第 {stuck.line + 1} 行")
    elif error.context == "while scanning a simple key" and opened is not None \
            and opened.line != stuck.line:
        # A field name that runs over lines: a quote not closed, or a colon left out.
        found = _quote_problem(text[opened.index], opened, f"到第 {stuck.line + 1} 行") \
            if text[opened.index] in _QUOTES else _missing_colon_at(opened.line + 1, opened.column + 1)
    else:
        found = _unclosed_quote(text, stuck) or _flow_problem(error, stuck)
    if found is None and "mapping values are not allowed" in kind:
        found = _missing_colon(text, stuck)
    if found is None:
        message, hint = _translate(kind, text, stuck)
        found = Problem("", stuck.line + 1, stuck.column + 1, "", message, hint)
    return Problem(file, found.line, found.column, "", found.message, found.hint)


def _previous_line(text: str, stuck: yaml.Mark) -> tuple[int, str]:
    """The number (1-based) and text of the last non-blank line before the stuck one."""
    lines = text[:stuck.index - stuck.column].splitlines()
    for number in range(len(lines), 0, -1):
        if lines[number - 1].strip():
            return number, lines[number - 1]
    return 0, ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _missing_colon(text: str, stuck: yaml.Mark) -> Problem | None:
    """`start 2026` above `end: 2027`: the two lines read as one key, whose colon is then "not
    allowed"; the colon is missing on the line above."""
    number, line = _previous_line(text, stuck)
    stuck_line = text[stuck.index - stuck.column:stuck.index]
    if number and ":" not in line and not line.lstrip().startswith("#") \
            and _indent(line) == _indent(stuck_line):
        return _missing_colon_at(number, _indent(line) + 1)
    return None


def _missing_colon_at(line: int, column: int) -> Problem:
    return Problem("", line, column, "",
                   "这一行缺少“冒号+空格”，YAML 把它和下一行连成了一段文字。",
                   "在字段名后面加上“: ”（冒号后面有一个空格），例如“start: 2026”。")


def _translate(kind: str, text: str, stuck: yaml.Mark) -> tuple[str, str]:
    before = text[stuck.index - stuck.column:stuck.index]
    character = re.search(r"found character '(.+?)' that cannot start", kind)
    if character and character.group(1) == "\\t":
        return ("这里有一个制表符（Tab），YAML 在这个位置不认它。",
                "把 Tab 换成空格；如果它是正文的一部分，请给整个值加引号。")
    if character and before.strip():
        return (f"“{character.group(1)}”不能作为值的开头。",
                "如果这是正文文字，请用引号把整个值括起来。")
    if "mapping values are not allowed" in kind and _KEY_AT_LINE_START.match(before):
        # A field indented further than its siblings reads as the continuation of the
        # previous line's value, and then its colon is "not allowed".
        return ("缩进不对齐：这一行的字段比同一层的其他字段缩进得多。",
                "同一层的字段要从同一列开始（每层两个空格）；检查这一行行首的空格数。")
    if "mapping values are not allowed" in kind:
        return ("这里出现了多余的“冒号+空格”，YAML 把它当成了新的字段。",
                "如果冒号是正文的一部分，请把整段文字用引号括起来；否则检查上一行的缩进。")
    if ("expected <block end>" in kind or "<block mapping key>" in kind) \
            and before.rstrip()[-1:] in _QUOTES:
        return ("引号在这里之前就结束了，后面的文字 YAML 读不懂。",
                "整段文字要放在一对引号之内；文字里本身有引号时，外面改用另一种引号，或者去掉外层引号。")
    if "expected <block end>" in kind or "did not find expected key" in kind:
        return ("缩进不对齐：这一行和同一层的其他行没有对齐。",
                "同一层的字段要从同一列开始；列表项的“- ”也要对齐。检查这一行和上一行的空格数。")
    for fragment, message, hint in _KINDS:
        if fragment in kind:
            return message, hint
    return ("YAML 格式有误，这里的写法读不懂。",
            "检查这一行及上一行的缩进、冒号和引号；含特殊符号（: # - [ ] { } & * ! | > ' \" % @）的正文请加引号。")

"""Safe YAML reading that remembers where every value came from.

PyYAML's own loaders drop positions, keep the last of two duplicate keys without a word, expand
aliases (an "alias bomb" can exhaust memory) and guess types (YAML 1.1 reads `no` as false and
`2026-02-30` as a crash). This module composes the node tree itself and refuses anchors, aliases
and tags, limits size and depth, reports duplicate keys, and returns plain values — strings,
lists, dicts and None — with a position for every path. Types are left to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import invisible
from generator.problems import Problem, dotted
from generator.projectfile import decode_utf8, read_project_file
from generator.yamlerrors import syntax_problem

MAX_DEPTH = 40  # the deepest plan nests about 12 levels of YAML
_BOM = "\ufeff"

# Fields copied byte for byte from source.txt: their whitespace is meaningful.
VERBATIM_FIELDS = frozenset({"find", "replace"})

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """A loaded file: plain data plus the line and column of each value and key (1-based)."""

    data: object
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # (start, end) character offsets of every scalar and key, with its path: what field a
    # character at some offset of the file belongs to.
    spans: list[tuple[int, int, Path_]] = field(default_factory=list, repr=False)

    def position(self, path: Path_) -> tuple[int, int]:
        """The closest known position: the key if the path names one, else its nearest parent."""
        path = tuple(path)
        while path:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str, hint: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


def _as_written(tag: str) -> str:
    """A tag as staff typed it: PyYAML expands `!!python/object` to `tag:yaml.org,2002:…`."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


class _Refusing:
    """Refuses, while composing the node tree, what a plain data file never needs."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark,
                "不允许使用 YAML 别名（*名称）。",
                "把要重复的内容直接写出来；本项目的数据文件不使用锚点和别名。",
            )
        if getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "不允许使用 YAML 锚点（&名称）。",
                "删掉 & 和它后面的名称；本项目的数据文件不使用锚点和别名。",
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(
                event.start_mark,
                f"不允许使用 YAML 标签“{_as_written(tag)}”。",
                "删掉以 ! 开头的标签，直接写值；需要文字时用引号括起来。",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                f"嵌套层次太深（超过 {MAX_DEPTH} 层）。",
                "检查缩进是否一层层越缩越多；方案的层级通常不超过十几层。",
            )
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1


class _Composer(_Refusing, yaml.SafeLoader):
    """Builds the node tree only, in Python: its errors name every problem precisely."""


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml: the Python composer alone
    CParser = None


def _fast_node(text: str) -> yaml.Node | None:
    """The same node tree from libyaml's parser (C, several times faster), composed by the same
    Python code with the same refusals; None whenever anything is wrong, so that the Python
    parser reads the file again and reports it exactly. A file with backslash escapes goes the
    Python way too: the check for escaped invisible characters reads the marks' buffer, which
    libyaml's marks lack, and so does a file with a tab, which libyaml accepts in places the
    Python parser (and so our message about it) does not."""
    if CParser is None or "\\" in text or "\t" in text:
        return None

    class Fast(_Refusing, yaml.composer.Composer, CParser, yaml.resolver.Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

    parser = Fast(text)
    try:
        return parser.get_single_node()
    except (yaml.YAMLError, _Refused):
        return None
    finally:
        parser.dispose()


# Whitespace next to a Chinese character or full-width punctuation mark is never meant: it comes
# from YAML folding a long line, or from PDF extraction. Between two Latin words it is kept.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2018-\u201d\u2014\u2026"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")


def tidy_text(text: str) -> str:
    return _SPACE_NEAR_CJK.sub("", text).strip()


def _scalar(node: yaml.ScalarNode, verbatim: bool) -> str | None:
    """Every scalar is text, or None when empty; the model turns text into numbers and dates."""
    if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
        return None
    return node.value if verbatim else tidy_text(node.value)


def _convert(node: yaml.Node, path: Path_, out: Located, problems: list[Problem],
             file: str, verbatim: bool = False) -> object:
    out.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        out.spans.append((node.start_mark.index, node.end_mark.index, path))
        if node.style == '"' and not verbatim:
            problems.extend(_escaped_invisible(node, path, file))
        return _scalar(node, verbatim)
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, index), out, problems, file, verbatim)
            for index, item in enumerate(node.value)
        ]
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode) or not key_node.value:
            problems.append(Problem(file, line, column, dotted(path), "字段名必须是简单的文字。",
                                    "写成“字段名: 值”，字段名不要用列表或大括号。"))
            continue
        key = key_node.value
        if key in result:
            first_line = out.keys[(*path, key)][0]
            problems.append(Problem(
                file, line, column, dotted((*path, key)),
                f"字段“{key}”重复出现（第一次在第 {first_line} 行）。",
                "同一层里每个字段只能写一次：删掉多余的一个，或把两处内容合并。",
            ))
            continue
        out.keys[(*path, key)] = (line, column)
        out.spans.append((key_node.start_mark.index, key_node.end_mark.index, (*path, key)))
        result[key] = _convert(value_node, (*path, key), out, problems, file,
                               verbatim or key in VERBATIM_FIELDS)
    return result



# The line breaks YAML counts (and so every mark it reports): not str.splitlines(), which also
# breaks at form feeds and other separators that PDF extraction leaves in text.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _tab_problems(text: str, file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(
                file, number, indent.index("\t") + 1, "",
                "这一行用制表符（Tab）缩进，YAML 只认空格。",
                "把行首的 Tab 换成空格（每层两个空格）；编辑器里可以打开“用空格代替 Tab”。",
            ))
    return problems


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset, counting lines as YAML does."""
    breaks = list(_LINE_BREAK.finditer(text, 0, offset))
    return len(breaks) + 1, offset - (breaks[-1].end() if breaks else 0) + 1


def _control_character_problem(error: yaml.reader.ReaderError, text: str,
                               file: str) -> Problem:
    line, column = line_and_column(text, error.position)
    return Problem(
        file, line, column, "",
        f"这一行有看不见的控制字符（U+{error.character:04X}），YAML 不允许。",
        "删掉这个字符（常见于从网页或 PDF 复制的文字），必要时把这一行重新输入一遍。",
    )


def load_yaml(path: Path, display_name: str,
              root: Path | None = None) -> tuple[Located | None, list[Problem]]:
    """Read one YAML file inside `root` (default: its own folder). Returns the data (None when
    unreadable) and every problem found."""
    file = display_name
    raw, unreadable = read_project_file(path, root or path.parent, file)
    if raw is None:
        return None, unreadable
    text, undecodable = decode_utf8(raw, file)
    if text is None:
        return None, undecodable
    problems: list[Problem] = []
    if text.startswith(_BOM):
        text = text[1:]
        problems.append(Problem(
            file, 1, 1, "", "文件开头有字节顺序标记（BOM），已自动忽略。",
            "可以改存为“UTF-8（无 BOM）”，不改也能正常发布。", severity="warning",
        ))
    tabs = _tab_problems(text, file)
    if tabs:
        return None, problems + tabs
    try:
        # The reader checks every character when it is created, so this is inside the try.
        composer = _Composer(text)
    except yaml.reader.ReaderError as error:
        return None, [*problems, _control_character_problem(error, text, file)]
    try:
        root = _fast_node(text) or composer.get_single_node()
    except _Refused as refused:
        mark = refused.mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [*problems, Problem(file, line, column, "", refused.message, refused.hint)]
    except yaml.MarkedYAMLError as error:
        return None, [*problems, syntax_problem(error, file, text)]
    except yaml.YAMLError:  # every error with a position is handled above
        return None, [*problems, Problem(file, 1, 1, "", "YAML 格式有误。",
                                         "检查文件的缩进、冒号和引号。")]
    finally:
        composer.dispose()
    if root is None:
        return None, [*problems, Problem(file, 1, 1, "", "文件是空的。", "按维护指南填写内容。")]
    located = Located(data=None)
    located.data = _convert(root, (), located, problems, file)
    problems += _invisible_problems(text, located, file)
    return located, problems


def _escaped_invisible(node: yaml.ScalarNode, path: Path_, file: str) -> list[Problem]:
    """Invisible characters written as escapes ("\\u202E"): visible in the file, but not on the
    page. Only corrections may name them, to remove them from the source."""
    mark = node.start_mark
    raw = mark.buffer[mark.index:node.end_mark.index] if mark.buffer else ""
    escaped = sorted({c for _, c in invisible.find(node.value)} - set(raw))
    if not escaped:
        return []  # none, or written as they are (reported with their exact column)
    return [Problem(
        file, mark.line + 1, mark.column + 1, dotted(path),
        f"这里用转义写法写进了看不见的字符：{'、'.join(map(invisible.describe, escaped))}。"
        "网页上看不见它，却会让文字读起来和看上去不一样。",
        "删掉这个转义写法。只有 corrections 的 find 和 replace 可以这样写原文里看不见的字符。",
    )]


def _invisible_problems(text: str, located: Located, file: str) -> list[Problem]:
    """One problem for each invisible character written as it is (an escape can be seen)."""
    problems = []
    for offset, character in invisible.find(text):
        path = next((p for start, end, p in located.spans if start <= offset < end), ())
        line, column = line_and_column(text, offset)
        problems.append(Problem(
            file, line, column, dotted(path),
            f"这里有一个看不见的字符：{invisible.describe(character)}。"
            "它会让文字读起来和看上去不一样，读屏软件也会读错。",
            "删掉这个字符（它常随从网页、PDF 或聊天软件复制的文字带进来；在编辑器里按方向键"
            "经过它时，光标会原地多停一下）。原文里有它时，YAML 里也不要抄录，并在 corrections "
            f"中登记删除，find 用双引号写成转义形式：\"\\u{ord(character):04X}\"。",
        ))
    return problems

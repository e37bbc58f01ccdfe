"""Problems found in the data, kept as values until the edge where they are shown to a person.

Every problem names the file, line and column, the field, what is wrong and how to fix it, in
Chinese for staff. On GitHub Actions the same problems become `::error` annotations that land
on the right line of the pull request's diff.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]
_SEVERITY_WORD = {"error": "错误", "warning": "提醒"}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def human(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        lines = [f"{where}: {_SEVERITY_WORD[self.severity]}：{self.message}"]
        if self.field:
            lines.append(f"    字段：{self.field}")
        if self.hint:
            lines.append(f"    怎么改：{self.hint}")
        return "\n".join(lines)

    def github(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message; commas and colons in
        # properties too (docs: "workflow commands").
        def escape_data(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def escape_property(text: str) -> str:
            return escape_data(text).replace(":", "%3A").replace(",", "%2C")

        body = self.message + (f"（字段 {self.field}）" if self.field else "")
        if self.hint:
            body += f" 怎么改：{self.hint}"
        level = "error" if self.severity == "error" else "warning"
        return (
            f"::{level} file={escape_property(self.file)},line={self.line},"
            f"col={self.column},title={escape_property('数据错误')}::{escape_data(body)}"
        )


def dotted(path: tuple[str | int, ...]) -> str:
    """A field path as staff read it: body[1].children[0].title."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def relative(path: Path, root: Path) -> str:
    """File names in messages are relative to the project, with forward slashes."""
    # The name as it stands in the project first: a link is named by itself, never by where it
    # leads (which may lie outside the project).
    real = (Path(os.path.realpath(root)), Path(os.path.realpath(path)))  # never raises on loops
    for base, target in ((root.absolute(), path.absolute()), real):
        try:
            return target.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(problem.severity == "error" for problem in problems)


def format_report(problems: list[Problem], *, github: bool = False) -> str:
    """All problems, sorted by place, then a count line."""
    ordered = sorted(problems)
    if github:
        return "\n".join(problem.github() for problem in ordered)
    errors = sum(1 for p in ordered if p.severity == "error")
    warnings = len(ordered) - errors
    text = "\n\n".join(problem.human() for problem in ordered)
    count = f"共 {errors} 个错误，{warnings} 个提醒。"
    return f"{text}\n\n{count}" if text else count
